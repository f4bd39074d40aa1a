import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import { compileDefinitions, CompiledDefinition } from './compileDefinitions';
import type { DefinitionProvider } from '../EvaluationService';

/** How long compiled definitions are reused before the catalog is asked again. */
const TTL_MS = 30_000;

/**
 * Reads Scorecards and Campaigns from the catalog (validated there by the catalog module) and compiles
 * them, caching the result briefly so that a burst of evaluations compiles once.
 */
export class CatalogDefinitionProvider implements DefinitionProvider {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #ratcheted?: () => Promise<ReadonlyMap<string, string>>;
  #cache?: { at: number; definitions: Promise<CompiledDefinition[]> };

  /** Creates the provider. */
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    /** Completed campaigns (ref → when) whose checks ratchet into their promoteTo scorecard. */
    ratcheted?: () => Promise<ReadonlyMap<string, string>>;
  }) {
    return new CatalogDefinitionProvider(options);
  }

  private constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    ratcheted?: () => Promise<ReadonlyMap<string, string>>;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#ratcheted = options.ratcheted;
  }

  /** The compiled definitions, at most TTL_MS old. */
  getDefinitions(): Promise<CompiledDefinition[]> {
    if (!this.#cache || Date.now() - this.#cache.at > TTL_MS) {
      const definitions = this.#load();
      this.#cache = { at: Date.now(), definitions };
      definitions.catch(() => (this.#cache = undefined));
    }
    return this.#cache.definitions;
  }

  /** Drops the cache so the next read sees the catalog as it is now. */
  invalidate() {
    this.#cache = undefined;
  }

  async #load() {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const { items } = await this.#catalog.getEntities(
      { filter: [{ kind: 'Scorecard' }, { kind: 'Campaign' }] },
      { credentials },
    );
    const definitions = compileDefinitions(
      items,
      undefined,
      await this.#ratcheted?.(),
    );
    for (const d of definitions) {
      for (const c of d.checks) {
        if (c.compiled.problems.length) {
          this.#logger.warn('Check has conditions that cannot be evaluated', {
            definitionRef: d.ref,
            checkId: c.id,
            problems: c.compiled.problems.join('; '),
          });
        }
      }
    }
    return definitions;
  }
}

/** Remembers which definition versions have been evaluated everywhere. */
export class DefinitionHashStore {
  readonly #db: Knex;

  /** Creates the store over a migrated client. */
  constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * Compares the current definitions with the stored hashes: returns the refs that are new, changed or
   * removed (all need re-evaluation), without recording anything yet.
   */
  async changedSince(definitions: CompiledDefinition[]): Promise<string[]> {
    const rows: Array<{ definition_ref: string; hash: string }> =
      await this.#db('maturity_definitions').select('definition_ref', 'hash');
    const stored = new Map(rows.map(r => [r.definition_ref, r.hash]));
    const changed = definitions
      .filter(d => stored.get(d.ref) !== d.hash)
      .map(d => d.ref);
    const current = new Set(definitions.map(d => d.ref));
    const removed = [...stored.keys()].filter(ref => !current.has(ref));
    return [...changed, ...removed];
  }

  /** Records that these definitions (and the removal of the others) have been evaluated. */
  async markEvaluated(definitions: CompiledDefinition[], refs: string[]) {
    const byRef = new Map(definitions.map(d => [d.ref, d]));
    const now = new Date();
    await this.#db.transaction(async tx => {
      for (const ref of refs) {
        const definition = byRef.get(ref);
        if (definition) {
          await tx('maturity_definitions')
            .insert({
              definition_ref: ref,
              hash: definition.hash,
              evaluated_at: now,
            })
            .onConflict('definition_ref')
            .merge();
        } else {
          await tx('maturity_definitions')
            .where({ definition_ref: ref })
            .delete();
        }
      }
    });
  }
}
