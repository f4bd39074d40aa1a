/*
 * The progress of the full sweep, so that it runs in short steps that any replica can continue: a step
 * holds a short lease (renewed after every chunk) instead of the scheduler's lock for the whole sweep,
 * and after a crash the next replica carries on from the last entity done.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_sweep_state', table => {
    table.comment('Progress and lease of the resumable full sweep (one row)');
    table.string('id', 32).primary();
    table.integer('generation').notNullable().defaultTo(0);
    table.timestamp('started_at', { useTz: true }).nullable();
    table
      .text('cursor')
      .nullable()
      .comment(
        'Last entity ref evaluated by this generation (refs in code-unit order)',
      );
    table.timestamp('done_at', { useTz: true }).nullable();
    table.string('lease_owner', 64).nullable();
    table.timestamp('lease_until', { useTz: true }).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_sweep_state');
};
