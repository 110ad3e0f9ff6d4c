import { Scenario } from './drive';

const LIST_TODO =
  '/api/tasks/tasks?status=todo&sort=createdAt&order=desc&limit=50';

/**
 * The benchmark's requests: `reads` (lists, stats, get by id) and `writes`
 * (create, update). `ids` are existing tasks' ids, for get and update.
 */
export function benchScenarios(ids: string[]): {
  reads: Scenario[];
  writes: Scenario[];
} {
  const pick = () => ids[Math.floor(Math.random() * ids.length)];
  let counter = 0;
  /** A scenario asking `path` for another of 200 assignees each time. */
  const perAssignee = (
    name: string,
    path: (assignee: string) => string,
  ): Scenario => ({
    name,
    requests: [
      {
        method: 'GET',
        setupRequest: req => ({
          ...req,
          path: path(`user:default/user${counter++ % 200}`),
        }),
      },
    ],
  });

  const reads: Scenario[] = [
    {
      name: 'list status=todo sort=createdAt desc limit=50',
      requests: [{ method: 'GET', path: LIST_TODO }],
    },
    {
      name: 'list status=todo sort=createdAt desc limit=50, 1 connection',
      connections: 1,
      requests: [{ method: 'GET', path: LIST_TODO }],
    },
    // the headline request: one person's tasks, newest first
    perAssignee(
      'list assignee sort=createdAt desc limit=50',
      who =>
        `/api/tasks/tasks?assignee=${who}&sort=createdAt&order=desc&limit=50`,
    ),
    perAssignee(
      'list assignee sort=dueDate asc limit=50',
      who => `/api/tasks/tasks?assignee=${who}&sort=dueDate&order=asc&limit=50`,
    ),
    {
      // Every open Tasks page asks for stats when a task changes;
      // identical requests share the next run (getStats, SharedNextRun).
      name: 'stats (by status, by assignee, per week)',
      requests: [{ method: 'GET', path: '/api/tasks/stats' }],
    },
    // one person's stats each, 200 people: calls rarely share a run
    perAssignee(
      'stats, a different assignee each call',
      who => `/api/tasks/stats?assignee=${who}`,
    ),
    {
      name: 'get by id',
      requests: [
        {
          method: 'GET',
          setupRequest: req => ({ ...req, path: `/api/tasks/tasks/${pick()}` }),
        },
      ],
    },
  ];
  const writes: Scenario[] = [
    {
      name: 'create',
      requests: [
        {
          method: 'POST',
          path: '/api/tasks/tasks',
          setupRequest: req => ({
            ...req,
            body: JSON.stringify({
              title: `Bench task ${counter++}`,
              priority: 'high',
              assignee: 'user:default/user1',
              entityRef: 'component:default/service-1',
              labels: ['bench'],
            }),
          }),
        },
      ],
    },
    {
      name: 'update (PATCH title)',
      requests: [
        {
          method: 'PATCH',
          setupRequest: req => ({
            ...req,
            path: `/api/tasks/tasks/${pick()}`,
            body: JSON.stringify({ title: `Updated ${counter++}` }),
          }),
        },
      ],
    },
  ];
  return { reads, writes };
}
