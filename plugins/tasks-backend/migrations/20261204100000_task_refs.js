/*
 * A person's or an entity's list (assignee, creator, entity, with or
 * without a status) was read from one of 27 (filter, [status,] sort column,
 * id) indexes of `tasks`. Their number made every query on `tasks` slow to
 * plan (PostgreSQL weighs each index: 48 in all) and every write slow to
 * apply: pgbench of the worst list at 1M tasks ran 3,000 statements/s with
 * 48 indexes and 4,700 with 19 (bench/indexCount.sh).
 *
 * `task_refs` now holds one row per task and reference (its assignee, its
 * creator, its entity) with a copy of the task's status and sort columns,
 * kept by every write of the task in the same transaction, and those
 * indexes: (field, ref, sort column, task_id) and (field, ref, status, sort
 * column, task_id). Such a list is read in order from its range (see
 * refLead in listLeads.ts), the tasks by primary key. `tasks` keeps its
 * (filter, created_at, id) indexes, which permission conditions
 * (creator, assignee) and lists combining two people use.
 */

// @ts-check

const FIELDS = ['assignee', 'created_by', 'entity_ref'];
const SORTS = ['created_at', 'updated_at', 'due_date', 'priority', 'title'];
const COPIED = ['status', ...SORTS];

/** The indexes of `tasks` that `task_refs` replaces. */
const MOVED = [
  'tasks_assignee_due_date_idx',
  ...[
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
  ].map(([filter, sort]) => `tasks_${filter}_${sort}_idx`),
  ...FIELDS.flatMap(filter =>
    SORTS.map(sort => `tasks_${filter}_status_${sort}_idx`),
  ),
];

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('task_refs', table => {
    table.comment(
      'One row per task and reference (assignee, creator, entity) with a copy of the status and sort columns of the task, for indexed person and entity lists',
    );
    table
      .string('task_id', 36)
      .notNullable()
      .references('id')
      .inTable('tasks')
      .onDelete('CASCADE');
    table
      .string('field', 16)
      .notNullable()
      .comment('The column of tasks: assignee, created_by or entity_ref');
    table.string('ref', 255).notNullable();
    table.string('status', 16).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.string('due_date', 10).nullable();
    table.integer('priority').notNullable();
    table.string('title', 200).notNullable();
    table.primary(['task_id', 'field']);
  });
  for (const field of FIELDS) {
    await knex.raw(
      `INSERT INTO task_refs (task_id, field, ref, ${COPIED.join(', ')})
       SELECT id, ?, ${field}, ${COPIED.join(', ')} FROM tasks
       WHERE ${field} IS NOT NULL`,
      [field],
    );
  }
  await knex.schema.alterTable('task_refs', table => {
    for (const sort of SORTS) {
      table.index(['field', 'ref', sort, 'task_id'], `task_refs_${sort}_idx`);
      table.index(
        ['field', 'ref', 'status', sort, 'task_id'],
        `task_refs_status_${sort}_idx`,
      );
    }
  });
  for (const index of MOVED) await knex.raw(`DROP INDEX ${index}`);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('tasks', table => {
    for (const filter of FIELDS) {
      for (const sort of SORTS) {
        if (sort === 'created_at') {
          table.index(
            [filter, 'status', sort, 'id'],
            `tasks_${filter}_status_${sort}_idx`,
          );
          continue;
        }
        if (!(filter === 'assignee' && sort === 'due_date')) {
          table.index([filter, sort, 'id'], `tasks_${filter}_${sort}_idx`);
        }
        table.index(
          [filter, 'status', sort, 'id'],
          `tasks_${filter}_status_${sort}_idx`,
        );
      }
    }
    table.index(['assignee', 'due_date', 'id'], 'tasks_assignee_due_date_idx');
  });
  await knex.schema.dropTable('task_refs');
};
