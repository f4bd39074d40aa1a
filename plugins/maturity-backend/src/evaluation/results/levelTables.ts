import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  chunk,
  distinct,
  isPostgres,
  whereInAny,
  whereInSize,
} from '../../database/bulk';
import { ColumnTypes, insertRows, InsertRow } from '../../database/insertRows';
import { toIsoTimestamp, toNumber } from '../../database/values';
import type { LevelRecord, LevelSnapshot, LevelWrite } from './ResultStore';

/** The current levels table. */
export const LEVELS = 'maturity_levels';
/** The daily snapshots table. */
export const SNAPSHOTS = 'maturity_level_snapshots';

const LEVEL_COLUMNS: ColumnTypes = {
  entity_ref: 'text',
  scorecard_ref: 'text',
  level: 'text',
  level_index: 'integer',
  passed: 'integer',
  failed: 'integer',
  errored: 'integer',
  total: 'integer',
  updated_at: 'timestamptz',
};

interface LevelRow {
  entity_ref: string;
  scorecard_ref: string;
  level: string | null;
  level_index: number | string;
  passed: number | string;
  failed: number | string;
  errored: number | string;
  total: number | string;
  updated_at: unknown;
}

interface SnapshotRow {
  day: string;
  entity_ref: string;
  scorecard_ref: string;
  level: string | null;
  level_index: number | string;
  passed: number | string;
  total: number | string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Rejects anything but a 'YYYY-MM-DD' day, which is what makes string comparison of days correct. */
export function assertDay(day: string): void {
  if (!DAY.test(day)) {
    throw new InputError(`Expected a day as YYYY-MM-DD, got '${day}'`);
  }
}

function levelKey(entityRef: string, scorecardRef: string): string {
  return `${entityRef}\u0000${scorecardRef}`;
}

function toLevelRecord(row: LevelRow): LevelRecord {
  return {
    entityRef: row.entity_ref,
    scorecardRef: row.scorecard_ref,
    level: row.level ?? null,
    levelIndex: toNumber(row.level_index),
    passed: toNumber(row.passed),
    failed: toNumber(row.failed),
    errored: toNumber(row.errored),
    total: toNumber(row.total),
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

function sameLevel(a: LevelRecord, b: LevelWrite): boolean {
  return (
    a.level === b.level &&
    a.levelIndex === b.levelIndex &&
    a.passed === b.passed &&
    a.failed === b.failed &&
    a.errored === b.errored &&
    a.total === b.total
  );
}

/**
 * Upserts changed levels (inside the caller's transaction); returns the previous rows of the keys and how
 * many rows changed.
 */
export async function writeLevelRows(
  trx: Knex,
  levels: LevelWrite[],
  bindingLimit: number,
): Promise<{ previous: LevelRecord[]; changed: number; rows: LevelWrite[] }> {
  const incoming = new Map<string, LevelWrite>();
  for (const level of levels) {
    incoming.set(levelKey(level.entityRef, level.scorecardRef), level);
  }
  const scorecards = distinct(levels.map(l => l.scorecardRef)).sort();
  const stored = new Map<string, LevelRecord>();
  // Sorted, so concurrent writers lock rows in the same order and cannot deadlock each other.
  const entities = distinct(levels.map(l => l.entityRef)).sort();
  // On PostgreSQL the read locks the rows: a concurrent writer waits and then reads the level this
  // transaction wrote, so only one of two evaluations racing on an entity sees (and reports) a drop.
  // SQLite serialises writers on the database itself and has no row locks.
  const lock = isPostgres(trx);
  for (const refs of chunk(
    entities,
    whereInSize(bindingLimit, scorecards.length),
  )) {
    const query = trx(LEVELS)
      .select('*')
      .whereIn('entity_ref', refs)
      .orderBy(['entity_ref', 'scorecard_ref']);
    const rows: LevelRow[] = await whereInAny(
      trx,
      lock ? query.forUpdate() : query,
      'scorecard_ref',
      scorecards,
    );
    for (const row of rows) {
      stored.set(
        levelKey(row.entity_ref, row.scorecard_ref),
        toLevelRecord(row),
      );
    }
  }

  const now = new Date();
  const previous: LevelRecord[] = [];
  const changed: InsertRow[] = [];
  const rows: LevelWrite[] = [];
  for (const [key, level] of incoming) {
    const before = stored.get(key);
    if (before) {
      previous.push(before);
    }
    if (!before || !sameLevel(before, level)) {
      rows.push(level);
      changed.push({
        entity_ref: level.entityRef,
        scorecard_ref: level.scorecardRef,
        level: level.level,
        level_index: level.levelIndex,
        passed: level.passed,
        failed: level.failed,
        errored: level.errored,
        total: level.total,
        updated_at: now,
      });
    }
  }
  await insertRows(trx, LEVELS, LEVEL_COLUMNS, changed, {
    conflict: ['entity_ref', 'scorecard_ref'],
  });
  return { previous, changed: changed.length, rows };
}

const SNAPSHOT_COLUMNS: ColumnTypes = {
  day: 'text',
  entity_ref: 'text',
  scorecard_ref: 'text',
  level: 'text',
  level_index: 'integer',
  passed: 'integer',
  total: 'integer',
};

/**
 * Moves the rows of `day`'s snapshot for levels that just changed (inside the caller's transaction), so
 * the day's trend point agrees with the current level distribution within one evaluation instead of at
 * the next sweep. Only scorecards whose day already has a snapshot: a partial one would be read as the
 * whole day; the first snapshot of a day is copied whole by the tasks (snapshotTodayIfMissing).
 */
export async function followSnapshotRows(
  trx: Knex,
  day: string,
  levels: LevelWrite[],
): Promise<number> {
  assertDay(day);
  if (levels.length === 0) return 0;
  const scorecards = distinct(levels.map(l => l.scorecardRef));
  const present = new Set<string>();
  for (const scorecardRef of scorecards) {
    const row = await trx(SNAPSHOTS)
      .where({ day, scorecard_ref: scorecardRef })
      .first('day');
    if (row) present.add(scorecardRef);
  }
  const rows: InsertRow[] = levels
    .filter(l => present.has(l.scorecardRef))
    .map(l => ({
      day,
      entity_ref: l.entityRef,
      scorecard_ref: l.scorecardRef,
      level: l.level,
      level_index: l.levelIndex,
      passed: l.passed,
      total: l.total,
    }));
  await insertRows(trx, SNAPSHOTS, SNAPSHOT_COLUMNS, rows, {
    conflict: ['day', 'scorecard_ref', 'entity_ref'],
  });
  return rows.length;
}

/** Reads the current levels on a scorecard. */
export async function readLevels(
  db: Knex,
  scorecardRef: string,
  entityRefs?: string[],
): Promise<LevelRecord[]> {
  let query = db(LEVELS).select('*').where('scorecard_ref', scorecardRef);
  if (entityRefs) {
    query = whereInAny(db, query, 'entity_ref', distinct(entityRefs));
  }
  const rows: LevelRow[] = await query.orderBy('entity_ref');
  return rows.map(toLevelRecord);
}

/** Replaces the snapshot of `day` by a copy of the current levels, in one statement pair. */
export async function snapshotLevelRows(
  trx: Knex,
  day: string,
): Promise<number> {
  assertDay(day);
  await trx(SNAPSHOTS).where('day', day).delete();
  // INSERT … SELECT keeps the copy inside the database: 10,000s of rows never travel to Node and back.
  await trx.raw(
    `insert into ?? (day, entity_ref, scorecard_ref, level, level_index, passed, total)
     select ?, entity_ref, scorecard_ref, level, level_index, passed, total from ??`,
    [SNAPSHOTS, day, LEVELS],
  );
  const [row] = await trx(SNAPSHOTS).where('day', day).count({ n: '*' });
  return toNumber(row.n);
}

/** Reads one entity's snapshots on one scorecard since a day. */
export async function readLevelHistory(
  db: Knex,
  entityRef: string,
  scorecardRef: string,
  sinceDay: string,
): Promise<LevelSnapshot[]> {
  assertDay(sinceDay);
  const rows: SnapshotRow[] = await db(SNAPSHOTS)
    .select('*')
    .where({ entity_ref: entityRef, scorecard_ref: scorecardRef })
    .andWhere('day', '>=', sinceDay)
    .orderBy('day');
  return rows.map(row => ({
    day: row.day,
    entityRef: row.entity_ref,
    scorecardRef: row.scorecard_ref,
    level: row.level ?? null,
    levelIndex: toNumber(row.level_index),
    passed: toNumber(row.passed),
    total: toNumber(row.total),
  }));
}
