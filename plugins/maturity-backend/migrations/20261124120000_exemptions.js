/*
 * Exemptions of one check for one entity, and the audit log of every change to them.
 *
 * An exemption is requested, then approved or denied; an approved one may be revoked. Expiry is not a
 * status: `expires_at` is compared with the clock whenever exemptions are read, so an expired exemption
 * stops counting without anyone writing anything. `expiry_evaluated_at` only records that the entity
 * was re-evaluated after the expiry, so the scheduled task does that once per exemption.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_exemptions', table => {
    table.comment('Exemptions of one check for one entity');
    // A uuid made by the store: portable across engines and not guessable from the order of requests.
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('definition_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.text('reason').notNullable();
    table.string('requested_by', 255).notNullable();
    table.timestamp('requested_at').notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('requested | approved | denied | revoked');
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at').nullable();
    table.text('decision_comment').nullable();
    table.timestamp('expires_at').nullable().comment('null = permanent');
    table.timestamp('expiry_evaluated_at').nullable();
    table.index(['entity_ref', 'status'], 'maturity_exemptions_entity_idx');
    table.index(
      ['definition_ref', 'status'],
      'maturity_exemptions_definition_idx',
    );
    table.index(['status', 'expires_at'], 'maturity_exemptions_status_idx');
  });

  await knex.schema.createTable('maturity_audit_log', table => {
    table.comment('Who changed what, when: exemptions and other decisions');
    table.bigIncrements('id');
    table.timestamp('at').notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 64).notNullable();
    table.text('subject').notNullable().comment('JSON');
    table.text('details').notNullable().comment('JSON');
    table.index(['at'], 'maturity_audit_log_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_audit_log');
  await knex.schema.dropTable('maturity_exemptions');
};
