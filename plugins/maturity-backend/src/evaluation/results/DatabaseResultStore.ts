import type { DatabaseService } from '@backstage/backend-plugin-api';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  CHECK_STATUSES,
  CheckStatus,
} from '@ratchet/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import {
  chunk,
  distinct,
  maxBindings,
  whereInAny,
  whereInSize,
} from '../../database/bulk';
import {
  bumpViewGeneration,
  readViewGeneration,
} from '../../database/generation';
import { getMigratedClient } from '../../database/migrations';
import { toNumber } from '../../database/values';
import { applyResultRows } from './applyResults';
import {
  assertDay,
  followSnapshotRows,
  LEVELS,
  readLevelHistory,
  readLevels,
  snapshotLevelRows,
  SNAPSHOTS,
  writeLevelRows,
} from './levelTables';
import type {
  ApplyResultsSummary,
  CheckResultsPage,
  CheckResultsQuery,
  LevelRecord,
  LevelSnapshot,
  LevelWrite,
  ResultScope,
  ResultStore,
  ResultWrite,
  StatusCounts,
  StoredCheckResult,
  TransitionRecord,
  TransitionsQuery,
} from './ResultStore';
import {
  ResultRow,
  RESULTS,
  toResult,
  toTransition,
  TransitionRow,
  TRANSITIONS,
} from './resultTables';

/** The result store on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseResultStore implements ResultStore {
  readonly #db: Knex;

  /** Creates the store on the plugin's database, migrating it unless skipped. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseResultStore> {
    return new DatabaseResultStore(await getMigratedClient(options));
  }

  /** Wraps an already migrated client (tests, tools). */
  static fromKnex(knex: Knex): DatabaseResultStore {
    return new DatabaseResultStore(knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async applyResults(
    results: ResultWrite[],
    options: {
      scope?: ResultScope;
      levels?: LevelWrite[];
      snapshotDay?: string;
      factVersions?: ReadonlyMap<string, string>;
    } = {},
  ): Promise<ApplyResultsSummary> {
    const levels = options.levels ?? [];
    if (results.length === 0 && !options.scope && levels.length === 0) {
      return {
        transitions: [],
        written: 0,
        deleted: 0,
        ...(options.levels && { previousLevels: [] }),
      };
    }
    const limit = await maxBindings(this.#db);
    return this.#db.transaction(async trx => {
      const { stale, ...summary } = await applyResultRows(
        trx,
        results,
        options.scope,
        limit,
        options.factVersions,
      );
      const current = stale.size
        ? levels.filter(l => !stale.has(l.entityRef))
        : levels;
      const written = current.length
        ? await writeLevelRows(trx, current, limit)
        : { previous: [], changed: 0, rows: [] };
      if (options.snapshotDay) {
        await followSnapshotRows(trx, options.snapshotDay, written.rows);
      }
      // Last and once per transaction: the row lock it takes on PostgreSQL is held only until commit.
      if (summary.written + summary.deleted + written.changed > 0) {
        await bumpViewGeneration(trx);
      }
      const result: ApplyResultsSummary = stale.size
        ? { ...summary, stale: [...stale] }
        : summary;
      return options.levels
        ? { ...result, previousLevels: written.previous }
        : result;
    });
  }

  async getViewGeneration(): Promise<number> {
    return readViewGeneration(this.#db);
  }

  async getResultsForEntity(entityRef: string): Promise<StoredCheckResult[]> {
    const rows: ResultRow[] = await this.#db(RESULTS)
      .select('*')
      .where('entity_ref', entityRef)
      .orderBy(['definition_ref', 'check_id']);
    return rows.map(toResult);
  }

  async getResultsForCheck(
    definitionRef: string,
    checkId: string,
    query: CheckResultsQuery = {},
  ): Promise<CheckResultsPage> {
    let base = this.#db(RESULTS).where({
      definition_ref: definitionRef,
      check_id: checkId,
    });
    if (query.status !== undefined) {
      base = base.whereIn(
        'status',
        Array.isArray(query.status) ? query.status : [query.status],
      );
    }
    if (query.entityRefs) {
      base = whereInAny(
        this.#db,
        base,
        'entity_ref',
        distinct(query.entityRefs),
      );
    }
    const [counted] = await base.clone().count({ n: '*' });
    const rows: ResultRow[] = await base
      .clone()
      .select('*')
      .orderBy('entity_ref')
      .limit(query.limit ?? 100)
      .offset(query.offset ?? 0);
    return { items: rows.map(toResult), total: toNumber(counted.n) };
  }

  async countByStatus(
    definitionRef: string,
  ): Promise<Record<string, StatusCounts>> {
    const rows: Array<{ check_id: string; status: CheckStatus; n: unknown }> =
      await this.#db(RESULTS)
        .select('check_id', 'status')
        .count({ n: '*' })
        .where('definition_ref', definitionRef)
        .groupBy('check_id', 'status');
    const counts: Record<string, StatusCounts> = {};
    for (const row of rows) {
      counts[row.check_id] ??= Object.fromEntries(
        CHECK_STATUSES.map(status => [status, 0]),
      ) as StatusCounts;
      counts[row.check_id][row.status] = toNumber(row.n);
    }
    return counts;
  }

  async getTransitions(
    query: TransitionsQuery = {},
  ): Promise<TransitionRecord[]> {
    const filter: Record<string, string> = {};
    if (query.entityRef !== undefined) filter.entity_ref = query.entityRef;
    if (query.definitionRef !== undefined)
      filter.definition_ref = query.definitionRef;
    if (query.checkId !== undefined) filter.check_id = query.checkId;
    const rows: TransitionRow[] = await this.#db(TRANSITIONS)
      .select('*')
      .where(filter)
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit ?? 100);
    return rows.map(toTransition);
  }

  async pruneTransitions(options: { maxAge: HumanDuration }): Promise<number> {
    const cutoff = new Date(
      Date.now() - durationToMilliseconds(options.maxAge),
    );
    return this.#db(TRANSITIONS).where('at', '<', cutoff).delete();
  }

  async writeLevels(levels: LevelWrite[]): Promise<LevelRecord[]> {
    if (levels.length === 0) {
      return [];
    }
    const limit = await maxBindings(this.#db);
    return this.#db.transaction(async trx => {
      const { previous, changed } = await writeLevelRows(trx, levels, limit);
      if (changed > 0) await bumpViewGeneration(trx);
      return previous;
    });
  }

  async getLevels(query: {
    scorecardRef: string;
    entityRefs?: string[];
  }): Promise<LevelRecord[]> {
    return readLevels(this.#db, query.scorecardRef, query.entityRefs);
  }

  async snapshotLevels(day: string): Promise<number> {
    assertDay(day);
    return this.#db.transaction(trx => snapshotLevelRows(trx, day));
  }

  async hasSnapshot(day: string, scorecardRef?: string): Promise<boolean> {
    assertDay(day);
    const query = this.#db(SNAPSHOTS).where('day', day);
    const row = await (scorecardRef === undefined
      ? query
      : query.andWhere('scorecard_ref', scorecardRef)
    ).first('day');
    return row !== undefined;
  }

  async pruneSnapshots(olderThanDay: string): Promise<number> {
    assertDay(olderThanDay);
    return this.#db(SNAPSHOTS).where('day', '<', olderThanDay).delete();
  }

  async getLevelHistory(
    entityRef: string,
    scorecardRef: string,
    sinceDay: string,
  ): Promise<LevelSnapshot[]> {
    return readLevelHistory(this.#db, entityRef, scorecardRef, sinceDay);
  }

  async deleteEntities(entityRefs: string[]): Promise<void> {
    const refs = distinct(entityRefs);
    if (refs.length === 0) {
      return;
    }
    const limit = await maxBindings(this.#db);
    await this.#db.transaction(async trx => {
      for (const part of chunk(refs, whereInSize(limit))) {
        await trx(RESULTS).whereIn('entity_ref', part).delete();
        await trx(TRANSITIONS).whereIn('entity_ref', part).delete();
        await trx(LEVELS).whereIn('entity_ref', part).delete();
      }
      await bumpViewGeneration(trx);
    });
  }
}
