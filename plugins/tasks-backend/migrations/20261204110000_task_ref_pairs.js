/*
 * Two references combined in one list (the "Created by me" view with the
 * filter bar's assignee, an entity with an assignee or a creator) were read
 * from one reference's rows of `task_refs`, testing the other on each task:
 * every task of the first when the two do not overlap (5,000 rows a page at
 * 100k tasks in listPlans.test.ts). Each pair now has rows of its own, with
 * both refs space-separated in `ref` (refs have no spaces), served by the
 * same `(field, ref, [status,] sort column, task_id)` indexes: such a list
 * is one range too (see refLead in listLeads.ts). `ref` widens to hold
 * two refs.
 */

// @ts-check

const PAIRS = [
  ['creator_assignee', 'created_by', 'assignee'],
  ['entity_assignee', 'entity_ref', 'assignee'],
  ['entity_creator', 'entity_ref', 'created_by'],
];
const COPIED = 'status, created_at, updated_at, due_date, priority, title';

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw('ALTER TABLE task_refs ALTER COLUMN ref TYPE varchar(511)');
  }
  for (const [field, first, second] of PAIRS) {
    await knex.raw(
      `INSERT INTO task_refs (task_id, field, ref, ${COPIED})
       SELECT id, ?, ${first} || ' ' || ${second}, ${COPIED} FROM tasks
       WHERE ${first} IS NOT NULL AND ${second} IS NOT NULL`,
      [field],
    );
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex('task_refs')
    .whereIn(
      'field',
      PAIRS.map(([field]) => field),
    )
    .delete();
  if (knex.client.config.client === 'pg') {
    await knex.raw('ALTER TABLE task_refs ALTER COLUMN ref TYPE varchar(255)');
  }
};
