import type { LoggerService } from '@backstage/backend-plugin-api';
import type { FactSource } from '@ratchet/backstage-plugin-maturity-node';
import type { FactIntake } from './FactIntake';

/**
 * Runs fact sources: collects and hands what they observed to the intake, which stores only what changed
 * and re-evaluates exactly the entities whose facts changed — the incremental path that keeps results
 * fresh between sweeps.
 */
export class FactCollector {
  readonly #sources = new Map<string, FactSource>();
  readonly #intake: FactIntake;
  readonly #logger: LoggerService;

  /** Creates the collector over the registered sources. */
  constructor(options: {
    sources: FactSource[];
    intake: FactIntake;
    logger: LoggerService;
  }) {
    for (const source of options.sources) {
      if (this.#sources.has(source.id)) {
        throw new Error(`Fact source id '${source.id}' is registered twice`);
      }
      if (source.mode === 'collect' && !source.collect) {
        throw new Error(
          `Fact source '${source.id}' has mode 'collect' but no collect()`,
        );
      }
      this.#sources.set(source.id, source);
    }
    this.#intake = options.intake;
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

  /** The sources the plugin collects (mode `collect`); `push` sources only receive POST /facts. */
  collectedSources(): FactSource[] {
    return this.sources().filter(s => s.mode === 'collect' && s.collect);
  }

  /** Collects from one source (for all entities, or the given ones) and evaluates what changed. */
  async collect(
    sourceId: string,
    options: { entityRefs?: string[]; signal?: AbortSignal } = {},
  ) {
    const source = this.#sources.get(sourceId);
    if (source?.mode !== 'collect' || !source.collect) {
      return { changed: 0, unchanged: 0 };
    }
    const started = Date.now();
    const collected = await source.collect(options);
    const written = await this.#intake.write(
      collected.map(c => ({ ...c, source: source.id })),
    );
    this.#logger.info('Collected facts', {
      source: source.id,
      entities: collected.length,
      changed: written.entityRefs.length,
      unchanged: written.unchanged,
      evaluations: written.evaluations,
      durationMs: Date.now() - started,
    });
    return { changed: written.entityRefs.length, unchanged: written.unchanged };
  }

  /** Collects from every collecting source for these entities and evaluates them (on demand). */
  async collectFor(entityRefs: string[]) {
    const writes = [];
    for (const source of this.collectedSources()) {
      const collected = (await source.collect?.({ entityRefs })) ?? [];
      writes.push(...collected.map(c => ({ ...c, source: source.id })));
    }
    return this.#intake.write(writes, { reevaluate: entityRefs });
  }
}
