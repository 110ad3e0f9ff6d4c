/*
 * Tasks, their labels, comments and activity history.
 * Timestamps are epoch milliseconds (bigint) so that keyset cursors and the
 * per-week stats work the same on PostgreSQL and SQLite.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const isPg = knex.client.config.client === 'pg';

  await knex.schema.createTable('tasks', table => {
    table.comment('Tasks of the tasks plugin');
    table.string('id', 36).primary().notNullable();
    table.string('title', 200).notNullable();
    table.text('description').notNullable().defaultTo('');
    table.string('status', 16).notNullable();
    table
      .integer('priority')
      .notNullable()
      .comment('Rank: 0 low, 1 medium, 2 high, 3 urgent');
    table.string('assignee', 255).nullable();
    table.string('created_by', 255).notNullable();
    table.string('entity_ref', 255).nullable();
    table
      .text('labels')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON array; filtering uses task_labels');
    table.string('due_date', 10).nullable().comment('YYYY-MM-DD');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('completed_at').nullable();
    table.integer('version').notNullable().defaultTo(1);

    // Keyset pagination: one (sort column, id) index per sort field, and
    // (filter column, created_at, id) for the common filtered views.
    table.index(['created_at', 'id'], 'tasks_created_at_idx');
    table.index(['updated_at', 'id'], 'tasks_updated_at_idx');
    table.index(['due_date', 'id'], 'tasks_due_date_idx');
    table.index(['priority', 'id'], 'tasks_priority_idx');
    table.index(['title', 'id'], 'tasks_title_idx');
    table.index(['status', 'created_at', 'id'], 'tasks_status_idx');
    table.index(['assignee', 'created_at', 'id'], 'tasks_assignee_idx');
    table.index(['created_by', 'created_at', 'id'], 'tasks_created_by_idx');
    table.index(['entity_ref', 'created_at', 'id'], 'tasks_entity_ref_idx');
    table.index(['completed_at'], 'tasks_completed_at_idx');
  });

  if (isPg) {
    await knex.raw(
      `ALTER TABLE tasks ADD COLUMN search tsvector GENERATED ALWAYS AS
        (to_tsvector('english', title || ' ' || description)) STORED`,
    );
    await knex.raw('CREATE INDEX tasks_search_idx ON tasks USING GIN (search)');
  }

  await knex.schema.createTable('task_labels', table => {
    table.comment('One row per label of a task, for indexed label filters');
    table
      .string('task_id', 36)
      .notNullable()
      .references('id')
      .inTable('tasks')
      .onDelete('CASCADE');
    table.string('label', 50).notNullable();
    table.primary(['label', 'task_id']);
    table.index(['task_id'], 'task_labels_task_id_idx');
  });

  await knex.schema.createTable('task_comments', table => {
    table.comment('Comments on tasks');
    table.string('id', 36).primary().notNullable();
    table
      .string('task_id', 36)
      .notNullable()
      .references('id')
      .inTable('tasks')
      .onDelete('CASCADE');
    table.string('author', 255).notNullable();
    table.text('body').notNullable();
    table.bigInteger('created_at').notNullable();
    table.index(['task_id', 'created_at'], 'task_comments_task_id_idx');
  });

  await knex.schema.createTable('task_activity', table => {
    table.comment('History of every change of a task');
    table.bigIncrements('id').primary();
    table
      .string('task_id', 36)
      .notNullable()
      .references('id')
      .inTable('tasks')
      .onDelete('CASCADE');
    table.string('actor', 255).notNullable();
    table.string('action', 16).notNullable();
    table.string('field', 32).nullable();
    table.text('old_value').nullable();
    table.text('new_value').nullable();
    table.bigInteger('created_at').notNullable();
    table.index(['task_id', 'id'], 'task_activity_task_id_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('task_activity');
  await knex.schema.dropTable('task_comments');
  await knex.schema.dropTable('task_labels');
  await knex.schema.dropTable('tasks');
};
