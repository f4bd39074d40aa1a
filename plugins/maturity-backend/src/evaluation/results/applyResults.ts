import { Knex } from 'knex';
import {
  chunk,
  distinct,
  isPostgres,
  whereInAny,
  whereInSize,
} from '../../database/bulk';
import { insertRows, InsertRow } from '../../database/insertRows';
import { readFactVersions, staleEntities } from '../../facts/factVersions';
import { canonicalJson } from '../../database/values';
import type {
  ApplyResultsSummary,
  ResultScope,
  ResultWrite,
  TransitionRecord,
} from './ResultStore';
import {
  RESULT_COLUMNS,
  RESULT_KEY,
  RESULT_STATE_COLUMNS,
  resultKey,
  ResultStateRow,
  RESULTS,
  TRANSITION_COLUMNS,
  TRANSITIONS,
} from './resultTables';

/** Membership test of a scope, with sets: a full sweep checks 100,000s of rows against it. */
function scopeMatcher(scope: ResultScope): (row: ResultStateRow) => boolean {
  const entities = scope.entityRefs && new Set(scope.entityRefs);
  const definitions = scope.definitionRefs && new Set(scope.definitionRefs);
  return row =>
    (!entities || entities.has(row.entity_ref)) &&
    (!definitions || definitions.has(row.definition_ref));
}

/**
 * Reads, in one pass, the stored state of every key written and of every key in the scope. Rows are
 * read by entity (the leading primary-key column), so re-evaluating one entity costs one indexed query.
 */
async function readCurrent(
  trx: Knex,
  incoming: Map<string, ResultWrite>,
  scope: ResultScope | undefined,
  bindingLimit: number,
): Promise<Map<string, ResultStateRow>> {
  const current = new Map<string, ResultStateRow>();
  const add = (rows: ResultStateRow[]) => {
    for (const row of rows) {
      current.set(
        resultKey(row.entity_ref, row.definition_ref, row.check_id),
        row,
      );
    }
  };
  // On PostgreSQL the read locks the rows, as writeLevelRows does for levels: of two evaluations racing
  // on an entity (a push received by two replicas), the second waits and then reads what the first wrote,
  // so a status change is logged, and alerted on, once. Sorted, so writers lock in one order and cannot
  // deadlock. SQLite serialises writers on the database itself.
  const lock = isPostgres(trx);
  const readByEntity = async (refs: string[], excluded: string[] = []) => {
    for (const part of chunk(
      [...refs].sort(),
      whereInSize(bindingLimit, excluded.length),
    )) {
      let query = trx(RESULTS)
        .select(RESULT_STATE_COLUMNS)
        .whereIn('entity_ref', part);
      if (excluded.length > 0)
        query = query.whereNotIn('definition_ref', excluded);
      add(await (lock ? query.orderBy(RESULT_KEY).forUpdate() : query));
    }
  };
  const written = [...incoming.values()];

  if (!scope) {
    await readByEntity(distinct(written.map(r => r.entityRef)));
  } else if (scope.entityRefs) {
    await readByEntity(
      distinct([...written.map(r => r.entityRef), ...scope.entityRefs]),
    );
  } else {
    // A scope over definitions (or everything) is read whole; then only the entities that were also
    // written for a definition outside it, which a sweep of one scorecard usually has none of.
    let query = trx(RESULTS).select(RESULT_STATE_COLUMNS);
    if (scope.definitionRefs) {
      query = whereInAny(trx, query, 'definition_ref', scope.definitionRefs);
    }
    add(await query);
    if (scope.definitionRefs) {
      const inside = new Set(scope.definitionRefs);
      const outside = written.filter(r => !inside.has(r.definitionRef));
      await readByEntity(distinct(outside.map(r => r.entityRef)), [...inside]);
    }
  }
  return current;
}

/**
 * The write path of ResultStore.applyResults, inside the caller's transaction: diff against the stored
 * state, upsert what changed, log status transitions, delete what left the scope.
 */
export async function applyResultRows(
  trx: Knex,
  results: readonly ResultWrite[],
  scope: ResultScope | undefined,
  bindingLimit: number,
  factVersions?: ReadonlyMap<string, string>,
): Promise<Omit<ApplyResultsSummary, 'stale'> & { stale: Set<string> }> {
  const incoming = new Map<string, ResultWrite>();
  for (const result of results) {
    incoming.set(
      resultKey(result.entityRef, result.definitionRef, result.checkId),
      result,
    );
  }
  const current = await readCurrent(trx, incoming, scope, bindingLimit);
  // Compared only now, under the rows' lock: an evaluation that read the newer facts either committed
  // before (its facts are seen here) or waits for this one and overwrites it.
  let stale = new Set<string>();
  if (factVersions) {
    const evaluated = distinct([
      ...[...incoming.values()].map(r => r.entityRef),
      ...(scope?.entityRefs ?? []),
    ]);
    stale = staleEntities(
      evaluated,
      factVersions,
      await readFactVersions(trx, evaluated, bindingLimit),
    );
  }
  for (const [key, result] of incoming) {
    if (stale.has(result.entityRef)) incoming.delete(key);
  }
  for (const [key, row] of current) {
    if (stale.has(row.entity_ref)) current.delete(key);
  }

  // New results and status changes start a new `since`; message-only changes must keep the stored
  // one, which their upsert achieves by not overwriting it — so `since` never has to be read.
  const restarted: InsertRow[] = [];
  const edited: InsertRow[] = [];
  const transitions: TransitionRecord[] = [];
  for (const [key, result] of incoming) {
    const before = current.get(key);
    const { status, message } = result.outcome;
    const failing = result.outcome.failing
      ? canonicalJson(result.outcome.failing)
      : null;
    const statusChanged = !before || before.status !== status;
    if (
      !statusChanged &&
      before.message === message &&
      (before.failing ?? null) === failing
    ) {
      continue;
    }
    const row = {
      entity_ref: result.entityRef,
      definition_ref: result.definitionRef,
      check_id: result.checkId,
      status,
      message,
      failing,
      evaluated_at: result.evaluatedAt,
      since: result.evaluatedAt,
    };
    (statusChanged ? restarted : edited).push(row);
    if (statusChanged) {
      transitions.push({
        entityRef: result.entityRef,
        definitionRef: result.definitionRef,
        checkId: result.checkId,
        fromStatus: before?.status ?? null,
        toStatus: status,
        message,
        at: result.evaluatedAt.toISOString(),
      });
    }
  }

  const inScope = scope && scopeMatcher(scope);
  const removed = inScope
    ? [...current.entries()]
        .filter(([key, row]) => !incoming.has(key) && inScope(row))
        .map(([, row]) => [row.entity_ref, row.definition_ref, row.check_id])
    : [];

  await insertRows(trx, RESULTS, RESULT_COLUMNS, restarted, {
    conflict: RESULT_KEY,
  });
  await insertRows(trx, RESULTS, RESULT_COLUMNS, edited, {
    conflict: RESULT_KEY,
    merge: ['status', 'message', 'failing', 'evaluated_at'],
  });
  await insertRows(
    trx,
    TRANSITIONS,
    TRANSITION_COLUMNS,
    transitions.map(t => ({
      entity_ref: t.entityRef,
      definition_ref: t.definitionRef,
      check_id: t.checkId,
      from_status: t.fromStatus,
      to_status: t.toStatus,
      message: t.message,
      at: new Date(t.at),
    })),
  );
  for (const keys of chunk(
    removed,
    whereInSize(bindingLimit) / RESULT_KEY.length,
  )) {
    await trx(RESULTS).whereIn(RESULT_KEY, keys).delete();
  }
  return {
    transitions,
    written: restarted.length + edited.length,
    deleted: removed.length,
    stale,
  };
}
