import type { DatabaseService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, JsonObject } from '@backstage/types';
import type { EntityFacts } from '@ratchet/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { chunk, distinct, maxBindings, whereInSize } from '../database/bulk';
import { ColumnTypes, insertRows } from '../database/insertRows';
import { getMigratedClient } from '../database/migrations';
import {
  canonicalJson,
  parseJson,
  sha256,
  toIsoTimestamp,
  toNumber,
} from '../database/values';
import type {
  FactChange,
  FactKey,
  FactStore,
  FactWrite,
  PruneChangesOptions,
  WriteFactsResult,
} from './FactStore';
import { FactHashRow, factVersionsOf, readFactHashes } from './factVersions';

const FACTS = 'maturity_facts';
const CHANGES = 'maturity_fact_changes';

const FACT_COLUMNS: ColumnTypes = {
  entity_ref: 'text',
  source: 'text',
  facts: 'text',
  hash: 'text',
  observed_at: 'timestamptz',
  updated_at: 'timestamptz',
};

const CHANGE_COLUMNS: ColumnTypes = {
  entity_ref: 'text',
  source: 'text',
  facts: 'text',
  hash: 'text',
  observed_at: 'timestamptz',
  created_at: 'timestamptz',
};

type FactRow = {
  entity_ref: string;
  source: string;
  facts: string;
  hash: string;
  observed_at: Date;
  updated_at: Date;
};

interface ChangeRow {
  id: number | string;
  entity_ref: string;
  source: string;
  facts: string;
  hash: string;
  observed_at: unknown;
  created_at: unknown;
}

function keyOf(entityRef: string, source: string): string {
  // NUL cannot appear in a ref or a source id, so the pair is unambiguous.
  return `${entityRef}\u0000${source}`;
}

/** The fact store on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseFactStore implements FactStore {
  readonly #db: Knex;

  /** Creates the store on the plugin's database, migrating it unless skipped. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseFactStore> {
    return new DatabaseFactStore(await getMigratedClient(options));
  }

  /** Wraps an already migrated client (tests, tools). */
  static fromKnex(knex: Knex): DatabaseFactStore {
    return new DatabaseFactStore(knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async writeFacts(batch: FactWrite[]): Promise<WriteFactsResult> {
    if (batch.length === 0) {
      return { changed: [], unchanged: 0 };
    }
    const now = new Date();
    const latest = new Map<string, FactRow>();
    const dated = new Set<string>();
    for (const write of batch) {
      const facts = canonicalJson(write.facts);
      if (write.observedAt) dated.add(keyOf(write.entityRef, write.source));
      else dated.delete(keyOf(write.entityRef, write.source));
      latest.set(keyOf(write.entityRef, write.source), {
        entity_ref: write.entityRef,
        source: write.source,
        facts,
        hash: sha256(facts),
        observed_at: write.observedAt ?? now,
        updated_at: now,
      });
    }
    const limit = await maxBindings(this.#db);

    return this.#db.transaction(async trx => {
      const stored = await this.#readHashes(
        trx,
        distinct([...latest.values()].map(row => row.entity_ref)),
        limit,
      );
      const changedRows = [...latest.entries()]
        .filter(([key, row]) => stored.get(key) !== row.hash)
        .map(([, row]) => row);

      await insertRows(trx, FACTS, FACT_COLUMNS, changedRows, {
        conflict: ['entity_ref', 'source'],
      });
      await insertRows(
        trx,
        CHANGES,
        CHANGE_COLUMNS,
        changedRows.map(row => ({
          entity_ref: row.entity_ref,
          source: row.source,
          facts: row.facts,
          hash: row.hash,
          observed_at: row.observed_at,
          created_at: now,
        })),
      );

      // A dated resend changes no facts but proves they are still current (freshness rules read
      // observed_at); an undated one, such as a collector's, writes nothing at all.
      await this.#touch(
        trx,
        [...latest.entries()]
          .filter(
            ([key, row]) => dated.has(key) && stored.get(key) === row.hash,
          )
          .map(([, row]) => row),
        limit,
      );

      return {
        changed: changedRows.map(
          (row): FactKey => ({ entityRef: row.entity_ref, source: row.source }),
        ),
        unchanged: latest.size - changedRows.length,
      };
    });
  }

  async #touch(db: Knex, rows: FactRow[], limit: number): Promise<void> {
    const groups = new Map<
      string,
      { source: string; at: Date; refs: string[] }
    >();
    for (const row of rows) {
      const at = row.observed_at as Date;
      const key = `${row.source}\u0000${at.getTime()}`;
      const group = groups.get(key) ?? { source: row.source, at, refs: [] };
      group.refs.push(row.entity_ref);
      groups.set(key, group);
    }
    for (const { source, at, refs } of groups.values()) {
      for (const part of chunk(refs, whereInSize(limit) - 2)) {
        await db(FACTS)
          .where('source', source)
          .whereIn('entity_ref', part)
          .where('observed_at', '<', at)
          .update({ observed_at: at });
      }
    }
  }

  async getObservedAt(
    entityRefs: string[],
    sources: string[],
  ): Promise<Map<string, Map<string, Date>>> {
    const result = new Map<string, Map<string, Date>>();
    if (sources.length === 0) return result;
    const limit = await maxBindings(this.#db);
    for (const refs of chunk(
      distinct(entityRefs),
      whereInSize(limit) - sources.length,
    )) {
      const rows: Array<
        Pick<FactRow, 'entity_ref' | 'source' | 'observed_at'>
      > = await this.#db(FACTS)
        .select('entity_ref', 'source', 'observed_at')
        .whereIn('entity_ref', refs)
        .whereIn('source', sources);
      for (const row of rows) {
        const bySource = result.get(row.entity_ref) ?? new Map<string, Date>();
        bySource.set(row.source, new Date(toIsoTimestamp(row.observed_at)));
        result.set(row.entity_ref, bySource);
      }
    }
    return result;
  }

  async #readHashes(
    db: Knex,
    entityRefs: string[],
    limit: number,
  ): Promise<Map<string, string>> {
    const rows = await readFactHashes(db, entityRefs, limit);
    return new Map(
      rows.map(row => [keyOf(row.entity_ref, row.source), row.hash]),
    );
  }

  async getFacts(entityRefs: string[]): Promise<Map<string, EntityFacts>> {
    return (await this.getFactsAndVersions(entityRefs)).facts;
  }

  async getFactsAndVersions(entityRefs: string[]): Promise<{
    facts: Map<string, EntityFacts>;
    versions: Map<string, string>;
  }> {
    const facts = new Map<string, EntityFacts>();
    const hashes: FactHashRow[] = [];
    const limit = await maxBindings(this.#db);
    for (const refs of chunk(distinct(entityRefs), whereInSize(limit))) {
      const rows: Array<
        Pick<FactRow, 'entity_ref' | 'source' | 'facts' | 'hash'>
      > = await this.#db(FACTS)
        .select('entity_ref', 'source', 'facts', 'hash')
        .whereIn('entity_ref', refs);
      for (const row of rows) {
        let entityFacts = facts.get(row.entity_ref);
        if (!entityFacts) {
          entityFacts = {};
          facts.set(row.entity_ref, entityFacts);
        }
        entityFacts[row.source] = parseJson<JsonObject>(row.facts);
        hashes.push(row);
      }
    }
    // From the same rows as the facts: the version is exactly what was evaluated.
    return { facts, versions: factVersionsOf(hashes) };
  }

  async listEntityRefs(): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.#db(FACTS)
      .distinct('entity_ref')
      .orderBy('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  async deleteEntities(entityRefs: string[]): Promise<number> {
    const refs = distinct(entityRefs);
    if (refs.length === 0) {
      return 0;
    }
    const limit = await maxBindings(this.#db);
    return this.#db.transaction(async trx => {
      let deleted = 0;
      for (const part of chunk(refs, whereInSize(limit))) {
        deleted += await trx(FACTS).whereIn('entity_ref', part).delete();
        await trx(CHANGES).whereIn('entity_ref', part).delete();
      }
      return deleted;
    });
  }

  async retainOnly(liveEntityRefs: ReadonlySet<string>): Promise<string[]> {
    // The change log is consulted too, so that an entity whose facts row is already gone loses its log.
    const [facts, changes]: Array<Array<{ entity_ref: string }>> =
      await Promise.all([
        this.#db(FACTS).distinct('entity_ref'),
        this.#db(CHANGES).distinct('entity_ref'),
      ]);
    const stale = distinct(
      [...facts, ...changes]
        .map(row => row.entity_ref)
        .filter(ref => !liveEntityRefs.has(ref)),
    ).sort();
    await this.deleteEntities(stale);
    return stale;
  }

  async pruneChanges(options: PruneChangesOptions): Promise<number> {
    let deleted = 0;
    if (options.maxAge) {
      const cutoff = new Date(
        Date.now() - durationToMilliseconds(options.maxAge),
      );
      deleted += await this.#db(CHANGES)
        .where('created_at', '<', cutoff)
        .delete();
    }
    const keep = options.maxPerEntitySource;
    if (keep !== undefined) {
      if (!Number.isInteger(keep) || keep < 0) {
        throw new InputError(
          `maxPerEntitySource must be a non-negative integer, got ${keep}`,
        );
      }
      // One statement on both engines (window functions: SQLite >= 3.25, PostgreSQL); ids increase
      // with insertion, so ordering by id keeps the newest even when timestamps tie.
      const ranked = this.#db(CHANGES)
        .select('id')
        .select(
          this.#db.raw(
            'row_number() over (partition by entity_ref, source order by id desc) as rn',
          ),
        )
        .as('ranked');
      const surplus = this.#db.from(ranked).select('id').where('rn', '>', keep);
      deleted += await this.#db(CHANGES).whereIn('id', surplus).delete();
    }
    return deleted;
  }

  async getFactHistory(
    entityRef: string,
    source: string,
    limit = 50,
  ): Promise<FactChange[]> {
    const rows: ChangeRow[] = await this.#db(CHANGES)
      .select('*')
      .where({ entity_ref: entityRef, source })
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(row => ({
      id: toNumber(row.id),
      entityRef: row.entity_ref,
      source: row.source,
      facts: parseJson<JsonObject>(row.facts),
      hash: row.hash,
      observedAt: toIsoTimestamp(row.observed_at),
      createdAt: toIsoTimestamp(row.created_at),
    }));
  }
}
