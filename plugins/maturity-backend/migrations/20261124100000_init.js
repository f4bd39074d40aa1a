/*
 * Ratchet maturity engine: facts, results, history and levels.
 *
 * Conventions, kept by every later migration too:
 * - every table is prefixed `maturity_`; exemptions and audit get their own tables in later migrations;
 * - refs are varchar(255) so they stay indexable on every engine Backstage supports;
 * - timestamps are `timestamp` (timestamptz on PostgreSQL) and are always written by the stores with an
 *   explicit JS Date, never a database default: SQLite then stores epoch milliseconds throughout, so range
 *   comparisons (pruning by age) stay numeric and never mix numbers with CURRENT_TIMESTAMP strings;
 * - every table that only grows (change log, transitions, snapshots) has an index that serves its pruning.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // Latest facts per entity and source. The hash lets a resend be detected without reading the JSON.
  await knex.schema.createTable('maturity_facts', table => {
    table.comment('Latest facts per entity and fact source');
    table.string('entity_ref', 255).notNullable();
    table.string('source', 255).notNullable();
    table.text('facts').notNullable().comment('JSON object');
    table.string('hash', 64).notNullable().comment('sha256 of canonical JSON');
    table.timestamp('observed_at').notNullable();
    table.timestamp('updated_at').notNullable();
    table.primary(['entity_ref', 'source']);
  });

  // One row per actual change of facts (never for a resend), pruned by age and by count per key.
  await knex.schema.createTable('maturity_fact_changes', table => {
    table.comment('Change log of facts, bounded by pruning');
    table.bigIncrements('id');
    table.string('entity_ref', 255).notNullable();
    table.string('source', 255).notNullable();
    table.text('facts').notNullable();
    table.string('hash', 64).notNullable();
    table.timestamp('observed_at').notNullable();
    table.timestamp('created_at').notNullable();
    table.index(
      ['entity_ref', 'source', 'created_at'],
      'maturity_fact_changes_key_idx',
    );
    table.index(['created_at'], 'maturity_fact_changes_created_idx');
  });

  // Current result of each check for each entity; `since` = when the status last changed.
  await knex.schema.createTable('maturity_results', table => {
    table.comment('Current result per entity, definition and check');
    table.string('entity_ref', 255).notNullable();
    table.string('definition_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('status', 32).notNullable();
    table.text('message').notNullable();
    table.text('failing').nullable().comment('JSON FailingCondition');
    table.timestamp('evaluated_at').notNullable();
    table.timestamp('since').notNullable();
    table.primary(['entity_ref', 'definition_ref', 'check_id']);
    table.index(
      ['definition_ref', 'check_id', 'status'],
      'maturity_results_check_idx',
    );
    table.index(['status'], 'maturity_results_status_idx');
  });

  // Status changes only (not message changes), for entity timelines and check pages.
  await knex.schema.createTable('maturity_result_transitions', table => {
    table.comment('History of result status changes');
    table.bigIncrements('id');
    table.string('entity_ref', 255).notNullable();
    table.string('definition_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('from_status', 32).nullable();
    table.string('to_status', 32).notNullable();
    table.text('message').notNullable();
    table.timestamp('at').notNullable();
    table.index(['entity_ref', 'at'], 'maturity_result_transitions_entity_idx');
    table.index(
      ['definition_ref', 'check_id', 'at'],
      'maturity_result_transitions_check_idx',
    );
    table.index(['at'], 'maturity_result_transitions_at_idx');
  });

  // Current level per entity and scorecard; level null / level_index -1 = below the first level.
  await knex.schema.createTable('maturity_levels', table => {
    table.comment('Current level per entity and scorecard');
    table.string('entity_ref', 255).notNullable();
    table.string('scorecard_ref', 255).notNullable();
    table.string('level', 255).nullable();
    table.integer('level_index').notNullable();
    table.integer('passed').notNullable();
    table.integer('failed').notNullable();
    table.integer('errored').notNullable();
    table.integer('total').notNullable();
    table.timestamp('updated_at').notNullable();
    table.primary(['entity_ref', 'scorecard_ref']);
    table.index(
      ['scorecard_ref', 'level_index'],
      'maturity_levels_scorecard_idx',
    );
  });

  // Daily copies of maturity_levels for trends; the day is a 'YYYY-MM-DD' string (sorts as it reads).
  await knex.schema.createTable('maturity_level_snapshots', table => {
    table.comment('Daily snapshots of levels, for trends');
    table.string('day', 10).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('scorecard_ref', 255).notNullable();
    table.string('level', 255).nullable();
    table.integer('level_index').notNullable();
    table.integer('passed').notNullable();
    table.integer('total').notNullable();
    table.primary(['day', 'scorecard_ref', 'entity_ref']);
    // The primary key serves scorecard trends and pruning by day; this one serves one entity's history.
    table.index(
      ['entity_ref', 'scorecard_ref', 'day'],
      'maturity_level_snapshots_entity_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_level_snapshots');
  await knex.schema.dropTable('maturity_levels');
  await knex.schema.dropTable('maturity_result_transitions');
  await knex.schema.dropTable('maturity_results');
  await knex.schema.dropTable('maturity_fact_changes');
  await knex.schema.dropTable('maturity_facts');
};
