import type {
  CheckStatus,
  FailingCondition,
} from '@ratchet/backstage-plugin-maturity-common';
import type { ColumnTypes } from '../../database/insertRows';
import { parseJson, toIsoTimestamp } from '../../database/values';
import type { StoredCheckResult, TransitionRecord } from './ResultStore';

/** The current results table. */
export const RESULTS = 'maturity_results';
/** The status transitions table. */
export const TRANSITIONS = 'maturity_result_transitions';
/** The primary key of the current results. */
export const RESULT_KEY = ['entity_ref', 'definition_ref', 'check_id'];

/** Columns of a result row, as insertRows writes them. */
export const RESULT_COLUMNS: ColumnTypes = {
  entity_ref: 'text',
  definition_ref: 'text',
  check_id: 'text',
  status: 'text',
  message: 'text',
  failing: 'text',
  evaluated_at: 'timestamptz',
  since: 'timestamptz',
};

/** Columns of a transition row, as insertRows writes them. */
export const TRANSITION_COLUMNS: ColumnTypes = {
  entity_ref: 'text',
  definition_ref: 'text',
  check_id: 'text',
  from_status: 'text',
  to_status: 'text',
  message: 'text',
  at: 'timestamptz',
};

/**
 * The columns that decide whether a result changed. Sweeps read only these: leaving out the two
 * timestamps spares parsing a million Dates per 500,000 rows on PostgreSQL.
 */
export const RESULT_STATE_COLUMNS = [
  'entity_ref',
  'definition_ref',
  'check_id',
  'status',
  'message',
  'failing',
];

/** What a sweep compares a new result against. */
export type ResultStateRow = {
  entity_ref: string;
  definition_ref: string;
  check_id: string;
  status: CheckStatus;
  message: string;
  failing: string | null;
};

/** A full result row as read back. */
export type ResultRow = ResultStateRow & {
  evaluated_at: unknown;
  since: unknown;
};

/** A transition row as read back. */
export type TransitionRow = {
  id: number | string;
  entity_ref: string;
  definition_ref: string;
  check_id: string;
  from_status: CheckStatus | null;
  to_status: CheckStatus;
  message: string;
  at: unknown;
};

/** A map key of one result; NUL cannot appear in refs or check ids, so the triple is unambiguous. */
export function resultKey(
  entityRef: string,
  definitionRef: string,
  checkId: string,
): string {
  return `${entityRef}\u0000${definitionRef}\u0000${checkId}`;
}

/** Maps a result row to the API shape. */
export function toResult(row: ResultRow): StoredCheckResult {
  return {
    entityRef: row.entity_ref,
    definitionRef: row.definition_ref,
    checkId: row.check_id,
    status: row.status,
    message: row.message,
    ...(row.failing
      ? { failing: parseJson<FailingCondition>(row.failing) }
      : {}),
    evaluatedAt: toIsoTimestamp(row.evaluated_at),
    since: toIsoTimestamp(row.since),
  };
}

/** Maps a transition row to the API shape. */
export function toTransition(row: TransitionRow): TransitionRecord {
  return {
    entityRef: row.entity_ref,
    definitionRef: row.definition_ref,
    checkId: row.check_id,
    fromStatus: row.from_status ?? null,
    toStatus: row.to_status,
    message: row.message,
    at: toIsoTimestamp(row.at),
  };
}
