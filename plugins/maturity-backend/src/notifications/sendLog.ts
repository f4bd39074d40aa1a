import { Knex } from 'knex';
import { chunk } from '../database/bulk';
import { toIsoTimestamp } from '../database/values';

const SEND_LOG = 'maturity_send_log';

/** Rows per insert: 5 bindings each stays far below SQLite's and PostgreSQL's limits. */
const CLAIMS_PER_STATEMENT = 150;

/** One notification to claim in the send log. */
export interface SendClaim {
  /** Unique per notification that must go out at most once, e.g. `campaign-reminder|<ref>|<cycle>|<owner>`. */
  key: string;
  /** What it is, e.g. `campaign-reminder`, `campaign-nudge`, `readiness-reminder`. */
  kind: string;
  /** The campaign (or other definition) it is about. */
  subjectRef: string;
  /** The owner group or user it goes to. */
  recipient: string;
}

/**
 * The stored log of notifications sent: a notification is claimed (its unique key inserted) before it
 * is sent, so of two replicas sending the same cycle exactly one wins, whatever the scheduler does.
 */
export interface SendLog {
  /** True when this caller claimed the key and must send; false when it was claimed before. */
  claim(claim: SendClaim): Promise<boolean>;
  /** Claims many keys in one transaction; returns the keys this caller claimed (and must send). */
  claimMany(claims: SendClaim[]): Promise<Set<string>>;
  /** Gives a claim back after the send failed, so a later run retries it. */
  release(key: string): Promise<void>;
  /** When a notification of this kind about this subject last went to this recipient. */
  lastSent(
    kind: string,
    subjectRef: string,
    recipient: string,
  ): Promise<Date | undefined>;
  /** Forgets claims older than `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/** The send log on the plugin's database; `now` is the clock claims are stamped with. */
export class DatabaseSendLog implements SendLog {
  readonly #db: Knex;
  readonly #now: () => Date;

  /** Wraps a migrated client. */
  static fromKnex(db: Knex, options: { now?: () => Date } = {}) {
    return new DatabaseSendLog(db, options.now ?? (() => new Date()));
  }

  private constructor(db: Knex, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  async claim(claim: SendClaim): Promise<boolean> {
    // The primary key decides: `on conflict do nothing` returns no row to the loser on both engines.
    const rows = await this.#db(SEND_LOG)
      .insert({
        send_key: claim.key,
        kind: claim.kind,
        subject_ref: claim.subjectRef,
        recipient: claim.recipient,
        sent_at: this.#now(),
      })
      .onConflict('send_key')
      .ignore()
      .returning('send_key');
    return rows.length === 1;
  }

  async claimMany(claims: SendClaim[]): Promise<Set<string>> {
    const claimed = new Set<string>();
    if (claims.length === 0) return claimed;
    const sentAt = this.#now();
    // One transaction: on SQLite a commit per claim (a file sync each) would dominate a 500-owner cycle.
    await this.#db.transaction(async tx => {
      for (const part of chunk(claims, CLAIMS_PER_STATEMENT)) {
        const rows: Array<{ send_key: string }> = await tx(SEND_LOG)
          .insert(
            part.map(c => ({
              send_key: c.key,
              kind: c.kind,
              subject_ref: c.subjectRef,
              recipient: c.recipient,
              sent_at: sentAt,
            })),
          )
          .onConflict('send_key')
          .ignore()
          .returning('send_key');
        for (const row of rows) claimed.add(row.send_key);
      }
    });
    return claimed;
  }

  async release(key: string): Promise<void> {
    await this.#db(SEND_LOG).where({ send_key: key }).delete();
  }

  async lastSent(kind: string, subjectRef: string, recipient: string) {
    const row = await this.#db(SEND_LOG)
      .where({ kind, subject_ref: subjectRef, recipient })
      .max({ at: 'sent_at' })
      .first();
    return row?.at ? new Date(toIsoTimestamp(row.at)) : undefined;
  }

  async prune(before: Date): Promise<number> {
    return this.#db(SEND_LOG).where('sent_at', '<', before).delete();
  }
}
