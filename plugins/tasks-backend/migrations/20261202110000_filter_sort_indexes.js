/*
 * Every list sort under each selective filter of the Tasks page and the
 * entity tab (assignee, creator, entity) is a keyset index scan: one
 * (filter column, sort column, id) index per pair that the earlier
 * migrations lack. Without them, e.g. `assignee=…&sort=updatedAt` walks the
 * updated_at index and filters, or sorts every task of the assignee.
 * Status, label, due-date and text filters are not selective enough to
 * need their own: the sort index with a filter reads a bounded number of
 * rows per page (see listPlans.test.ts).
 */

// @ts-check

const PAIRS = [
  ['assignee', 'updated_at'],
  ['assignee', 'priority'],
  ['assignee', 'title'],
  ['created_by', 'updated_at'],
  ['created_by', 'due_date'],
  ['created_by', 'priority'],
  ['created_by', 'title'],
  ['entity_ref', 'updated_at'],
  ['entity_ref', 'due_date'],
  ['entity_ref', 'priority'],
  ['entity_ref', 'title'],
];

/** @param {string[]} pair */
const indexName = ([filter, sort]) => `tasks_${filter}_${sort}_idx`;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('tasks', table => {
    for (const pair of PAIRS) {
      table.index([...pair, 'id'], indexName(pair));
    }
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('tasks', table => {
    for (const pair of PAIRS) {
      table.dropIndex([], indexName(pair));
    }
  });
};
