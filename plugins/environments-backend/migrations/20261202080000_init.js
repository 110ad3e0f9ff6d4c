/*
 * Environments, their operations (a queue with leases), operation events,
 * the templates of the last deploy and the last plan of each environment.
 * Timestamps are epoch milliseconds (bigint), the same on PostgreSQL and SQLite.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('environments', table => {
    table.comment('AWS environments owned by the portal');
    table.string('id', 36).primary().notNullable();
    table.string('name', 63).notNullable();
    table.string('title', 200).notNullable();
    table.string('owner', 255).notNullable().comment('Group entity ref');
    table.string('account', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('preset', 8).notNullable();
    table.text('spec').notNullable().comment('Full EnvironmentSpec as JSON');
    table.string('status', 16).notNullable();
    table.boolean('simulated').notNullable();
    table.text('outputs').notNullable().defaultTo('{}');
    table.text('failure_reason').nullable();
    table.float('estimated_monthly_cost_usd').nullable();
    table.string('current_operation_id', 36).nullable();
    table
      .boolean('ever_ready')
      .notNullable()
      .defaultTo(false)
      .comment('Reached ready once: a retry of a failed deploy is an update');
    table.integer('version').notNullable().defaultTo(1);
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['owner', 'created_at', 'id'], 'environments_owner_idx');
    table.index(['created_at', 'id'], 'environments_created_at_idx');
  });
  // A name is taken while its environment is not destroyed.
  await knex.raw(
    `CREATE UNIQUE INDEX environments_live_name_idx ON environments (name) WHERE status <> 'destroyed'`,
  );

  await knex.schema.createTable('operations', table => {
    table.comment(
      'Deploy, destroy and bootstrap operations: a queue with leases',
    );
    table.string('id', 36).primary().notNullable();
    table
      .string('environment_id', 36)
      .nullable()
      .references('id')
      .inTable('environments')
      .comment('Null for a bootstrap');
    table.string('kind', 16).notNullable();
    table.string('status', 16).notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('idempotency_key', 200).nullable();
    table.string('account', 12).notNullable();
    table.string('region', 32).notNullable();
    table.text('spec').nullable().comment('The spec this operation deploys');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('finished_at').nullable();
    table.text('error').nullable();
    table.string('lease_owner', 100).nullable();
    table.bigInteger('lease_expires_at').nullable();
    table.bigInteger('heartbeat_at').nullable();
    table.integer('attempt').notNullable().defaultTo(0);
    table
      .boolean('deploy_started')
      .notNullable()
      .defaultTo(false)
      .comment(
        'The deployer was called: a takeover re-attaches, never restarts',
      );
    table.integer('resources_planned').nullable();
    table.integer('resources_done').nullable();
    table.unique(['environment_id', 'kind', 'idempotency_key'], {
      indexName: 'operations_idempotency_idx',
    });
    table.index(['status', 'lease_expires_at'], 'operations_claim_idx');
    table.index(['environment_id', 'created_at'], 'operations_environment_idx');
    table.index(['account', 'region', 'kind'], 'operations_account_idx');
  });

  await knex.schema.createTable('operation_events', table => {
    table.comment('CloudFormation resource events of each operation');
    table
      .string('operation_id', 36)
      .notNullable()
      .references('id')
      .inTable('operations')
      .onDelete('CASCADE');
    table.bigInteger('id').notNullable().comment('Sequence per operation');
    table.string('time', 40).notNullable();
    table.string('stack', 255).notNullable();
    table.string('logical_id', 255).notNullable();
    table.string('resource_type', 255).notNullable();
    table.string('status', 64).notNullable();
    table.text('reason').nullable();
    table.primary(['operation_id', 'id']);
  });

  await knex.schema.createTable('deployed_templates', table => {
    table.comment('Each stack template as last deployed, for offline diffs');
    table
      .string('environment_id', 36)
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table.string('stack', 255).notNullable();
    table.text('template').notNullable();
    table.bigInteger('deployed_at').notNullable();
    table.primary(['environment_id', 'stack']);
  });

  await knex.schema.createTable('plans', table => {
    table.comment('The last plan made for each environment name');
    table.string('environment_name', 63).primary().notNullable();
    table.text('plan').notNullable();
    table.bigInteger('created_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('plans');
  await knex.schema.dropTable('deployed_templates');
  await knex.schema.dropTable('operation_events');
  await knex.schema.dropTable('operations');
  await knex.schema.dropTable('environments');
};
