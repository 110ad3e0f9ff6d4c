/*
 * A text search with rare words finds its tasks through the GIN index of
 * `tasks.search` first (taskListPage.ts, TextSearchFrequency.ts). With
 * `fastupdate` (the default), writes add their words to the index's pending
 * list, up to 4 MB, and every search reads that whole list: at 1M tasks,
 * after the bench's writes, a search for one task took 0.36 ms, and 0.16 ms
 * once the list was merged (`gin_clean_pending_list`). Without it, each
 * write adds its few words to the index directly.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('ALTER INDEX tasks_search_idx SET (fastupdate = off)');
  // turning it off leaves the entries already pending in the list
  await knex.raw(`SELECT gin_clean_pending_list('tasks_search_idx')`);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('ALTER INDEX tasks_search_idx RESET (fastupdate)');
};
