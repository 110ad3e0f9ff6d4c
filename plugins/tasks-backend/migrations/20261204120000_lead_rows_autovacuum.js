/*
 * Lists led by `task_refs` or `task_labels` read a page as an ordered range
 * of an index that holds every column they need (an index-only scan), then
 * the tasks by id. PostgreSQL costs an index-only scan by the share of the
 * table's pages its visibility map marks all-visible, as of the last VACUUM
 * or ANALYZE. With almost none (under about 5 % at 100k tasks), the range
 * and a sort of all of the value's rows cost about the same, and plans
 * flipped with the order rows were loaded in (listPlans.test.ts). Every
 * write rewrites a task's rows in these tables, clearing its pages' bits;
 * by default autovacuum waits for 20 % of a table's rows to change,
 * autoanalyze for 10 %, so an analyze could record a map that writes had
 * mostly cleared. Vacuuming after 1 % of changes (and of inserts) keeps
 * the map, and what the planner knows of it, mostly set.
 */

// @ts-check

const TABLES = ['task_refs', 'task_labels'];
const SETTINGS = [
  'autovacuum_vacuum_scale_factor',
  'autovacuum_vacuum_insert_scale_factor',
];

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  for (const table of TABLES) {
    await knex.raw(
      `ALTER TABLE ${table} SET (${SETTINGS.map(s => `${s} = 0.01`).join(
        ', ',
      )})`,
    );
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  for (const table of TABLES) {
    await knex.raw(`ALTER TABLE ${table} RESET (${SETTINGS.join(', ')})`);
  }
};
