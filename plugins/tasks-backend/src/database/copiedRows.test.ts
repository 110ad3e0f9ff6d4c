/*
 * A label's list is read from `task_labels`, which carries a copy of each
 * task's sort columns and assignee (labelLeads in listLeads.ts), a
 * person's or an entity's from `task_refs`, which carries a copy of its
 * status and sort columns (refLead), and a status list is read per status,
 * ordered by status first (statusLeads). After random concurrent writes,
 * the copies must equal the tasks, and every such list, paged through its
 * cursors, must be the full list's order with the other tasks left out.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  Task,
  TASK_PRIORITIES,
  TASK_SORT_FIELDS,
  TASK_STATUSES,
  TaskListQuery,
} from '@taskplatform/plugin-tasks-common';
import { DatabaseTaskStore } from './DatabaseTaskStore';
import { TaskPermissionFilter } from './types';
import { seededRandom } from '../__testUtils__/seededRandom';

jest.setTimeout(120_000);

const users = ['user:default/ann', 'user:default/ben'];
const labels = ['infra', 'ui', 'docs'];
const entities = ['component:default/api', 'component:default/web'];

/**
 * The lists checked, each with the test that says whether a task is in it,
 * and maybe a permission condition (which the label's rows alone cannot
 * apply: such a list joins the tasks before cutting a page).
 */
const LISTS: Array<
  [TaskListQuery, (t: Task) => boolean, TaskPermissionFilter?]
> = [
  [{ label: 'infra' }, t => t.labels.includes('infra')],
  [
    { label: 'infra' },
    t => t.labels.includes('infra') && t.createdBy === users[0],
    { key: 'created_by', values: [users[0]] },
  ],
  [
    { label: 'ui', assignee: 'none' },
    t => t.labels.includes('ui') && !t.assignee && t.createdBy !== users[0],
    { not: { key: 'created_by', values: [users[0]] } },
  ],
  [
    { label: 'infra', status: ['todo'] },
    t => t.labels.includes('infra') && t.status === 'todo',
  ],
  [
    { label: 'ui', status: ['todo', 'blocked'] },
    t => t.labels.includes('ui') && ['todo', 'blocked'].includes(t.status),
  ],
  [
    { label: 'infra', assignee: users[0] },
    t => t.labels.includes('infra') && t.assignee === users[0],
  ],
  [
    { label: 'ui', assignee: 'none' },
    t => t.labels.includes('ui') && !t.assignee,
  ],
  [
    { label: 'docs', assignee: users[1], status: ['todo', 'in_progress'] },
    t =>
      t.labels.includes('docs') &&
      t.assignee === users[1] &&
      ['todo', 'in_progress'].includes(t.status),
  ],
  [
    { label: 'infra', createdBy: users[1] },
    t => t.labels.includes('infra') && t.createdBy === users[1],
  ],
  [{ status: ['blocked'] }, t => t.status === 'blocked'],
  [
    { status: ['todo', 'done', 'blocked'] },
    t => ['todo', 'done', 'blocked'].includes(t.status),
  ],
  [{ assignee: 'none' }, t => !t.assignee],
  [
    { assignee: 'none', status: ['in_progress'] },
    t => !t.assignee && t.status === 'in_progress',
  ],
  [
    { assignee: users[1], status: ['todo', 'done'] },
    t => t.assignee === users[1] && ['todo', 'done'].includes(t.status),
  ],
  [{ assignee: users[0] }, t => t.assignee === users[0]],
  [{ createdBy: users[1] }, t => t.createdBy === users[1]],
  [
    { createdBy: users[0], status: ['todo', 'blocked'] },
    t => t.createdBy === users[0] && ['todo', 'blocked'].includes(t.status),
  ],
  [{ entityRef: entities[0] }, t => t.entityRef === entities[0]],
  [
    { entityRef: entities[1], status: ['in_progress'] },
    t => t.entityRef === entities[1] && t.status === 'in_progress',
  ],
  [
    { entityRef: entities[0], status: ['todo', 'done'] },
    t =>
      t.entityRef === entities[0] &&
      ['todo', 'done'].includes(t.status) &&
      t.assignee === users[1],
    { key: 'assignee', values: [users[1]] },
  ],
  [
    { assignee: users[0], createdBy: users[1] },
    t => t.assignee === users[0] && t.createdBy === users[1],
  ],
  [
    { entityRef: entities[1], assignee: 'none', priority: ['high', 'urgent'] },
    t =>
      t.entityRef === entities[1] &&
      !t.assignee &&
      ['high', 'urgent'].includes(t.priority),
  ],
  [
    { entityRef: entities[0], createdBy: users[0], status: ['todo', 'done'] },
    t =>
      t.entityRef === entities[0] &&
      t.createdBy === users[0] &&
      ['todo', 'done'].includes(t.status),
  ],
  [
    { entityRef: entities[1], assignee: users[1] },
    t => t.entityRef === entities[1] && t.assignee === users[1],
  ],
  [
    { entityRef: entities[0], createdBy: users[1], assignee: users[0] },
    t =>
      t.entityRef === entities[0] &&
      t.createdBy === users[1] &&
      t.assignee === users[0],
  ],
  [
    { createdBy: users[1], assignee: users[1], status: ['blocked'] },
    t =>
      t.createdBy === users[1] &&
      t.assignee === users[1] &&
      t.status === 'blocked' &&
      t.entityRef === entities[1],
    { key: 'entity_ref', values: [entities[1]] },
  ],
  [
    { createdBy: users[0], label: 'docs', status: ['done'] },
    t =>
      t.createdBy === users[0] &&
      t.labels.includes('docs') &&
      t.status === 'done',
  ],
];

/** The sort columns of `tasks` that label and reference rows copy. */
const SORT_COLUMNS = [
  'created_at',
  'updated_at',
  'due_date',
  'priority',
  'title',
];

/** A row with its bigint timestamps as numbers (drivers may return strings). */
const withNumericTimes = <T extends Record<string, any>>(r: T) => ({
  ...r,
  created_at: Number(r.created_at),
  updated_at: Number(r.updated_at),
});

/** Reference rows in one order, to compare two sets of them. */
const byTaskAndField = (
  a: { task_id: string; field: string },
  b: { task_id: string; field: string },
) => (a.task_id + a.field).localeCompare(b.task_id + b.field);

/** Label rows in one order, to compare two sets of them. */
const byTaskAndLabel = (
  a: { task_id: string; label: string },
  b: { task_id: string; label: string },
) => (a.task_id + a.label).localeCompare(b.task_id + b.label);

describe('label and reference rows, and per-status lists', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'match the tasks after random concurrent writes (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseTaskStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const rnd = seededRandom(databaseId.length * 104729);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
      const someLabels = () => labels.filter(() => rnd() < 0.4);
      const ids: string[] = [];

      // 6 writers: creates, updates of every sort column, of labels and
      // status, deletes; PostgreSQL runs them concurrently
      await Promise.all(
        Array.from({ length: 6 }, async (_, w) => {
          for (let i = 0; i < 20; i++) {
            const op = rnd();
            if (op < 0.45 || ids.length < 4) {
              const task = await store.createTask({
                fields: {
                  title: `${pick(['Fix', 'Build', 'Ship'])} ${w}-${i}`,
                  status: pick(TASK_STATUSES),
                  priority: pick(TASK_PRIORITIES),
                  assignee: rnd() < 0.3 ? null : pick(users),
                  entityRef: rnd() < 0.3 ? null : pick(entities),
                  labels: someLabels(),
                  dueDate: rnd() < 0.3 ? null : `2026-12-${10 + (i % 9)}`,
                },
                createdBy: pick(users),
              });
              ids.push(task.id);
            } else if (op < 0.92) {
              const patches = [
                { title: `Renamed ${w}-${i}` },
                { priority: pick(TASK_PRIORITIES) },
                { dueDate: rnd() < 0.5 ? null : `2026-11-${10 + (i % 9)}` },
                { labels: someLabels() },
                { status: pick(TASK_STATUSES) },
                { assignee: rnd() < 0.3 ? null : pick(users) },
                { entityRef: rnd() < 0.3 ? null : pick(entities) },
                { description: 'only updated_at moves' },
              ];
              await store.updateTask({
                id: pick(ids),
                patch: pick(patches),
                actor: pick(users),
              });
            } else {
              const id = pick(ids);
              await store.deleteTask({ id });
              ids.splice(ids.indexOf(id), 1);
            }
          }
        }),
      );

      // every label row carries its task's current sort columns and
      // assignee, and the label rows are exactly the tasks' labels
      const tasks = await knex('tasks').select(
        'id',
        'labels',
        'assignee',
        ...SORT_COLUMNS,
      );
      const expectedRows = tasks
        .flatMap(t =>
          (JSON.parse(t.labels) as string[]).map(label => ({
            task_id: t.id,
            label,
            assignee: t.assignee,
            created_at: Number(t.created_at),
            updated_at: Number(t.updated_at),
            due_date: t.due_date,
            priority: t.priority,
            title: t.title,
          })),
        )
        .sort(byTaskAndLabel);
      const labelRows = (
        await knex('task_labels').select(
          'task_id',
          'label',
          'assignee',
          ...SORT_COLUMNS,
        )
      )
        .map(withNumericTimes)
        .sort(byTaskAndLabel);
      expect(expectedRows.length).toBeGreaterThan(20);
      expect(labelRows).toEqual(expectedRows);

      // every reference row carries its task's current status and sort
      // columns, and the reference rows are exactly the tasks' references
      const copied = ['status', ...SORT_COLUMNS];
      const expectedRefs = (
        await knex('tasks').select(
          'id',
          'assignee',
          'created_by',
          'entity_ref',
          ...copied,
        )
      )
        .flatMap(t =>
          [
            ['assignee', t.assignee],
            ['created_by', t.created_by],
            ['entity_ref', t.entity_ref],
            // pairs: both refs, space-separated
            ['creator_assignee', t.assignee && `${t.created_by} ${t.assignee}`],
            [
              'entity_assignee',
              t.entity_ref && t.assignee && `${t.entity_ref} ${t.assignee}`,
            ],
            [
              'entity_creator',
              t.entity_ref && `${t.entity_ref} ${t.created_by}`,
            ],
          ]
            .filter(([, ref]) => ref)
            .map(([field, ref]) => ({
              task_id: t.id,
              field,
              ref,
              ...withNumericTimes(
                Object.fromEntries(copied.map(c => [c, t[c]])),
              ),
            })),
        )
        .sort(byTaskAndField);
      const refRows = (
        await knex('task_refs').select('task_id', 'field', 'ref', ...copied)
      )
        .map(withNumericTimes)
        .sort(byTaskAndField);
      expect(expectedRefs.length).toBeGreaterThan(120);
      expect(refRows).toEqual(expectedRefs);

      // every list, paged 3 at a time in every sort and order, is the full
      // list's order with the tasks it does not match left out
      for (const sort of TASK_SORT_FIELDS) {
        for (const order of ['asc', 'desc'] as const) {
          const all = await store.listTasks({
            query: { sort, order, limit: 500 },
          });
          expect(all.nextCursor).toBeUndefined();
          for (const [filters, matches, filter] of LISTS) {
            const seen: string[] = [];
            let cursor: string | undefined;
            do {
              const page = await store.listTasks({
                query: { ...filters, sort, order, limit: 3, cursor },
                filter,
              });
              seen.push(...page.items.map(t => t.id));
              cursor = page.nextCursor;
            } while (cursor);
            const expected = all.items.filter(matches).map(t => t.id);
            expect({ filters, filter, sort, order, seen }).toEqual({
              filters,
              filter,
              sort,
              order,
              seen: expected,
            });
          }
        }
      }
    },
  );
});
