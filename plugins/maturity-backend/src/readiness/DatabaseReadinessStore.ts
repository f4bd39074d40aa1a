import type {
  ReadinessAuditEntry,
  ReadinessReviewStatus,
} from '@ratchet/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { chunk, isPostgres } from '../database/bulk';
import { parseJson, toIsoTimestamp, toNumber } from '../database/values';
import { StoredAnswer, StoredRecord, StoredReview, emptyRecord } from './model';
import type {
  ReadinessChange,
  ReadinessState,
  ReadinessStore,
  RecordSummary,
} from './ReadinessStore';

const RECORDS = 'maturity_readiness_records';
const ANSWERS = 'maturity_readiness_answers';
const REVIEWS = 'maturity_readiness_reviews';
const AUDIT = 'maturity_readiness_audit';

interface RecordRow {
  entity_ref: string;
  checklist_ref: string;
  phase: string | null;
  target_launch_date: string | null;
  updated_at: unknown;
}

interface AnswerRow {
  entity_ref: string;
  checklist_ref: string;
  item_id: string;
  answer: StoredAnswer['answer'];
  justification: string | null;
  notes: string | null;
  evidence: string;
  answered_by: string;
  answered_at: unknown;
  automatic: boolean | number;
}

interface AuditRow {
  id: number | string;
  at: unknown;
  actor: string;
  entity_ref: string;
  checklist_ref: string;
  action: ReadinessAuditEntry['action'];
  item_id: string | null;
  phase: string | null;
  review_id: string | null;
  before: string | null;
  after: string | null;
}

function toAnswer(row: AnswerRow): StoredAnswer {
  return {
    itemId: row.item_id,
    answer: row.answer,
    ...(row.justification !== null && { justification: row.justification }),
    ...(row.notes !== null && { notes: row.notes }),
    evidence: parseJson<string[]>(row.evidence),
    answeredBy: row.answered_by,
    answeredAt: toIsoTimestamp(row.answered_at),
    automatic: Boolean(row.automatic),
  };
}

function toSummary(row: RecordRow): RecordSummary {
  return {
    entityRef: row.entity_ref,
    checklistRef: row.checklist_ref,
    phase: row.phase,
    targetLaunchDate: row.target_launch_date,
  };
}

function toAudit(row: AuditRow): ReadinessAuditEntry {
  return {
    id: toNumber(row.id),
    at: toIsoTimestamp(row.at),
    actor: row.actor,
    entityRef: row.entity_ref,
    checklistRef: row.checklist_ref,
    action: row.action,
    ...(row.item_id !== null && { itemId: row.item_id }),
    ...(row.phase !== null && { phase: row.phase }),
    ...(row.review_id !== null && { reviewId: row.review_id }),
    before: row.before === null ? null : parseJson(row.before),
    after: row.after === null ? null : parseJson(row.after),
  };
}

const recordKey = (entityRef: string, checklistRef: string) =>
  `${entityRef}\u0000${checklistRef}`;

/** The readiness tables on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseReadinessStore implements ReadinessStore {
  readonly #db: Knex;
  readonly #now: () => Date;

  /** Wraps a migrated client; `now` stamps writes (tests inject a clock). */
  static fromKnex(db: Knex, options: { now?: () => Date } = {}) {
    return new DatabaseReadinessStore(db, options.now ?? (() => new Date()));
  }

  private constructor(db: Knex, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  async getState(
    entityRef: string,
    checklistRef: string,
  ): Promise<ReadinessState> {
    return this.#readState(this.#db, entityRef, checklistRef);
  }

  async #readState(
    db: Knex,
    entityRef: string,
    checklistRef: string,
  ): Promise<ReadinessState> {
    const where = { entity_ref: entityRef, checklist_ref: checklistRef };
    const [row, answers, reviews] = await Promise.all([
      db<RecordRow>(RECORDS).where(where).first(),
      db<AnswerRow>(ANSWERS).where(where),
      db(REVIEWS).where(where).orderBy('requested_at', 'desc').select('state'),
    ]);
    const record = row
      ? {
          entityRef,
          checklistRef,
          phase: row.phase,
          targetLaunchDate: row.target_launch_date,
          updatedAt: row.updated_at ? toIsoTimestamp(row.updated_at) : null,
          answers: {},
        }
      : emptyRecord(entityRef, checklistRef);
    record.answers = Object.fromEntries(
      answers.map(a => [a.item_id, toAnswer(a)]),
    );
    return {
      record,
      reviews: reviews.map(r => parseJson<StoredReview>(r.state)),
    };
  }

  async getRecords(
    keys: ReadonlyArray<{ entityRef: string; checklistRef: string }>,
  ): Promise<Map<string, StoredRecord>> {
    const out = new Map<string, StoredRecord>();
    const wanted = new Set(
      keys.map(k => recordKey(k.entityRef, k.checklistRef)),
    );
    for (const part of chunk([...new Set(keys.map(k => k.entityRef))], 500)) {
      const [rows, answers] = await Promise.all([
        this.#db<RecordRow>(RECORDS).whereIn('entity_ref', part),
        this.#db<AnswerRow>(ANSWERS).whereIn('entity_ref', part),
      ]);
      for (const row of rows) {
        if (!wanted.has(recordKey(row.entity_ref, row.checklist_ref))) continue;
        out.set(row.entity_ref, {
          ...toSummary(row),
          updatedAt: row.updated_at ? toIsoTimestamp(row.updated_at) : null,
          answers: {},
        });
      }
      for (const a of answers) {
        const record = out.get(a.entity_ref);
        if (record?.checklistRef === a.checklist_ref) {
          record.answers[a.item_id] = toAnswer(a);
        }
      }
    }
    return out;
  }

  async change<T>(
    entityRef: string,
    checklistRef: string,
    decide: (
      state: ReadinessState,
      at: Date,
    ) =>
      | Promise<{ change: ReadinessChange; result: T }>
      | { change: ReadinessChange; result: T },
  ): Promise<{ state: ReadinessState; result: T }> {
    return this.#db.transaction(async trx => {
      const at = this.#now();
      const key = { entity_ref: entityRef, checklist_ref: checklistRef };
      // The row is the lock: create it if missing, then hold it so that changes of one record queue up.
      await trx(RECORDS)
        .insert({
          ...key,
          phase: null,
          target_launch_date: null,
          updated_at: null,
        })
        .onConflict(['entity_ref', 'checklist_ref'])
        .ignore();
      if (isPostgres(trx)) {
        await trx(RECORDS).where(key).forUpdate().first();
      }
      const before = await this.#readState(trx, entityRef, checklistRef);
      const { change, result } = await decide(before, at);
      await this.#write(trx, entityRef, checklistRef, change, at);
      return {
        state: await this.#readState(trx, entityRef, checklistRef),
        result,
      };
    });
  }

  async #write(
    trx: Knex.Transaction,
    entityRef: string,
    checklistRef: string,
    change: ReadinessChange,
    at: Date,
  ): Promise<void> {
    const key = { entity_ref: entityRef, checklist_ref: checklistRef };
    const update: Record<string, unknown> = { updated_at: at };
    if (change.phase !== undefined) update.phase = change.phase;
    if (change.targetLaunchDate !== undefined) {
      update.target_launch_date = change.targetLaunchDate;
    }
    await trx(RECORDS).where(key).update(update);
    for (const answer of change.answers ?? []) {
      const row = {
        ...key,
        item_id: answer.itemId,
        answer: answer.answer,
        justification: answer.justification ?? null,
        notes: answer.notes ?? null,
        evidence: JSON.stringify(answer.evidence),
        answered_by: answer.answeredBy,
        answered_at: new Date(answer.answeredAt),
        automatic: answer.automatic,
      };
      await trx(ANSWERS)
        .insert(row)
        .onConflict(['entity_ref', 'checklist_ref', 'item_id'])
        .merge();
    }
    for (const review of change.reviews ?? []) {
      const row = {
        entity_ref: review.entityRef,
        checklist_ref: review.checklistRef,
        phase: review.phase,
        status: review.status,
        requested_at: new Date(review.requestedAt),
        updated_at: at,
        state: JSON.stringify(review),
      };
      await trx(REVIEWS)
        .insert({ id: review.id, ...row })
        .onConflict('id')
        .merge(row);
    }
    if (change.audit.length > 0) {
      await trx(AUDIT).insert(
        change.audit.map(e => ({
          at,
          actor: e.actor,
          ...key,
          action: e.action,
          item_id: e.itemId ?? null,
          phase: e.phase ?? null,
          review_id: e.reviewId ?? null,
          before: e.before === null ? null : JSON.stringify(e.before),
          after: e.after === null ? null : JSON.stringify(e.after),
        })),
      );
    }
  }

  async listRecords(entityRefs?: readonly string[]): Promise<RecordSummary[]> {
    if (!entityRefs) {
      const rows = await this.#db<RecordRow>(RECORDS).orderBy('entity_ref');
      return rows.map(toSummary);
    }
    const out: RecordSummary[] = [];
    for (const part of chunk([...new Set(entityRefs)], 500)) {
      const rows = await this.#db<RecordRow>(RECORDS).whereIn(
        'entity_ref',
        part,
      );
      out.push(...rows.map(toSummary));
    }
    return out;
  }

  async countAcceptable(
    checklistRef: string,
    entityRefs: readonly string[],
    groups: ReadonlyArray<ReadonlyArray<{ itemId: string; notBefore?: Date }>>,
  ): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    // One CASE per group: item ids without expiry in one IN list, expiring ones each with their cutoff.
    const bindings: Array<string | Date> = [];
    const sums = groups.map((items, g) => {
      const plain = items.filter(i => !i.notBefore).map(i => i.itemId);
      const parts: string[] = [];
      if (plain.length > 0) {
        parts.push(`item_id in (${plain.map(() => '?').join(',')})`);
        bindings.push(...plain);
      }
      for (const item of items.filter(i => i.notBefore)) {
        parts.push('(item_id = ? and answered_at >= ?)');
        bindings.push(item.itemId, item.notBefore!);
      }
      const condition = parts.length ? parts.join(' or ') : '1 = 0';
      return `sum(case when ${condition} then 1 else 0 end) as g${g}`;
    });
    for (const part of chunk([...new Set(entityRefs)], 200)) {
      const rows = await this.#db(ANSWERS)
        .select('entity_ref')
        .select(this.#db.raw(sums.join(', '), bindings))
        .where({ checklist_ref: checklistRef })
        .whereIn('entity_ref', part)
        .whereIn('answer', ['yes', 'not-applicable'])
        .where('automatic', false)
        .groupBy('entity_ref');
      for (const row of rows as Array<Record<string, unknown>>) {
        out.set(
          String(row.entity_ref),
          groups.map((_, g) => toNumber(row[`g${g}`])),
        );
      }
    }
    return out;
  }

  async countByPhase() {
    const rows = await this.#db(RECORDS)
      .select('checklist_ref', 'phase')
      .count({ count: '*' })
      .groupBy('checklist_ref', 'phase');
    return (rows as Array<Record<string, unknown>>).map(r => ({
      checklistRef: String(r.checklist_ref),
      phase: (r.phase as string | null) ?? null,
      count: toNumber(r.count),
    }));
  }

  async launchesBetween(from: string, to: string): Promise<RecordSummary[]> {
    const rows = await this.#db<RecordRow>(RECORDS)
      .whereBetween('target_launch_date', [from, to])
      .orderBy('target_launch_date');
    return rows.map(toSummary);
  }

  async getReview(id: string): Promise<StoredReview | undefined> {
    const row = await this.#db(REVIEWS).where({ id }).first('state');
    return row ? parseJson<StoredReview>(row.state) : undefined;
  }

  async reviewEntityRefs(
    statuses: readonly ReadinessReviewStatus[],
  ): Promise<string[]> {
    const rows = await this.#db(REVIEWS)
      .whereIn('status', statuses)
      .select('entity_ref');
    return rows.map(r => String(r.entity_ref));
  }

  async listReviews(
    statuses: readonly ReadinessReviewStatus[],
  ): Promise<StoredReview[]> {
    const rows = await this.#db(REVIEWS)
      .whereIn('status', statuses)
      .orderBy([{ column: 'requested_at' }, { column: 'id' }])
      .select('state');
    return rows.map(r => parseJson<StoredReview>(r.state));
  }

  async audit(
    entityRef: string,
    page: { limit: number; before?: number },
  ): Promise<ReadinessAuditEntry[]> {
    const query = this.#db<AuditRow>(AUDIT)
      .where({ entity_ref: entityRef })
      .orderBy('id', 'desc')
      .limit(page.limit);
    if (page.before !== undefined) query.where('id', '<', page.before);
    return (await query).map(toAudit);
  }

  async auditAll(entityRef: string): Promise<ReadinessAuditEntry[]> {
    const rows = await this.#db<AuditRow>(AUDIT)
      .where({ entity_ref: entityRef })
      .orderBy('id', 'asc');
    return rows.map(toAudit);
  }
}
