import type { JsonObject } from '@backstage/types';
import type {
  Exemption,
  ExemptionStatus,
} from '@ratchet/backstage-plugin-maturity-common';
import type {
  DefinitionProvider,
  ResultReader,
  ResultView,
} from '../evaluation';
import type { HttpContext } from '../http/context';

/** The exemptions the entity view shows and counts. */
export interface ExemptionReader {
  /** The active exemptions among these entities, as `entity|definition|check` keys. */
  activeFor(entityRefs: string[]): Promise<Set<string>>;
  /** Exemptions of one entity in some statuses. */
  list(query: {
    entityRef: string;
    status: ExemptionStatus[];
  }): Promise<Exemption[]>;
}

/** Everything the scorecard, entity, report, roll-up, history and check routes use. */
export interface ScorecardContext extends HttpContext {
  /** The compiled Scorecards and Campaigns. */
  definitions: DefinitionProvider;
  /** Current results, levels, transitions and snapshots. */
  results: ResultView;
  /** Aggregations over results and levels. */
  queries: ResultReader;
  /** Exemptions, for the entity view. */
  exemptions: ExemptionReader;
  /** Re-evaluation of one entity (on demand, or when an exemption it counts has expired). */
  evaluation: { evaluateEntities(entityRefs: string[]): Promise<unknown> };
  /**
   * Fresh facts for one entity from every collecting source, evaluated (POST /evaluate); the installed
   * sources with their schemas, for definition health.
   */
  collector: {
    collectFor(entityRefs: string[]): Promise<unknown>;
    sources(): Array<{ id: string; schema: JsonObject }>;
  };
}
