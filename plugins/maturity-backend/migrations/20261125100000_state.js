/*
 * A generation counter of what entity views are made of (results, levels, exemptions). Every
 * transaction that changes them increments it, so an API instance can keep serialised entity views for
 * as long as the counter stands still, and never serve one that another instance's write made stale.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_state', table => {
    table.comment('Counters shared by every instance of the maturity plugin');
    table.string('key', 64).primary();
    table.bigInteger('value').notNullable().defaultTo(0);
  });
  await knex('maturity_state').insert({ key: 'views', value: 0 });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_state');
};
