/*
 * "My tasks" sorted by due date: without this index PostgreSQL may walk the
 * due_date index and filter by assignee, which is slow when few of the
 * assignee's tasks have due dates.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('tasks', table => {
    table.index(['assignee', 'due_date', 'id'], 'tasks_assignee_due_date_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('tasks', table => {
    table.dropIndex([], 'tasks_assignee_due_date_idx');
  });
};
