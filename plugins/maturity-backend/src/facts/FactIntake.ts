import type { FactSource } from '@ratchet/backstage-plugin-maturity-node';
import {
  compileEntityFilter,
  CompiledEntityFilter,
} from '../entities/entityFilter';
import { entityFromFacts } from '../entities/catalogEntity';
import type { FactKey, FactStore, FactWrite } from './FactStore';

/**
 * Called with the entities whose facts changed (each once). The plugin wires evaluation here, so facts
 * never depend on evaluation; it resolves to the number of (entity, check) evaluations it ran.
 */
export type FactsChangedListener = (
  entityRefs: string[],
) => Promise<{ evaluations: number }>;

/** What one intake did. */
export interface FactIntakeResult {
  /** Keys whose facts changed (or are new), in batch order. */
  changed: FactKey[];
  /** Items whose facts were already stored as they are. */
  unchanged: number;
  /** Items not stored: their entity is outside their source's `entityFilter`. */
  outOfScope: number;
  /** The entities handed to the listener: changed ones plus any asked for. */
  entityRefs: string[];
  /** Evaluations the listener ran. */
  evaluations: number;
}

/**
 * The one way facts enter the plugin — pushes and both collector paths: store the batch (changes only,
 * one transaction) and then hand the entities whose facts changed to `onFactsChanged`, so that results
 * follow facts without a sweep. Facts for an entity outside their source's `entityFilter` are dropped
 * first; the entity is judged by its stored `catalog` facts (or those in the same batch). An entity whose
 * catalog facts are not stored yet (it appeared in the catalog moments ago) keeps its facts: dropping
 * them would lose a collection run until the next one, and checks still apply by the entity itself.
 */
export class FactIntake {
  readonly #facts: FactStore;
  readonly #onFactsChanged: FactsChangedListener;
  readonly #filters = new Map<string, CompiledEntityFilter>();

  /** Creates the intake over the fact store; `sources` with an `entityFilter` are kept to it. */
  constructor(options: {
    facts: FactStore;
    onFactsChanged: FactsChangedListener;
    sources?: FactSource[];
  }) {
    this.#facts = options.facts;
    this.#onFactsChanged = options.onFactsChanged;
    for (const source of options.sources ?? []) {
      if (source.entityFilter) {
        this.#filters.set(source.id, compileEntityFilter(source.entityFilter));
      }
    }
  }

  /**
   * Stores the writes and re-evaluates the entities whose facts changed, plus `reevaluate` (entities to
   * evaluate even when nothing changed, e.g. on demand); the listener is not called when there are none.
   */
  async write(
    writes: FactWrite[],
    options: { reevaluate?: string[] } = {},
  ): Promise<FactIntakeResult> {
    const inScope = await this.#inScope(writes);
    const written = await this.#facts.writeFacts(inScope);
    const entityRefs = [
      ...new Set([
        ...written.changed.map(c => c.entityRef),
        ...(options.reevaluate ?? []),
      ]),
    ];
    const { evaluations } = entityRefs.length
      ? await this.#onFactsChanged(entityRefs)
      : { evaluations: 0 };
    return {
      changed: written.changed,
      unchanged: written.unchanged,
      outOfScope: writes.length - inScope.length,
      entityRefs,
      evaluations,
    };
  }

  /** The writes whose entity passes their source's filter; filters need the entity's catalog facts. */
  async #inScope(writes: FactWrite[]): Promise<FactWrite[]> {
    const filtered = writes.filter(w => this.#filters.has(w.source));
    if (filtered.length === 0) return writes;
    const catalogInBatch = new Map(
      writes
        .filter(w => w.source === 'catalog')
        .map(w => [w.entityRef, { catalog: w.facts }]),
    );
    const stored = await this.#facts.getFacts([
      ...new Set(
        filtered.map(w => w.entityRef).filter(ref => !catalogInBatch.has(ref)),
      ),
    ]);
    return writes.filter(w => {
      const matches = this.#filters.get(w.source);
      if (!matches) return true;
      const entity = entityFromFacts(
        catalogInBatch.get(w.entityRef) ?? stored.get(w.entityRef),
      );
      return entity === undefined || matches(entity);
    });
  }
}
