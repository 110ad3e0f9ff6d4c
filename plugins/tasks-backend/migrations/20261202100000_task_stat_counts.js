/*
 * Aggregates for GET /stats, kept exact in the same transaction as every
 * task write, so that a stats call reads a few hundred rows instead of the
 * table. Each counter is split into a few shards (chosen at random per
 * write) so that concurrent writers rarely wait on the same row.
 *
 * task_status_counts: tasks per (entity, assignee, status); entity_key '*'
 *   counts every task, an entity ref only that entity's; assignee_key ''
 *   is unassigned.
 * task_week_counts: tasks created / completed per week (Monday-based, see
 *   the store) per (entity, assignee); '*' in either key means any.
 */

// @ts-check

const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_MONDAY_MS = 4 * DAY_MS;
const WEEK_MS = 7 * DAY_MS;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('task_status_counts', table => {
    table.comment('Tasks per entity, assignee and status (sharded counters)');
    table.string('entity_key', 255).notNullable();
    table.string('assignee_key', 255).notNullable();
    table.string('status', 16).notNullable();
    table.smallint('shard').notNullable();
    table.bigInteger('n').notNullable();
    table.primary(['entity_key', 'assignee_key', 'status', 'shard']);
  });
  await knex.schema.createTable('task_week_counts', table => {
    table.comment('Tasks created and completed per week (sharded counters)');
    table.string('entity_key', 255).notNullable();
    table.string('assignee_key', 255).notNullable();
    table.integer('week').notNullable();
    table.smallint('shard').notNullable();
    table.bigInteger('created').notNullable();
    table.bigInteger('completed').notNullable();
    table.primary(['entity_key', 'assignee_key', 'week', 'shard']);
  });
  await recount(knex);
};

/**
 * Fills both tables from the tasks (shard 0).
 *
 * @param {import('knex').Knex} knex
 */
async function recount(knex) {
  const assignee = "COALESCE(assignee, '')";
  for (const entity of ["'*'", 'entity_ref']) {
    await knex.raw(
      `INSERT INTO task_status_counts (entity_key, assignee_key, status, shard, n)
       SELECT ${entity}, ${assignee}, status, 0, COUNT(*) FROM tasks
       ${entity === 'entity_ref' ? 'WHERE entity_ref IS NOT NULL' : ''}
       GROUP BY 1, 2, 3`,
    );
    for (const who of ["'*'", assignee]) {
      const where = entity === 'entity_ref' ? 'AND entity_ref IS NOT NULL' : '';
      await knex.raw(
        `INSERT INTO task_week_counts (entity_key, assignee_key, week, shard, created, completed)
         SELECT e, a, w, 0, SUM(c), SUM(d) FROM (
           SELECT ${entity} AS e, ${who} AS a,
             (created_at - ${FIRST_MONDAY_MS}) / ${WEEK_MS} AS w, 1 AS c, 0 AS d
           FROM tasks WHERE 1 = 1 ${where}
           UNION ALL
           SELECT ${entity}, ${who},
             (completed_at - ${FIRST_MONDAY_MS}) / ${WEEK_MS}, 0, 1
           FROM tasks WHERE completed_at IS NOT NULL ${where}
         ) events GROUP BY e, a, w`,
      );
    }
  }
}
exports.recount = recount;

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('task_week_counts');
  await knex.schema.dropTable('task_status_counts');
};
