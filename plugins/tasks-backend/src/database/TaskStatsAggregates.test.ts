import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  TASK_STATUSES,
  TaskStatsQuery,
} from '@taskplatform/plugin-tasks-common';
import { DatabaseTaskStore } from './DatabaseTaskStore';
import { seededRandom } from '../__testUtils__/seededRandom';

jest.setTimeout(120_000);

const users = ['user:default/ann', 'user:default/ben', 'user:default/cid'];
const entities = ['component:default/web', 'component:default/api'];

describe('TaskStatsAggregates', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'equal a full recount after random concurrent writes (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseTaskStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const rnd = seededRandom(databaseId.length * 7919);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
      const maybe = <T>(xs: readonly T[]) => (rnd() < 0.3 ? null : pick(xs));
      const ids: string[] = [];

      // 8 writers at once: creates, updates of status / assignee / entity,
      // deletes; PostgreSQL runs them concurrently, SQLite serializes them.
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let i = 0; i < 25; i++) {
            const op = rnd();
            if (op < 0.4 || ids.length < 4) {
              const task = await store.createTask({
                fields: {
                  title: `t${i}`,
                  status: pick(TASK_STATUSES),
                  assignee: maybe(users),
                  entityRef: maybe(entities),
                },
                createdBy: pick(users),
              });
              ids.push(task.id);
            } else if (op < 0.9) {
              await store.updateTask({
                id: pick(ids),
                patch:
                  rnd() < 0.5
                    ? { status: pick(TASK_STATUSES) }
                    : { assignee: maybe(users), entityRef: maybe(entities) },
                actor: pick(users),
              });
            } else {
              await store.deleteTask({ id: pick(ids) });
            }
          }
        }),
      );

      const queries: TaskStatsQuery[] = [
        {},
        { weeks: 52 },
        { assignee: 'none' },
        ...users.map(assignee => ({ assignee })),
        ...entities.map(entityRef => ({ entityRef })),
        { entityRef: entities[0], assignee: users[0] },
        { entityRef: entities[1], assignee: 'none' },
      ];
      const now = new Date();
      // what a call reads: the counter rows, never the tasks
      const read: string[] = [];
      const onQuery = (q: { sql: string }) => read.push(q.sql);
      for (const query of queries) {
        const recount = await store.recountStats({ query, now });
        knex.on('query', onQuery);
        try {
          await expect(store.getStats({ query, now })).resolves.toEqual(
            recount,
          );
        } finally {
          knex.off('query', onQuery);
        }
      }
      expect(read.length).toBeGreaterThanOrEqual(queries.length);
      for (const sql of read) {
        // quoted "…" on PostgreSQL, `…` on SQLite
        expect(sql).toMatch(/["`]task_(status|week)_counts["`]/);
        expect(sql).not.toMatch(/\b(from|join)\s+["`]tasks["`]/i);
      }
      const all = await store.recountStats({ query: {}, now });
      expect(Object.values(all.byStatus).reduce((a, b) => a + b)).toBe(
        Number((await knex('tasks').count({ n: '*' }))[0].n),
      );
    },
  );
});
