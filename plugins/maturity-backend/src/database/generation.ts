import { Knex } from 'knex';
import { toNumber } from './values';

const STATE = 'maturity_state';
const VIEWS = 'views';

/**
 * Marks, inside the caller's transaction, that results, levels or exemptions changed. Called last in a
 * transaction, so the row lock it takes on PostgreSQL is held only until the commit that follows.
 */
export async function bumpViewGeneration(trx: Knex): Promise<void> {
  await trx(STATE).where({ key: VIEWS }).increment('value', 1);
}

/** The current generation: unchanged means no entity view can have changed since it was read. */
export async function readViewGeneration(db: Knex): Promise<number> {
  const row: { value: unknown } | undefined = await db(STATE)
    .where({ key: VIEWS })
    .first('value');
  return row ? toNumber(row.value) : 0;
}
