/*
 * The migration that moves the person and entity indexes of `tasks` to
 * `task_refs` fills it from the tasks already stored, and its `down` puts
 * the indexes back; the next one adds the rows of each pair of references.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import { Knex } from 'knex';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@taskplatform/plugin-tasks-backend',
  'migrations',
);
const MIGRATION = '20261204100000_task_refs.js';
const PAIRS_MIGRATION = '20261204110000_task_ref_pairs.js';

async function indexesOfTasks(knex: Knex): Promise<string[]> {
  const names: string[] =
    knex.client.config.client === 'pg'
      ? (
          await knex.raw(
            "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'tasks'",
          )
        ).rows.map((r: { name: string }) => r.name)
      : (
          await knex.raw(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks'",
          )
        ).map((r: { name: string }) => r.name);
  return names.filter(name => !name.startsWith('sqlite_autoindex')).sort();
}

describe('the task_refs migration', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'fills task_refs from the stored tasks and rolls back (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const earlier = fs
        .readdirSync(directory)
        .filter(name => name.endsWith('.js') && name < MIGRATION)
        .sort();
      for (const name of earlier) await knex.migrate.up({ directory, name });
      const before = await indexesOfTasks(knex);

      const task = (
        id: string,
        assignee: string | null,
        entity: string | null,
      ) => ({
        id,
        title: `Task ${id}`,
        description: '',
        status: 'blocked',
        priority: 2,
        assignee,
        created_by: 'user:default/ann',
        entity_ref: entity,
        labels: '[]',
        due_date: id === 'a' ? '2026-12-24' : null,
        created_at: 1000,
        updated_at: 2000,
        completed_at: null,
        version: 1,
      });
      await knex('tasks').insert([
        task('a', 'user:default/ben', 'component:default/api'),
        task('b', null, null),
      ]);

      await knex.migrate.up({ directory, name: MIGRATION });
      const rows = await knex('task_refs')
        .select(
          'task_id',
          'field',
          'ref',
          'status',
          'due_date',
          'priority',
          'title',
        )
        .orderBy(['task_id', 'field']);
      const copy = (id: string) => ({
        status: 'blocked',
        due_date: id === 'a' ? '2026-12-24' : null,
        priority: 2,
        title: `Task ${id}`,
      });
      expect(rows).toEqual([
        {
          task_id: 'a',
          field: 'assignee',
          ref: 'user:default/ben',
          ...copy('a'),
        },
        {
          task_id: 'a',
          field: 'created_by',
          ref: 'user:default/ann',
          ...copy('a'),
        },
        {
          task_id: 'a',
          field: 'entity_ref',
          ref: 'component:default/api',
          ...copy('a'),
        },
        {
          task_id: 'b',
          field: 'created_by',
          ref: 'user:default/ann',
          ...copy('b'),
        },
      ]);
      const after = await indexesOfTasks(knex);
      expect(before.length - after.length).toBe(27);
      expect(after).toEqual(
        expect.arrayContaining([
          'tasks_assignee_idx',
          'tasks_created_by_idx',
          'tasks_entity_ref_idx',
        ]),
      );

      // the pairs' rows: task a has all three references, b only a creator
      await knex.migrate.up({ directory, name: PAIRS_MIGRATION });
      const pairs = await knex('task_refs')
        .select('task_id', 'field', 'ref', 'status', 'title')
        .whereNotIn('field', ['assignee', 'created_by', 'entity_ref'])
        .orderBy(['task_id', 'field']);
      const pairCopy = { status: 'blocked', title: 'Task a' };
      expect(pairs).toEqual([
        {
          task_id: 'a',
          field: 'creator_assignee',
          ref: 'user:default/ann user:default/ben',
          ...pairCopy,
        },
        {
          task_id: 'a',
          field: 'entity_assignee',
          ref: 'component:default/api user:default/ben',
          ...pairCopy,
        },
        {
          task_id: 'a',
          field: 'entity_creator',
          ref: 'component:default/api user:default/ann',
          ...pairCopy,
        },
      ]);
      await knex.migrate.down({ directory, name: PAIRS_MIGRATION });
      expect(await knex('task_refs').count({ n: '*' })).toEqual([
        { n: knex.client.config.client === 'pg' ? '4' : 4 },
      ]);

      await knex.migrate.down({ directory, name: MIGRATION });
      expect(await indexesOfTasks(knex)).toEqual(before);
      expect(await knex.schema.hasTable('task_refs')).toBe(false);
    },
  );
});
