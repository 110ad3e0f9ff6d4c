/*
 * A side table filled in bulk and never vacuumed (a migration's backfill)
 * is vacuumed once by the plugin at startup, so that its lists' plans do
 * not wait for autovacuum; small or vacuumed tables are left alone.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseTaskStore } from './DatabaseTaskStore';
import { fillRefRows } from '../__testUtils__/fillRefRows';
import { MIN_PAGES, vacuumNeverVacuumed } from './vacuumNeverVacuumed';

jest.setTimeout(120_000);

async function visibleShare(knex: Knex, table: string): Promise<number> {
  const { rows } = await knex.raw(
    `SELECT relallvisible::float / GREATEST(relpages, 1) AS share,
            pg_relation_size(oid) / current_setting('block_size')::int AS pages
     FROM pg_class WHERE relname = ?`,
    [table],
  );
  return rows[0].pages >= MIN_PAGES ? rows[0].share : -1;
}

describe('vacuumNeverVacuumed', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'vacuums a bulk-filled side table once (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await DatabaseTaskStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      // small tables: nothing to do
      expect(await vacuumNeverVacuumed(knex)).toEqual([]);
      if (knex.client.config.client !== 'pg') return;

      // 20k tasks: about 115k rows of task_refs, over MIN_PAGES pages
      await knex.raw(
        `INSERT INTO tasks (id, title, description, status, priority, assignee,
           created_by, entity_ref, labels, due_date, created_at, updated_at, version)
         SELECT gen_random_uuid()::text, 'Task ' || i, '', 'todo', 1,
           'user:default/u' || (i % 50), 'user:default/c' || (i % 20),
           'component:default/s' || (i % 100), '[]', NULL, i, i, 1
         FROM generate_series(1, 20000) AS i`,
      );
      await fillRefRows(knex);
      await knex.raw('ANALYZE task_refs');
      expect(await visibleShare(knex, 'task_refs')).toBe(0);

      expect(await vacuumNeverVacuumed(knex)).toEqual(['task_refs']);
      expect(await visibleShare(knex, 'task_refs')).toBeGreaterThan(0.9);
      // once vacuumed, left to autovacuum
      expect(await vacuumNeverVacuumed(knex)).toEqual([]);
    },
  );
});
