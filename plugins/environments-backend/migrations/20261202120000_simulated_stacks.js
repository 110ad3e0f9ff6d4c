/*
 * The "cloud" of the simulated deployer: each CloudFormation stack it has made, with
 * the schedule of the events of its current or last operation. Any replica can read a
 * stack's status from it and re-attach, as with real CloudFormation.
 * Timestamps are epoch milliseconds (bigint), the same on PostgreSQL and SQLite.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('simulated_stacks', table => {
    table.comment(
      'Stacks of the simulated deployer (embedded default and tests)',
    );
    table.string('account', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('stack_name', 128).notNullable();
    table
      .string('environment_name', 63)
      .nullable()
      .comment('Null for the CDKToolkit bootstrap stack');
    table
      .string('operation', 16)
      .notNullable()
      .comment('deploy, destroy or bootstrap');
    table.bigInteger('started_at').notNullable();
    table.integer('interval_ms').notNullable();
    table
      .text('events')
      .notNullable()
      .comment(
        'JSON array of scheduled events; event i happens at started_at + i * interval_ms',
      );
    table
      .string('previous_status', 48)
      .nullable()
      .comment(
        'Status before this operation reached the stack (null: it did not exist)',
      );
    table.string('final_status', 48).notNullable();
    table.text('outputs').notNullable().defaultTo('{}');
    table.text('template').notNullable().defaultTo('{}');
    table
      .bigInteger('followed_until')
      .nullable()
      .comment(
        'Time of the last event handed to a follower; a re-attach goes on from there',
      );
    table.bigInteger('updated_at').notNullable();
    table.primary(['account', 'region', 'stack_name']);
    table.index(['environment_name'], 'simulated_stacks_environment_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('simulated_stacks');
};
