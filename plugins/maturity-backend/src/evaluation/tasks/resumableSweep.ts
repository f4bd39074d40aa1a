import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

const TABLE = 'maturity_sweep_state';
const ROW = 'sweep';

/** What one step of the sweep reports. */
export type SweepStepResult =
  | 'idle' // no sweep pending
  | 'busy' // another replica holds the lease
  | 'progress' // the step's budget ran out; the next step continues
  | 'done'; // the last chunk was evaluated and the sweep finished

/** How a sweep is cut up; defaults keep a step to seconds so a crash costs one short lease. */
export interface ResumableSweepOptions {
  db: Knex;
  /** Every entity to evaluate (the fact store's entities). */
  listEntityRefs: () => Promise<string[]>;
  /** Evaluates one chunk; idempotent (re-evaluating after a crash writes nothing new). */
  evaluate: (entityRefs: string[]) => Promise<unknown>;
  /** Work after the last chunk (snapshot, pruning), run once per sweep. */
  finish: () => Promise<void>;
  logger: LoggerService;
  now?: () => Date;
  /** Entities per chunk (default 250). */
  chunkSize?: number;
  /** How long one step keeps taking chunks (default 10 s). */
  budgetMs?: number;
  /** How long the lease lasts without renewal (default 20 s): the delay before a crashed step is taken over. */
  leaseMs?: number;
}

/**
 * The full sweep as short resumable steps. `start()` opens a new sweep generation; `step()` claims the
 * lease (one replica at a time), evaluates chunks of entities in ref order from the stored cursor,
 * renewing the lease and storing the cursor after each chunk, and stops when its budget is spent. After
 * a `kill -9` the lease simply runs out and any replica's next step continues from the cursor, so the
 * sweep never waits for a long scheduler timeout.
 */
export class ResumableSweep {
  readonly #o: Required<Omit<ResumableSweepOptions, 'now'>> & {
    now: () => Date;
  };
  readonly #owner = randomUUID();

  constructor(options: ResumableSweepOptions) {
    this.#o = {
      chunkSize: 250,
      budgetMs: 10_000,
      leaseMs: 20_000,
      now: () => new Date(),
      ...options,
    };
  }

  /** Opens a new sweep from the first entity (a sweep in progress restarts from the beginning). */
  async start(): Promise<void> {
    const { db } = this.#o;
    const now = this.#o.now();
    await db(TABLE)
      .insert({ id: ROW, generation: 0 })
      .onConflict('id')
      .ignore();
    await db(TABLE)
      .where({ id: ROW })
      .update({
        generation: db.raw('generation + 1'),
        started_at: now,
        cursor: '',
        done_at: null,
      });
  }

  /** One step: claims the lease and evaluates chunks until the budget is spent or the sweep is done. */
  async step(): Promise<SweepStepResult> {
    const { db, leaseMs } = this.#o;
    const startedAt = this.#o.now().getTime();
    const leaseUntil = () => new Date(this.#o.now().getTime() + leaseMs);
    const claimed = await db(TABLE)
      .where({ id: ROW })
      .whereNotNull('started_at')
      .whereNull('done_at')
      .where(q =>
        q
          .whereNull('lease_until')
          .orWhere('lease_until', '<', this.#o.now())
          .orWhere('lease_owner', this.#owner),
      )
      .update({ lease_owner: this.#owner, lease_until: leaseUntil() });
    if (claimed !== 1) {
      const row = await db(TABLE).where({ id: ROW }).first();
      return row?.started_at && !row.done_at ? 'busy' : 'idle';
    }
    // Which replica works the sweep (and so which one a crash interrupts), for logs at debug level.
    this.#o.logger.debug('Maturity sweep step claimed the lease', {
      leaseMs,
    });
    const mine = () => db(TABLE).where({ id: ROW, lease_owner: this.#owner });
    const release = () =>
      mine().update({ lease_owner: null, lease_until: null });
    try {
      const all = (await this.#o.listEntityRefs()).sort();
      for (;;) {
        const row = await mine().first();
        if (!row) return 'busy'; // the lease was lost (this step was too slow): the holder continues
        const cursor: string = row.cursor ?? '';
        const next = all
          .filter(ref => ref > cursor)
          .slice(0, this.#o.chunkSize);
        if (next.length === 0) {
          await this.#o.finish();
          await mine().update({
            done_at: this.#o.now(),
            lease_owner: null,
            lease_until: null,
          });
          this.#o.logger.info('Maturity sweep finished', {
            generation: row.generation,
            entities: all.length,
          });
          return 'done';
        }
        await this.#o.evaluate(next);
        // Only within the same generation: a sweep started meanwhile keeps its cursor at the beginning.
        const moved = await mine()
          .where({ generation: row.generation })
          .update({ cursor: next[next.length - 1], lease_until: leaseUntil() });
        if (moved !== 1) {
          if (!(await mine().first())) return 'busy';
          await mine().update({ lease_until: leaseUntil() });
        }
        if (this.#o.now().getTime() - startedAt >= this.#o.budgetMs) {
          await release();
          return 'progress';
        }
      }
    } catch (error) {
      await release();
      throw error;
    }
  }
}
