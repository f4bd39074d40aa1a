import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  CheckStatus,
  EntityFacts,
} from '@ratchet/backstage-plugin-maturity-common';
import type { FactStore } from '../facts/FactStore';
import { computeLevel } from '../results/levels';
import type {
  LevelRecord,
  LevelWrite,
  ResultStore,
  ResultWrite,
  TransitionRecord,
} from '../results/ResultStore';
import type { CompiledDefinition } from './compileDefinitions';

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

/** Entities per transaction in sweeps: big enough for throughput, small enough to keep memory flat. */
const CHUNK = 1000;

/**
 * Evaluates compiled definitions against stored facts and persists results and levels: for some entities
 * (their facts changed), for some definitions (their YAML changed), or everything (the scheduled sweep).
 * Each chunk is one transaction for results and one for levels, so an interrupted sweep leaves every
 * result either old or new.
 */
export class EvaluationService {
  readonly #facts: FactStore;
  readonly #results: ResultStore;
  readonly #definitions: DefinitionProvider;
  readonly #exemptions?: ExemptionLookup;
  readonly #onLevelDrops?: (drops: LevelDrop[]) => Promise<void>;
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  /** Creates the service. */
  static create(options: {
    facts: FactStore;
    results: ResultStore;
    definitions: DefinitionProvider;
    logger: LoggerService;
    exemptions?: ExemptionLookup;
    onLevelDrops?: (drops: LevelDrop[]) => Promise<void>;
    now?: () => Date;
  }) {
    return new EvaluationService(options);
  }

  private constructor(options: Parameters<typeof EvaluationService.create>[0]) {
    this.#facts = options.facts;
    this.#results = options.results;
    this.#definitions = options.definitions;
    this.#exemptions = options.exemptions;
    this.#onLevelDrops = options.onLevelDrops;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
  }

  /** Re-evaluates every definition for these entities (their facts changed). */
  async evaluateEntities(entityRefs: string[]): Promise<EvaluationSummary> {
    const definitions = await this.#definitions.getDefinitions();
    const summary = emptySummary();
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      await this.#evaluateChunk(
        entityRefs.slice(i, i + CHUNK),
        definitions,
        undefined,
        summary,
      );
    }
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
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      await this.#evaluateChunk(
        entityRefs.slice(i, i + CHUNK),
        definitions,
        definitionRefs,
        summary,
      );
    }
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

  async #evaluateChunk(
    entityRefs: string[],
    definitions: CompiledDefinition[],
    definitionScope: string[] | undefined,
    summary: EvaluationSummary,
  ) {
    const [factsByEntity, exempt] = await Promise.all([
      this.#facts.getFacts(entityRefs),
      this.#exemptions?.activeFor(entityRefs) ??
        Promise.resolve(new Set<string>()),
    ]);
    const evaluatedAt = this.#now();
    const writes: ResultWrite[] = [];
    const levelInputs: Array<{ write: LevelWrite; ownerRef?: string }> = [];

    for (const entityRef of entityRefs) {
      const facts = factsByEntity.get(entityRef);
      const entity = facts && entityOf(facts);
      if (!facts || !entity) continue;
      summary.entities += 1;
      for (const definition of definitions) {
        if (!definition.appliesTo(entity)) continue;
        const statuses: Array<{ level: string; status: CheckStatus }> = [];
        for (const check of definition.checks) {
          let outcome = check.compiled.appliesTo(entity)
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
          writes.push({
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
          levelInputs.push({
            write: { entityRef, scorecardRef: definition.ref, ...level },
            ownerRef: ownerOf(facts),
          });
        }
      }
    }

    const applied = await this.#results.applyResults(writes, {
      scope: { entityRefs, definitionRefs: definitionScope },
      levels: levelInputs.map(l => l.write),
    });
    summary.written += applied.written;
    summary.transitions += applied.transitions.length;
    const drops = detectDrops(
      applied.previousLevels ?? [],
      levelInputs,
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

function emptySummary(): EvaluationSummary {
  return { entities: 0, evaluations: 0, written: 0, transitions: 0, drops: [] };
}

/** Rebuilds the entity shape entity filters need from the catalog facts. */
function entityOf(facts: EntityFacts): Entity | undefined {
  const catalog = facts.catalog;
  if (!catalog || typeof catalog.kind !== 'string') return undefined;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: catalog.kind,
    metadata: catalog.metadata as unknown as Entity['metadata'],
    spec: (catalog.spec ?? {}) as Entity['spec'],
  };
}

function ownerOf(facts: EntityFacts): string | undefined {
  const owner = facts.catalog?.owner;
  if (
    owner &&
    typeof owner === 'object' &&
    !Array.isArray(owner) &&
    typeof owner.ref === 'string'
  ) {
    return owner.ref;
  }
  return undefined;
}

function detectDrops(
  previous: LevelRecord[],
  inputs: Array<{ write: LevelWrite; ownerRef?: string }>,
  transitions: TransitionRecord[],
): LevelDrop[] {
  const before = new Map(
    previous.map(p => [`${p.entityRef}|${p.scorecardRef}`, p]),
  );
  const drops: LevelDrop[] = [];
  for (const { write, ownerRef } of inputs) {
    const prior = before.get(`${write.entityRef}|${write.scorecardRef}`);
    if (!prior || write.levelIndex >= prior.levelIndex) continue;
    drops.push({
      entityRef: write.entityRef,
      scorecardRef: write.scorecardRef,
      from: prior.level,
      to: write.level,
      ownerRef,
      regressed: transitions.filter(
        t =>
          t.entityRef === write.entityRef &&
          t.definitionRef === write.scorecardRef &&
          (t.fromStatus === 'pass' || t.fromStatus === 'exempt') &&
          (t.toStatus === 'fail' || t.toStatus === 'error'),
      ),
    });
  }
  return drops;
}
