import type { LoggerService } from '@backstage/backend-plugin-api';
import type { FactSource } from '@ratchet/backstage-plugin-maturity-node';
import type { FactStore } from './FactStore';
import type { EvaluationService } from '../evaluation/EvaluationService';

/**
 * Runs fact sources: collects, stores only what changed, and re-evaluates exactly the entities whose
 * facts changed — the incremental path that keeps results fresh between sweeps.
 */
export class FactCollector {
  readonly #sources = new Map<string, FactSource>();
  readonly #facts: FactStore;
  readonly #evaluation: EvaluationService;
  readonly #logger: LoggerService;

  /** Creates the collector over the registered sources. */
  constructor(options: {
    sources: FactSource[];
    facts: FactStore;
    evaluation: EvaluationService;
    logger: LoggerService;
  }) {
    for (const source of options.sources) {
      if (this.#sources.has(source.id)) {
        throw new Error(`Fact source id '${source.id}' is registered twice`);
      }
      this.#sources.set(source.id, source);
    }
    this.#facts = options.facts;
    this.#evaluation = options.evaluation;
    this.#logger = options.logger;
  }

  /** Every registered source. */
  sources(): FactSource[] {
    return [...this.#sources.values()];
  }

  /** One source by id. */
  source(id: string): FactSource | undefined {
    return this.#sources.get(id);
  }

  /** Collects from one source (for all entities, or the given ones) and evaluates what changed. */
  async collect(
    sourceId: string,
    options: { entityRefs?: string[]; signal?: AbortSignal } = {},
  ) {
    const source = this.#sources.get(sourceId);
    if (!source?.collect) return { changed: 0, unchanged: 0 };
    const started = Date.now();
    const collected = await source.collect(options);
    const written = await this.#facts.writeFacts(
      collected.map(c => ({ ...c, source: source.id })),
    );
    const entityRefs = [...new Set(written.changed.map(c => c.entityRef))];
    const summary = await this.#evaluation.evaluateEntities(entityRefs);
    this.#logger.info('Collected facts', {
      source: source.id,
      entities: collected.length,
      changed: entityRefs.length,
      unchanged: written.unchanged,
      evaluations: summary.evaluations,
      durationMs: Date.now() - started,
    });
    return { changed: entityRefs.length, unchanged: written.unchanged };
  }

  /** Collects from every collecting source for these entities (on-demand re-evaluation). */
  async collectFor(entityRefs: string[]) {
    for (const source of this.#sources.values()) {
      if (!source.collect) continue;
      const collected = await source.collect({ entityRefs });
      await this.#facts.writeFacts(
        collected.map(c => ({ ...c, source: source.id })),
      );
    }
    return this.#evaluation.evaluateEntities(entityRefs);
  }
}
