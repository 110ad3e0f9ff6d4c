import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { DatabaseTaskStore } from './DatabaseTaskStore';
import { TASK_SORT_FIELDS } from '@taskplatform/plugin-tasks-common';

jest.setTimeout(60_000);

const alice = 'user:default/alice';
const bob = 'user:default/bob';

describe('DatabaseTaskStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseTaskStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { knex, store };
  }

  /**
   * A store on one PostgreSQL connection, so that the statements it prepared
   * can be read back from `pg_prepared_statements`.
   */
  async function withOneConnection(
    test: (store: DatabaseTaskStore, knex: Knex) => Promise<void>,
  ) {
    const shared = await databases.init('POSTGRES_15');
    const knex = knexFactory({
      client: 'pg',
      connection: shared.client.config.connection,
      pool: { min: 1, max: 1 },
    });
    try {
      const store = await DatabaseTaskStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await test(store, knex);
    } finally {
      await knex.destroy();
    }
  }

  it('reads by id through a prepared statement whose generic plan PostgreSQL keeps (POSTGRES_15)', () =>
    withOneConnection(async (store, knex) => {
      const task = await store.createTask({
        fields: { title: 'Prepared' },
        createdBy: alice,
      });
      for (let i = 0; i < 8; i++) {
        await expect(store.getTask(task.id)).resolves.toEqual(task);
      }
      // a permission filter is part of the text: another statement
      await expect(
        store.getTask(task.id, {
          key: 'created_by',
          values: [bob],
        }),
      ).resolves.toBeUndefined();
      await expect(store.getTask(task.id.replace(/.$/, '0'))).resolves.toEqual(
        task.id.endsWith('0') ? task : undefined,
      );
      const { rows } = await knex.raw(
        `SELECT name, generic_plans, custom_plans FROM pg_prepared_statements
         WHERE name LIKE 'tasks_by_id_%' ORDER BY generic_plans DESC`,
      );
      expect(rows).toHaveLength(2);
      // planned five times for the values, then the generic plan is kept
      expect(Number(rows[0].custom_plans)).toBe(5);
      expect(Number(rows[0].generic_plans)).toBeGreaterThanOrEqual(4);
    }));

  it("reads list pages of a status alone and of a person's rows through prepared statements whose generic plans PostgreSQL keeps, not those of a person with another filter or with a permission condition (POSTGRES_15)", () =>
    withOneConnection(async (store, knex) => {
      for (let i = 0; i < 6; i++) {
        await store.createTask({
          fields: { title: `Task ${i}`, assignee: bob, status: 'blocked' },
          createdBy: i % 2 ? alice : bob,
        });
      }
      // the order of the assignee's list: a range of their rows of
      // `task_refs`, prepared (run once here)
      const ids = (
        await store.listTasks({ query: { assignee: bob } })
      ).items.map(t => t.id);
      expect(ids).toHaveLength(6);
      // with a filter of `tasks` as well: planned per call
      const medium = await store.listTasks({
        query: { assignee: bob, priority: ['medium'] },
      });
      expect(medium.items.map(t => t.id)).toEqual(ids);
      // the first page and a cursor page, eight times: two statements
      for (let i = 0; i < 8; i++) {
        const first = await store.listTasks({
          query: { status: ['blocked'], limit: 4 },
        });
        expect(first.items.map(t => t.id)).toEqual(ids.slice(0, 4));
        const next = await store.listTasks({
          query: { status: ['blocked'], cursor: first.nextCursor },
        });
        expect(next.items.map(t => t.id)).toEqual(ids.slice(4));
      }
      // a permission condition is part of the text (its `IN` lists of every
      // length): planned per call
      const own = await store.listTasks({
        query: { status: ['blocked'] },
        filter: { key: 'created_by', values: [alice] },
      });
      expect(own.items).toHaveLength(3);
      const { rows } = await knex.raw(
        `SELECT generic_plans, custom_plans FROM pg_prepared_statements
         WHERE name LIKE 'tasks_page_%' ORDER BY custom_plans, generic_plans`,
      );
      expect(
        rows.map((r: Record<string, unknown>) => [
          Number(r.custom_plans),
          Number(r.generic_plans),
        ]),
      ).toEqual([
        [1, 0],
        [5, 3],
        [5, 3],
      ]);
    }));

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('creates, reads, updates with history and enforces versions', async () => {
      const { store } = await createStore(databaseId);
      const task = await store.createTask({
        fields: { title: 'Write docs', labels: ['docs', 'q4'] },
        createdBy: alice,
      });
      expect(task).toMatchObject({
        title: 'Write docs',
        status: 'todo',
        priority: 'medium',
        createdBy: alice,
        labels: ['docs', 'q4'],
        version: 1,
      });
      await expect(store.getTask(task.id)).resolves.toEqual(task);

      const updated = await store.updateTask({
        id: task.id,
        patch: { status: 'done', assignee: bob, title: 'Write docs' },
        expectedVersion: 1,
        actor: bob,
      });
      expect(updated.type).toBe('updated');
      if (updated.type !== 'updated') throw new Error();
      expect(updated.task.version).toBe(2);
      expect(updated.task.completedAt).not.toBeNull();

      const stale = await store.updateTask({
        id: task.id,
        patch: { title: 'Lost' },
        expectedVersion: 1,
        actor: alice,
      });
      expect(stale).toMatchObject({
        type: 'conflict',
        current: { version: 2 },
      });
      expect((await store.getTask(task.id))!.title).toBe('Write docs');

      const { items: activity } = await store.listActivity(task.id);
      expect(
        activity.map(a => [a.action, a.field, a.oldValue, a.newValue]),
      ).toEqual([
        ['created', null, null, 'Write docs'],
        ['updated', 'status', 'todo', 'done'],
        ['updated', 'assignee', null, bob],
      ]);

      await store.addComment({ taskId: task.id, author: bob, body: 'Done!' });
      expect(
        (await store.listComments(task.id)).items.map(c => c.body),
      ).toEqual(['Done!']);
      await expect(store.deleteTask({ id: task.id })).resolves.toMatchObject({
        type: 'deleted',
      });
      await expect(store.getTask(task.id)).resolves.toBeUndefined();
      await expect(store.listActivity(task.id)).resolves.toEqual({ items: [] });
    });

    it('counts matches up to the cap and says when there are more', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseTaskStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
        totalCountCap: 3,
      });
      for (let i = 0; i < 5; i++) {
        await store.createTask({
          fields: { title: `Task ${i}`, assignee: i < 2 ? bob : alice },
          createdBy: alice,
        });
      }
      const all = await store.listTasks({
        query: { includeTotal: true, limit: 2 },
      });
      expect(all.items).toHaveLength(2);
      expect(all.totalCount).toBe(3);
      expect(all.totalCountCapped).toBe(true);

      const bobs = await store.listTasks({
        query: { assignee: bob, includeTotal: true },
      });
      expect(bobs.totalCount).toBe(2);
      expect(bobs.totalCountCapped).toBeUndefined();

      const exact = await store.listTasks({
        query: { assignee: alice, includeTotal: true },
      });
      expect(exact).toMatchObject({ totalCount: 3 });
      expect(exact.totalCountCapped).toBeUndefined();
    });

    it('filters, searches and pages with keyset cursors in every sort', async () => {
      const { store } = await createStore(databaseId);
      for (let i = 0; i < 23; i++) {
        await store.createTask({
          fields: {
            title: i % 5 === 0 ? `Deploy service ${i}` : `Task ${i}`,
            description: i % 7 === 0 ? 'database migration needed' : '',
            status: i % 2 ? 'todo' : 'in_progress',
            priority: (['low', 'medium', 'high', 'urgent'] as const)[i % 4],
            assignee: i % 3 ? bob : null,
            labels: i % 4 === 0 ? ['infra'] : [],
            dueDate:
              i % 3 === 0
                ? null
                : `2026-12-${String((i % 28) + 1).padStart(2, '0')}`,
            entityRef: 'component:default/web',
          },
          createdBy: i % 2 ? alice : bob,
        });
      }

      for (const sort of [
        'createdAt',
        'updatedAt',
        'dueDate',
        'priority',
        'title',
      ] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await store.listTasks({
              query: { sort, order, limit: 4, cursor },
            });
            seen.push(...page.items.map(t => t.id));
            cursor = page.nextCursor;
          } while (cursor);
          expect(new Set(seen).size).toBe(23);
          expect(seen).toHaveLength(23);
        }
      }

      const todo = await store.listTasks({
        query: {
          status: ['todo'],
          assignee: bob,
          includeTotal: true,
          limit: 100,
        },
      });
      expect(
        todo.items.every(t => t.status === 'todo' && t.assignee === bob),
      ).toBe(true);
      expect(todo.totalCount).toBe(todo.items.length);
      expect(todo.totalCount).toBeGreaterThan(0);

      // status × a person or entity filter is read per status and merged
      // (PostgreSQL): pages in every sort and order, cursors included, are
      // the single query's order with the other statuses left out
      for (const filter of [
        { entityRef: 'component:default/web' },
        { assignee: bob },
        { createdBy: alice },
      ]) {
        for (const sort of TASK_SORT_FIELDS) {
          for (const order of ['asc', 'desc'] as const) {
            const statuses = ['todo', 'in_progress'] as const;
            const all = await store.listTasks({
              query: { ...filter, sort, order, limit: 100 },
            });
            const wanted = ['todo'];
            const expected = all.items
              .filter(t => wanted.includes(t.status))
              .map(t => t.id);
            const both = all.items.map(t => t.id);
            for (const [status, ids] of [
              [['todo'], expected],
              [statuses, both],
            ] as const) {
              const seen: string[] = [];
              let cursor: string | undefined;
              do {
                const page = await store.listTasks({
                  query: {
                    ...filter,
                    status: [...status],
                    sort,
                    order,
                    limit: 3,
                    cursor,
                  },
                });
                seen.push(...page.items.map(t => t.id));
                cursor = page.nextCursor;
              } while (cursor);
              expect(seen).toEqual(ids);
            }
          }
        }
      }

      const unassigned = await store.listTasks({
        query: { assignee: 'none', limit: 100 },
      });
      expect(unassigned.items).toHaveLength(8);

      const infra = await store.listTasks({
        query: { label: 'infra', limit: 100 },
      });
      expect(infra.items).toHaveLength(6);

      const search = await store.listTasks({
        query: { q: 'migration', limit: 100 },
      });
      expect(search.items.map(t => t.title).sort()).toEqual(
        ['Deploy service 0', 'Task 7', 'Task 14', 'Task 21'].sort(),
      );

      const restricted = await store.listTasks({
        query: { limit: 100 },
        filter: {
          anyOf: [
            { key: 'created_by', values: [alice] },
            { key: 'assignee', values: [alice] },
          ],
        },
      });
      expect(restricted.items).toHaveLength(11);

      const stats = await store.getStats({ query: {} });
      expect(stats.byStatus).toEqual({
        todo: 11,
        in_progress: 12,
        blocked: 0,
        done: 0,
      });
      expect(stats.perWeek).toHaveLength(12);
      expect(stats.perWeek[11].created).toBe(23);
      expect(stats.byAssignee[0]).toEqual({
        assignee: bob,
        open: 15,
        total: 15,
      });
    });

    it('rejects a malformed or mismatched cursor', async () => {
      const { store } = await createStore(databaseId);
      await expect(
        store.listTasks({ query: { cursor: 'garbage' } }),
      ).rejects.toThrow(/cursor/);
      // forged values outside their column's type: 400, never SQL errors
      const forged = (value: unknown, sort = 'priority', id = 'a'.repeat(8)) =>
        Buffer.from(
          JSON.stringify([
            sort,
            'desc',
            value,
            `${id}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`,
          ]),
        ).toString('base64url');
      for (const cursor of [
        forged(2 ** 53 - 1),
        forged(-(2 ** 31) - 1),
        forged(1.5),
        forged('1'),
        forged(2 ** 62, 'createdAt'),
        forged(-1, 'createdAt'),
        forged('2026-13-45x', 'dueDate'),
      ]) {
        const sort = JSON.parse(Buffer.from(cursor, 'base64url').toString())[0];
        await expect(
          store.listTasks({ query: { sort, cursor } }),
        ).rejects.toMatchObject({ name: 'InputError' });
      }
      // an upper-case id in a cursor is the same task
      await expect(
        store.listTasks({
          query: {
            sort: 'priority',
            cursor: forged(1, 'priority', 'AAAAAAAA'),
          },
        }),
      ).resolves.toMatchObject({ items: [] });
    });

    it('pages comments and activity with cursors', async () => {
      const { store } = await createStore(databaseId);
      const task = await store.createTask({
        fields: { title: 'Talk' },
        createdBy: alice,
      });
      for (let i = 0; i < 7; i++) {
        await store.addComment({ taskId: task.id, author: bob, body: `c${i}` });
      }
      const bodies: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listComments(task.id, { limit: 3, cursor });
        expect(page.items.length).toBeLessThanOrEqual(3);
        bodies.push(...page.items.map(c => c.body));
        cursor = page.nextCursor;
      } while (cursor);
      // pages add up to the whole list, in its order (comments made in the
      // same millisecond are ordered by id)
      const all = await store.listComments(task.id, { limit: 200 });
      expect(bodies).toEqual(all.items.map(c => c.body));
      expect([...bodies].sort()).toEqual([
        'c0',
        'c1',
        'c2',
        'c3',
        'c4',
        'c5',
        'c6',
      ]);

      const actions: string[] = [];
      do {
        const page = await store.listActivity(task.id, { limit: 5, cursor });
        actions.push(...page.items.map(a => a.action));
        cursor = page.nextCursor;
      } while (cursor);
      expect(actions).toEqual(['created', ...Array(7).fill('commented')]);
      await expect(
        store.listComments(task.id, { cursor: 'bm9wZQ' }),
      ).rejects.toMatchObject({ name: 'InputError' });
    });

    it('migrates down and up again', async () => {
      const { knex } = await createStore(databaseId);
      const directory = require('node:path').resolve(
        __dirname,
        '../../migrations',
      );
      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('tasks')).toBe(false);
      expect(await knex.schema.hasTable('task_activity')).toBe(false);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('tasks')).toBe(true);
    });
  });
});
