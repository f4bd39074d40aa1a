import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  CheckStatus,
  EntityFacts,
} from '@ratchet/backstage-plugin-maturity-common';
import { entityFromFacts } from '../entities/catalogEntity';
import type { FactStore } from '../facts/FactStore';
import { detectDrops, ownerOf } from './detectDrops';
import { computeLevel } from './results/levels';
import type {
  LevelWrite,
  ResultStore,
  ResultWrite,
  TransitionRecord,
} from './results/ResultStore';
import type { CompiledDefinition } from './definitions/compileDefinitions';

/** Supplies the compiled Scorecards and Campaigns. */
export interface DefinitionProvider {
  /** The current definitions, compiled. */
  getDefinitions(): Promise<CompiledDefinition[]>;
}

/** Which (entity, definition, check) triples are exempt right now, as `entity|definition|check` keys. */
export interface ExemptionLookup {
  /** The active exemptions among these entities. */
  activeFor(entityRefs: string[]): Promise<Set<string>>;
}

/** An entity that fell to a lower level on a scorecard. */
export interface LevelDrop {
  /** The entity ref. */
  entityRef: string;
  /** The scorecard ref. */
  scorecardRef: string;
  /** The level before (null: none). */
  from: string | null;
  /** The level now (null: none). */
  to: string | null;
  /** The owner ref from the catalog facts, when known. */
  ownerRef?: string;
  /** The checks of the scorecard that stopped passing in this evaluation. */
  regressed: TransitionRecord[];
}

/** Results evaluation just wrote: what views that precompute from results (campaigns) listen to. */
export interface ResultsChange {
  /** The entities whose results were rewritten (the whole scope of the write). */
  entityRefs: string[];
  /** The definitions in that scope; undefined for all. */
  definitionRefs?: string[];
  /** Status changes among them. */
  transitions: TransitionRecord[];
}

/** What one evaluation did. */
export interface EvaluationSummary {
  /** Entities evaluated. */
  entities: number;
  /** (entity, check) evaluations. */
  evaluations: number;
  /** Result rows written (changes only). */
  written: number;
  /** Status changes. */
  transitions: number;
  /** Level drops detected (and reported to the listener). */
  drops: LevelDrop[];
}

/** Keys of exemptions and other lookups. */
export const resultKey = (
  entityRef: string,
  definitionRef: string,
  checkId: string,
) => `${entityRef}|${definitionRef}|${checkId}`;

/**
 * Result rows per transaction by default. What a transaction holds (its results, the stored state read
 * back for the diff, the transitions) outlives young-generation collections, so the heap grows with it:
 * in bench/evaluate.ts (10,000 entities × 50 checks) peak RSS went from 659 MB on SQLite and 544 MB on
 * PostgreSQL at 50,000 rows per transaction to 465 and 418 MB at 12,500. 5,000 saved little more and
 * made PostgreSQL sweeps slower.
 */
export const DEFAULT_RESULTS_PER_TRANSACTION = 12_500;

/**
 * Most entities per transaction, whatever the budget: applyResults reads back every stored result of the
 * entities in its scope, of all definitions, which a re-evaluation of a few definitions does not write.
 */
const MAX_ENTITIES_PER_TRANSACTION = 1000;

/** The results and levels of consecutive entities, written in one transaction. */
interface Batch {
  /** Every entity evaluated into the batch, those without facts included: the scope of the write. */
  entityRefs: string[];
  writes: ResultWrite[];
  levels: Array<{ write: LevelWrite; ownerRef?: string }>;
  /** The version of the facts each entity was evaluated from. */
  versions: Map<string, string>;
}

const emptyBatch = (): Batch => ({
  entityRefs: [],
  writes: [],
  levels: [],
  versions: new Map(),
});

/**
 * Evaluates compiled definitions against stored facts and persists results and levels: for some entities
 * (their facts changed), for some definitions (their YAML changed), or everything (the scheduled sweep).
 * Consecutive entities are written together, one transaction for results and levels, as long as their
 * result rows stay within a budget (an entity is never split) and they are at most 1,000, so that an
 * interrupted sweep leaves every result either old or new and a sweep's memory does not grow with the
 * number of checks per entity.
 */
export class EvaluationService {
  readonly #facts: FactStore;
  readonly #results: ResultStore;
  readonly #definitions: DefinitionProvider;
  readonly #exemptions?: ExemptionLookup;
  readonly #onLevelDrops?: (drops: LevelDrop[]) => Promise<void>;
  readonly #onResultsChanged?: (change: ResultsChange) => Promise<void>;
  readonly #logger: LoggerService;
  readonly #now: () => Date;
  readonly #resultsPerTransaction: number;

  /** Creates the service. */
  static create(options: {
    facts: FactStore;
    results: ResultStore;
    definitions: DefinitionProvider;
    logger: LoggerService;
    exemptions?: ExemptionLookup;
    onLevelDrops?: (drops: LevelDrop[]) => Promise<void>;
    /** Called after each write that changed or removed results, in the order of the writes. */
    onResultsChanged?: (change: ResultsChange) => Promise<void>;
    now?: () => Date;
    /** Most result rows per transaction (defaults to DEFAULT_RESULTS_PER_TRANSACTION); an entity with more gets a transaction of its own. */
    resultsPerTransaction?: number;
  }) {
    return new EvaluationService(options);
  }

  private constructor(options: Parameters<typeof EvaluationService.create>[0]) {
    this.#facts = options.facts;
    this.#results = options.results;
    this.#definitions = options.definitions;
    this.#exemptions = options.exemptions;
    this.#onLevelDrops = options.onLevelDrops;
    this.#onResultsChanged = options.onResultsChanged;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#resultsPerTransaction = Math.max(
      1,
      Math.floor(
        options.resultsPerTransaction ?? DEFAULT_RESULTS_PER_TRANSACTION,
      ),
    );
  }

  /** Re-evaluates every definition for these entities (their facts changed). */
  async evaluateEntities(entityRefs: string[]): Promise<EvaluationSummary> {
    const definitions = await this.#definitions.getDefinitions();
    const summary = emptySummary();
    await this.#evaluate(entityRefs, definitions, undefined, summary);
    return summary;
  }

  /** Re-evaluates these definitions for every entity with facts (their YAML changed or was removed). */
  async evaluateDefinitions(
    definitionRefs: string[],
  ): Promise<EvaluationSummary> {
    const wanted = new Set(definitionRefs);
    const definitions = (await this.#definitions.getDefinitions()).filter(d =>
      wanted.has(d.ref),
    );
    const summary = emptySummary();
    const entityRefs = await this.#facts.listEntityRefs();
    await this.#evaluate(entityRefs, definitions, definitionRefs, summary);
    return summary;
  }

  /** Re-evaluates everything: repairs whatever an incremental evaluation missed. */
  async sweep(): Promise<EvaluationSummary> {
    const started = Date.now();
    const summary = await this.evaluateEntities(
      await this.#facts.listEntityRefs(),
    );
    this.#logger.info('Maturity sweep finished', {
      entities: summary.entities,
      evaluations: summary.evaluations,
      written: summary.written,
      transitions: summary.transitions,
      durationMs: Date.now() - started,
    });
    return summary;
  }

  async #evaluate(
    entityRefs: string[],
    definitions: CompiledDefinition[],
    definitionScope: string[] | undefined,
    summary: EvaluationSummary,
  ) {
    const budget = this.#resultsPerTransaction;
    // Facts are read for as many entities as one transaction holds when every check applies, so that
    // they are garbage soon after they are read: objects that outlive a transaction are what make the
    // heap (and RSS) of a sweep grow. Batches still fill up across reads when fewer checks apply.
    const checksPerEntity = definitions.reduce(
      (n, d) => n + d.checks.length,
      0,
    );
    const readSize = Math.min(
      MAX_ENTITIES_PER_TRANSACTION,
      Math.max(1, Math.floor(budget / Math.max(1, checksPerEntity))),
    );
    let batch = emptyBatch();
    for (let i = 0; i < entityRefs.length; i += readSize) {
      const refs = entityRefs.slice(i, i + readSize);
      const [{ facts: factsByEntity, versions }, exempt] = await Promise.all([
        this.#facts.getFactsAndVersions(refs),
        this.#exemptions?.activeFor(refs) ?? Promise.resolve(new Set<string>()),
      ]);
      const evaluatedAt = this.#now();
      for (const entityRef of refs) {
        const next = emptyBatch();
        evaluateEntity(
          entityRef,
          factsByEntity.get(entityRef),
          definitions,
          { exempt, evaluatedAt, summary },
          next,
        );
        const full =
          batch.entityRefs.length >= MAX_ENTITIES_PER_TRANSACTION ||
          (batch.writes.length > 0 &&
            batch.writes.length + next.writes.length > budget);
        if (full) {
          await this.#persist(batch, definitionScope, summary);
          batch = emptyBatch();
        }
        batch.entityRefs.push(entityRef);
        const version = versions.get(entityRef);
        if (version !== undefined) batch.versions.set(entityRef, version);
        batch.writes.push(...next.writes);
        batch.levels.push(...next.levels);
      }
    }
    await this.#persist(batch, definitionScope, summary);
  }

  async #persist(
    batch: Batch,
    definitionScope: string[] | undefined,
    summary: EvaluationSummary,
  ) {
    if (batch.entityRefs.length === 0) return;
    const applied = await this.#results.applyResults(batch.writes, {
      scope: { entityRefs: batch.entityRefs, definitionRefs: definitionScope },
      levels: batch.levels.map(l => l.write),
      // Today's trend point follows the levels within this evaluation, not at the next sweep.
      snapshotDay: this.#now().toISOString().slice(0, 10),
      factVersions: batch.versions,
    });
    const stale = new Set(applied.stale);
    if (stale.size) {
      this.#logger.debug('Left results of changed facts to their evaluation', {
        entities: stale.size,
      });
    }
    summary.written += applied.written;
    summary.transitions += applied.transitions.length;
    if (applied.written || applied.deleted) {
      await this.#onResultsChanged?.({
        entityRefs: batch.entityRefs,
        definitionRefs: definitionScope,
        transitions: applied.transitions,
      }).catch(error =>
        this.#logger.warn('Could not update views after a results write', {
          error: String(error),
        }),
      );
    }
    const drops = detectDrops(
      applied.previousLevels ?? [],
      batch.levels.filter(l => !stale.has(l.write.entityRef)),
      applied.transitions,
    );
    if (drops.length) {
      summary.drops.push(...drops);
      await this.#onLevelDrops?.(drops).catch(error =>
        this.#logger.warn('Could not notify level drops', {
          error: String(error),
        }),
      );
    }
  }
}

/** Evaluates every definition that applies to one entity into `into`; an entity without catalog facts adds nothing. */
function evaluateEntity(
  entityRef: string,
  facts: EntityFacts | undefined,
  definitions: CompiledDefinition[],
  context: {
    exempt: Set<string>;
    evaluatedAt: Date;
    summary: EvaluationSummary;
  },
  into: Batch,
) {
  const { exempt, evaluatedAt, summary } = context;
  const entity = entityFromFacts(facts);
  if (!facts || !entity) return;
  summary.entities += 1;
  for (const definition of definitions) {
    if (!definition.appliesTo(entity)) continue;
    const statuses: Array<{ level: string; status: CheckStatus }> = [];
    for (const check of definition.checks) {
      let outcome = check.compiled.appliesTo(entity, facts)
        ? check.compiled.evaluate(facts)
        : {
            status: 'not-applicable' as const,
            message: 'Does not apply to this entity',
          };
      summary.evaluations += 1;
      let status: CheckStatus = outcome.status;
      if (
        status !== 'pass' &&
        status !== 'not-applicable' &&
        exempt.has(resultKey(entityRef, definition.ref, check.id))
      ) {
        status = 'exempt';
        outcome = { ...outcome };
      }
      into.writes.push({
        entityRef,
        definitionRef: definition.ref,
        checkId: check.id,
        outcome: { ...outcome, status },
        evaluatedAt,
      });
      if (check.level) {
        // Before its effective date a check is shown but cannot cost a level.
        const counted = check.compiled.isEffective()
          ? status
          : 'not-applicable';
        statuses.push({ level: check.level, status: counted });
      }
    }
    if (definition.kind === 'Scorecard') {
      const level = computeLevel(definition.levels, statuses);
      into.levels.push({
        write: { entityRef, scorecardRef: definition.ref, ...level },
        ownerRef: ownerOf(facts),
      });
    }
  }
}

function emptySummary(): EvaluationSummary {
  return { entities: 0, evaluations: 0, written: 0, transitions: 0, drops: [] };
}
