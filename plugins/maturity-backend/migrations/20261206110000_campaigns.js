/*
 * Campaign state: lifecycle, per-target state, precomputed progress (overall and per owner group), the
 * daily burn-up, and the send log that makes reminders exactly-once per owner and cycle.
 *
 * Definitions stay in the catalog; these tables hold only what the catalog cannot: what happened and when.
 * Progress counters are written in the same transaction as the target rows they count, so a reader never
 * sees counts that disagree with the targets.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_campaigns', table => {
    table.comment('Lifecycle and precomputed progress of each campaign');
    table.string('campaign_ref', 255).primary();
    table
      .string('state', 16)
      .notNullable()
      .comment(
        'draft | scheduled | inProgress | delayed | completed | endedEarly',
      );
    table.timestamp('state_since').notNullable();
    table.integer('targets').notNullable().defaultTo(0);
    table.integer('passing').notNullable().defaultTo(0);
    table.integer('exempt').notNullable().defaultTo(0);
    table.integer('failing').notNullable().defaultTo(0);
    table.integer('not_started').notNullable().defaultTo(0);
    table.integer('regressed').notNullable().defaultTo(0);
    table.timestamp('completed_at').nullable();
    table
      .text('completed_checks')
      .nullable()
      .comment('JSON list of the check ids at completion (the re-open rule)');
    table.timestamp('last_reminder_at').nullable();
    table.timestamp('updated_at').notNullable();
    table
      .bigInteger('version')
      .notNullable()
      .defaultTo(0)
      .comment('+1 on every write: API responses are cached until it moves');
  });

  await knex.schema.createTable('maturity_campaign_transitions', table => {
    table.comment('Every lifecycle transition of a campaign, with its cause');
    table.bigIncrements('id');
    table.string('campaign_ref', 255).notNullable();
    table.string('from_state', 16).nullable();
    table.string('to_state', 16).notNullable();
    table.timestamp('at').notNullable();
    table.text('cause').notNullable();
    table.string('actor', 255).nullable();
    table.index(['campaign_ref', 'id'], 'maturity_campaign_transitions_idx');
  });

  await knex.schema.createTable('maturity_campaign_targets', table => {
    table.comment('Each target of each campaign with its state');
    table.string('campaign_ref', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('title', 255).nullable();
    // '' rather than null for unowned targets: it keeps (campaign, owner) a plain index key everywhere.
    table.string('owner_ref', 255).notNullable().defaultTo('');
    table
      .string('state', 16)
      .notNullable()
      .comment('notStarted | failing | passing | exempt');
    table.integer('state_rank').notNullable().comment('sort: failing first');
    table.timestamp('since').notNullable();
    table.timestamp('joined_at').notNullable();
    table.timestamp('first_passed_at').nullable();
    table
      .integer('regressed')
      .notNullable()
      .defaultTo(0)
      .comment('1 = failing after having passed');
    table.text('failing').notNullable().comment('JSON TargetCheckResult[]');
    table.primary(['campaign_ref', 'entity_ref']);
    table.index(
      ['campaign_ref', 'owner_ref', 'state'],
      'maturity_campaign_targets_owner_idx',
    );
    table.index(
      ['campaign_ref', 'state_rank', 'entity_ref'],
      'maturity_campaign_targets_rank_idx',
    );
    table.index(['entity_ref'], 'maturity_campaign_targets_entity_idx');
  });

  await knex.schema.createTable('maturity_campaign_owner_progress', table => {
    table.comment('Precomputed progress of each owner group in each campaign');
    table.string('campaign_ref', 255).notNullable();
    table.string('owner_ref', 255).notNullable().comment("'' = unowned");
    table.integer('targets').notNullable();
    table.integer('passing').notNullable();
    table.integer('exempt').notNullable();
    table.integer('failing').notNullable();
    table.integer('not_started').notNullable();
    table.integer('regressed').notNullable();
    table.primary(['campaign_ref', 'owner_ref']);
    table.index(['owner_ref'], 'maturity_campaign_owner_progress_owner_idx');
  });

  await knex.schema.createTable('maturity_campaign_snapshots', table => {
    table.comment(
      'Daily burn-up of each campaign (the last write of the day stays)',
    );
    table.string('campaign_ref', 255).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.integer('targets').notNullable();
    table.integer('done').notNullable();
    table.integer('failing').notNullable();
    table.integer('not_started').notNullable();
    table.primary(['campaign_ref', 'day']);
  });

  await knex.schema.createTable('maturity_send_log', table => {
    table.comment(
      'Notifications sent, one row per unique key: claimed before sending so no replica sends twice',
    );
    table
      .string('send_key', 512)
      .primary()
      .comment('e.g. campaign-reminder|<campaign>|<cycle>|<owner>');
    table.string('kind', 64).notNullable();
    table.string('subject_ref', 255).notNullable();
    table.string('recipient', 255).notNullable();
    table.timestamp('sent_at').notNullable();
    table.index(
      ['kind', 'subject_ref', 'recipient', 'sent_at'],
      'maturity_send_log_recipient_idx',
    );
    table.index(['sent_at'], 'maturity_send_log_sent_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_send_log');
  await knex.schema.dropTable('maturity_campaign_snapshots');
  await knex.schema.dropTable('maturity_campaign_owner_progress');
  await knex.schema.dropTable('maturity_campaign_targets');
  await knex.schema.dropTable('maturity_campaign_transitions');
  await knex.schema.dropTable('maturity_campaigns');
};
