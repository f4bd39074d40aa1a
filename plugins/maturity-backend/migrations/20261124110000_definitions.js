/*
 * The content hash of each Scorecard and Campaign that was last evaluated everywhere, so that a changed
 * definition is re-evaluated once, by whichever backend instance runs the scheduled task.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_definitions', table => {
    table.comment('Hash of each definition as last evaluated for every entity');
    table.string('definition_ref', 255).primary();
    table.string('hash', 64).notNullable();
    table.timestamp('evaluated_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_definitions');
};
