/*
 * Two filters of the Tasks page still walked a sort index and skipped the
 * tasks they did not match, which reads few rows only while the matching
 * tasks are spread evenly through that sort:
 * - a status under any sort but creation: one (status, sort column, id)
 *   index per sort, read per status (see listBranches in taskListPage.ts).
 *   A rare status (blocked, or todo when most tasks are done) otherwise
 *   walks the sort index past every task of the other statuses;
 * - unassigned (`assignee=none`, `assignee IS NULL`): PostgreSQL cannot
 *   read `(assignee, sort column, id)` in sort order for IS NULL, so each
 *   sort gets a partial index of the unassigned tasks alone (small: only
 *   unassigned tasks enter it).
 */

// @ts-check

const STATUS_SORTS = ['updated_at', 'due_date', 'priority', 'title'];
const SORTS = ['created_at', ...STATUS_SORTS];

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('tasks', table => {
    for (const sort of STATUS_SORTS) {
      table.index(['status', sort, 'id'], `tasks_status_${sort}_idx`);
    }
  });
  // partial indexes (PostgreSQL and SQLite both support `WHERE`)
  for (const sort of SORTS) {
    await knex.raw(
      `CREATE INDEX tasks_unassigned_${sort}_idx ON tasks (${sort}, id) WHERE assignee IS NULL`,
    );
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const sort of SORTS) {
    await knex.raw(`DROP INDEX tasks_unassigned_${sort}_idx`);
  }
  await knex.schema.alterTable('tasks', table => {
    for (const sort of STATUS_SORTS) {
      table.dropIndex([], `tasks_status_${sort}_idx`);
    }
  });
};
