/*
 * Operational readiness: one record per entity and Checklist (phase, target launch date), the answers to
 * its items, the reviews (sign-offs) of its phases and an append-only audit trail of every change.
 *
 * Expiry is not stored: it follows from `answered_at` and the item's `reattestEvery` whenever answers are
 * read, so a checklist edit that changes the period takes effect at once.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_readiness_records', table => {
    table.comment('The readiness of one entity against one Checklist');
    table.string('entity_ref', 255).notNullable();
    table.string('checklist_ref', 255).notNullable();
    table
      .string('phase', 255)
      .nullable()
      .comment('null before the first phase');
    table.string('target_launch_date', 10).nullable().comment('YYYY-MM-DD');
    table.timestamp('updated_at').nullable();
    table.primary(['entity_ref', 'checklist_ref']);
    table.index(
      ['checklist_ref', 'phase'],
      'maturity_readiness_records_phase_idx',
    );
    table.index(
      ['target_launch_date'],
      'maturity_readiness_records_launch_idx',
    );
  });

  await knex.schema.createTable('maturity_readiness_answers', table => {
    table.comment(
      'Answers to checklist items; automatic ones are copies of check results',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('checklist_ref', 255).notNullable();
    table.string('item_id', 255).notNullable();
    table
      .string('answer', 16)
      .notNullable()
      .comment('yes | no | not-applicable');
    table.text('justification').nullable();
    table.text('notes').nullable();
    table.text('evidence').notNullable().comment('JSON array of URLs');
    table.string('answered_by', 512).notNullable();
    table.timestamp('answered_at').notNullable();
    table.boolean('automatic').notNullable().defaultTo(false);
    table.primary(['entity_ref', 'checklist_ref', 'item_id']);
  });

  await knex.schema.createTable('maturity_readiness_reviews', table => {
    table.comment('Sign-off requests of a phase, with votes and timeline');
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('checklist_ref', 255).notNullable();
    table.string('phase', 255).notNullable();
    table
      .string('status', 24)
      .notNullable()
      .comment('open | changes-requested | vetoed | approved | withdrawn');
    table.timestamp('requested_at').notNullable();
    table.timestamp('updated_at').notNullable();
    table.text('state').notNullable().comment('JSON: the whole review');
    table.index(
      ['entity_ref', 'checklist_ref'],
      'maturity_readiness_reviews_entity_idx',
    );
    table.index(
      ['status', 'requested_at'],
      'maturity_readiness_reviews_queue_idx',
    );
  });

  await knex.schema.createTable('maturity_readiness_audit', table => {
    table.comment('Append-only: every answer, phase change and review action');
    table.bigIncrements('id');
    table.timestamp('at').notNullable();
    table.string('actor', 512).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('checklist_ref', 255).notNullable();
    table.string('action', 64).notNullable();
    table.string('item_id', 255).nullable();
    table.string('phase', 255).nullable();
    table.string('review_id', 36).nullable();
    table.text('before').nullable().comment('JSON');
    table.text('after').nullable().comment('JSON');
    table.index(['entity_ref', 'id'], 'maturity_readiness_audit_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_readiness_audit');
  await knex.schema.dropTable('maturity_readiness_reviews');
  await knex.schema.dropTable('maturity_readiness_answers');
  await knex.schema.dropTable('maturity_readiness_records');
};
