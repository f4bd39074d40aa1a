import type { JsonObject } from '@backstage/types';
import { bumpViewGeneration } from '../database/generation';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  chunk,
  distinct,
  maxBindings,
  whereInAny,
  whereInSize,
} from '../database/bulk';
import { parseJson, toIsoTimestamp, toNumber } from '../database/values';
import { resultKey } from '../evaluation';
import type {
  AuditEntry,
  Exemption,
  ExemptionDecision,
  ExemptionFilter,
  ExemptionQuery,
  ExemptionStatus,
  ExemptionStore,
  NewAuditEntry,
  NewExemption,
} from './ExemptionStore';

const EXEMPTIONS = 'maturity_exemptions';
const AUDIT = 'maturity_audit_log';

interface ExemptionRow {
  id: string;
  entity_ref: string;
  definition_ref: string;
  check_id: string;
  reason: string;
  requested_by: string;
  requested_at: unknown;
  status: ExemptionStatus;
  decided_by: string | null;
  decided_at: unknown;
  decision_comment: string | null;
  expires_at: unknown;
  expiry_evaluated_at: unknown;
}

interface AuditRow {
  id: number | string;
  at: unknown;
  actor: string;
  action: string;
  subject: string;
  details: string;
}

/** Exemptions and audit log on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseExemptionStore implements ExemptionStore {
  readonly #db: Knex;
  readonly #now: () => Date;

  /** Wraps a migrated client; `now` is the clock expiry is compared with (tests inject one). */
  static fromKnex(db: Knex, options: { now?: () => Date } = {}) {
    return new DatabaseExemptionStore(db, options.now ?? (() => new Date()));
  }

  private constructor(db: Knex, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  async create(input: NewExemption): Promise<Exemption> {
    const now = this.#now();
    const row: ExemptionRow = {
      id: randomUUID(),
      entity_ref: input.entityRef,
      definition_ref: input.definitionRef,
      check_id: input.checkId,
      reason: input.reason,
      requested_by: input.requestedBy,
      requested_at: now,
      status: 'requested',
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      expires_at: input.expiresAt ?? null,
      expiry_evaluated_at: null,
    };
    await this.#db.transaction(async trx => {
      await trx(EXEMPTIONS).insert(row);
      await insertAudit(trx, now, {
        actor: input.requestedBy,
        action: 'exemption.requested',
        subject: subjectOf(row),
        details: {
          reason: input.reason,
          expiresAt: input.expiresAt?.toISOString() ?? null,
        },
      });
      await bumpViewGeneration(trx);
    });
    return this.#toExemption(row, now);
  }

  async get(id: string): Promise<Exemption | undefined> {
    const row: ExemptionRow | undefined = await this.#db(EXEMPTIONS)
      .where({ id })
      .first();
    return row && this.#toExemption(row, this.#now());
  }

  async decide(
    id: string,
    from: ExemptionStatus[],
    decision: ExemptionDecision,
  ): Promise<Exemption | undefined> {
    const now = this.#now();
    return this.#db.transaction(async trx => {
      const update: Record<string, unknown> = {
        status: decision.status,
        decided_by: decision.decidedBy,
        decided_at: now,
        decision_comment: decision.comment ?? null,
      };
      if (decision.expiresAt !== undefined)
        update.expires_at = decision.expiresAt;
      // The status condition makes concurrent decisions safe: only one of them moves the row.
      const moved = await trx(EXEMPTIONS)
        .where({ id })
        .whereIn('status', from)
        .update(update);
      if (moved !== 1) return undefined;
      const row: ExemptionRow = await trx(EXEMPTIONS).where({ id }).first();
      await insertAudit(trx, now, {
        actor: decision.decidedBy,
        action: `exemption.${decision.status}`,
        subject: subjectOf(row),
        details: {
          comment: decision.comment ?? null,
          expiresAt: row.expires_at ? toIsoTimestamp(row.expires_at) : null,
        },
      });
      await bumpViewGeneration(trx);
      return this.#toExemption(row, now);
    });
  }

  async list(query: ExemptionQuery = {}): Promise<Exemption[]> {
    const now = this.#now();
    const rows: ExemptionRow[] = await this.#filtered(query, now)
      .select('*')
      .orderBy([
        { column: 'requested_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(query.limit ?? 500)
      .offset(query.offset ?? 0);
    return rows.map(row => this.#toExemption(row, now));
  }

  async count(filter: ExemptionFilter = {}): Promise<number> {
    const rows: Array<{ n: unknown }> = await this.#filtered(
      filter,
      this.#now(),
    ).count({ n: '*' });
    return toNumber(rows[0]?.n ?? 0);
  }

  async entityRefs(filter: ExemptionFilter = {}): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.#filtered(
      filter,
      this.#now(),
    ).distinct('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  #filtered(filter: ExemptionFilter, now: Date): Knex.QueryBuilder {
    let q = this.#db(EXEMPTIONS);
    if (filter.entityRef) q = q.where('entity_ref', filter.entityRef);
    if (filter.definitionRef)
      q = q.where('definition_ref', filter.definitionRef);
    if (filter.checkId) q = q.where('check_id', filter.checkId);
    if (filter.status?.length) q = q.whereIn('status', filter.status);
    if (filter.activeOnly) q = activeAt(q, now);
    // One binding whatever the number of entities, so a long list cannot exceed the engine's limit.
    if (filter.entityRefs)
      q = whereInAny(this.#db, q, 'entity_ref', [...filter.entityRefs]);
    return q;
  }

  async activeFor(entityRefs: string[]): Promise<Set<string>> {
    const keys = new Set<string>();
    const refs = distinct(entityRefs);
    if (refs.length === 0) return keys;
    const now = this.#now();
    const limit = await maxBindings(this.#db);
    for (const part of chunk(refs, whereInSize(limit, 2))) {
      const rows: Array<
        Pick<ExemptionRow, 'entity_ref' | 'definition_ref' | 'check_id'>
      > = await activeAt(
        this.#db(EXEMPTIONS)
          .select('entity_ref', 'definition_ref', 'check_id')
          .whereIn('entity_ref', part),
        now,
      );
      for (const row of rows) {
        keys.add(resultKey(row.entity_ref, row.definition_ref, row.check_id));
      }
    }
    return keys;
  }

  async claimExpired(limit = 500): Promise<Exemption[]> {
    const now = this.#now();
    return this.#db.transaction(async trx => {
      const rows: ExemptionRow[] = await trx(EXEMPTIONS)
        .select('*')
        .where('status', 'approved')
        .whereNotNull('expires_at')
        .where('expires_at', '<=', now)
        .whereNull('expiry_evaluated_at')
        .orderBy('expires_at')
        .limit(limit);
      const claimed: Exemption[] = [];
      for (const row of rows) {
        // Only the instance whose update moved the row hands it out (another may be racing).
        const moved = await trx(EXEMPTIONS)
          .where({ id: row.id })
          .whereNull('expiry_evaluated_at')
          .update({ expiry_evaluated_at: now });
        if (moved !== 1) continue;
        await insertAudit(trx, now, {
          actor: 'system',
          action: 'exemption.expired',
          subject: subjectOf(row),
          details: { expiresAt: toIsoTimestamp(row.expires_at) },
        });
        claimed.push(this.#toExemption(row, now));
      }
      return claimed;
    });
  }

  async audit(
    options: { limit?: number; before?: number } = {},
  ): Promise<AuditEntry[]> {
    let q = this.#db<AuditRow>(AUDIT).select('*');
    if (options.before !== undefined) q = q.where('id', '<', options.before);
    const rows: AuditRow[] = await q
      .orderBy('id', 'desc')
      .limit(options.limit ?? 100);
    return rows.map(row => ({
      id: Number(row.id),
      at: toIsoTimestamp(row.at),
      actor: row.actor,
      action: row.action,
      subject: parseJson<JsonObject>(row.subject),
      details: parseJson<JsonObject>(row.details),
    }));
  }

  #toExemption(row: ExemptionRow, now: Date): Exemption {
    const expiresAt = row.expires_at
      ? toIsoTimestamp(row.expires_at)
      : undefined;
    return {
      id: row.id,
      entityRef: row.entity_ref,
      definitionRef: row.definition_ref,
      checkId: row.check_id,
      reason: row.reason,
      requestedBy: row.requested_by,
      requestedAt: toIsoTimestamp(row.requested_at),
      status: row.status,
      ...(row.decided_by ? { decidedBy: row.decided_by } : {}),
      ...(row.decided_at ? { decidedAt: toIsoTimestamp(row.decided_at) } : {}),
      ...(row.decision_comment
        ? { decisionComment: row.decision_comment }
        : {}),
      ...(expiresAt ? { expiresAt } : {}),
      active:
        row.status === 'approved' &&
        (!expiresAt || Date.parse(expiresAt) > now.getTime()),
    };
  }
}

/** Approved and not expired at `now`: expiry is decided when reading, never by a status change. */
function activeAt<T extends Knex.QueryBuilder>(query: T, now: Date): T {
  return query
    .where('status', 'approved')
    .andWhere(q =>
      q.whereNull('expires_at').orWhere('expires_at', '>', now),
    ) as T;
}

function subjectOf(row: ExemptionRow): JsonObject {
  return {
    exemptionId: row.id,
    entityRef: row.entity_ref,
    definitionRef: row.definition_ref,
    checkId: row.check_id,
  };
}

async function insertAudit(trx: Knex, at: Date, entry: NewAuditEntry) {
  await trx(AUDIT).insert({
    at,
    actor: entry.actor,
    action: entry.action,
    subject: JSON.stringify(entry.subject),
    details: JSON.stringify(entry.details),
  });
}
