/*
 * A label filter read the sort's index of `tasks` and probed `task_labels`
 * for each task: a few rows per match while the label's tasks are spread
 * through that order, but every task of a stretch without the label (e.g.
 * the newest ones, for a label added last month) otherwise. `task_labels`
 * now carries a copy of each task's sort columns, kept by every write of
 * the task in the same transaction, and one (label, sort column, task_id)
 * index per sort: a label's list is read in order from its own range
 * (see labelLeads in listLeads.ts).
 */

// @ts-check

const SORTS = ['created_at', 'updated_at', 'due_date', 'priority', 'title'];

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('task_labels', table => {
    table.bigInteger('created_at').notNullable().defaultTo(0);
    table.bigInteger('updated_at').notNullable().defaultTo(0);
    table.string('due_date', 10).nullable();
    table.integer('priority').notNullable().defaultTo(0);
    table.string('title', 200).notNullable().defaultTo('');
  });
  const set = SORTS.map(column => `${column} = tasks.${column}`).join(', ');
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      `UPDATE task_labels SET ${set} FROM tasks WHERE tasks.id = task_labels.task_id`,
    );
  } else {
    await knex.raw(
      `UPDATE task_labels SET ${SORTS.map(
        column =>
          `${column} = (SELECT ${column} FROM tasks WHERE tasks.id = task_labels.task_id)`,
      ).join(', ')}`,
    );
  }
  await knex.schema.alterTable('task_labels', table => {
    for (const column of SORTS) {
      table.index(
        ['label', column, 'task_id'],
        `task_labels_label_${column}_idx`,
      );
    }
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('task_labels', table => {
    for (const column of SORTS) {
      table.dropIndex([], `task_labels_label_${column}_idx`);
    }
  });
  await knex.schema.alterTable('task_labels', table => {
    for (const column of SORTS) table.dropColumn(column);
  });
};
