/*
 * When the deployer was first called for an operation. A takeover that finds
 * every stack complete finishes an update without deploying again only if
 * CloudFormation updated each stack after this time; otherwise the stacks
 * are still those of the last deploy and the update starts (cdk deploy skips
 * the stacks that did not change).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('operations', table => {
    table
      .bigInteger('deploy_started_at')
      .nullable()
      .comment('Epoch ms when the deployer was first called (deploy_started)');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('operations', table => {
    table.dropColumn('deploy_started_at');
  });
};
