/*
 * A label with an assignee (the filter bar's label on "My tasks") was read
 * from the assignee's index of `tasks`, probing `task_labels` for each of
 * the person's tasks: about 150 probes a page at 1M tasks for a label on a
 * third of them (0.7 ms of SQL, the slowest list). `task_labels` now also
 * carries a copy of each task's assignee, kept by every write of the task
 * in the same transaction, and one (label, assignee, sort column, task_id)
 * index per sort: such a list is read in order from its own range (see
 * labelLeads in listLeads.ts). Unassigned is `assignee IS NULL`, which a
 * b-tree range serves too.
 */

// @ts-check

const SORTS = ['created_at', 'updated_at', 'due_date', 'priority', 'title'];

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('task_labels', table => {
    table.string('assignee', 255).nullable();
  });
  await knex.raw(
    knex.client.config.client === 'pg'
      ? `UPDATE task_labels SET assignee = tasks.assignee FROM tasks WHERE tasks.id = task_labels.task_id`
      : `UPDATE task_labels SET assignee = (SELECT assignee FROM tasks WHERE tasks.id = task_labels.task_id)`,
  );
  await knex.schema.alterTable('task_labels', table => {
    for (const column of SORTS) {
      table.index(
        ['label', 'assignee', column, 'task_id'],
        `task_labels_label_assignee_${column}_idx`,
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
      table.dropIndex([], `task_labels_label_assignee_${column}_idx`);
    }
  });
  await knex.schema.alterTable('task_labels', table => {
    table.dropColumn('assignee');
  });
};
