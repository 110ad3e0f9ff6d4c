import { TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import request from 'supertest';
import {
  TASK_PRIORITIES,
  TASK_STATUSES,
} from '@taskplatform/plugin-tasks-common';
import {
  alice,
  authHeader,
  startTasksBackend,
} from './__testUtils__/startTasksBackend';

jest.setTimeout(120_000);

const maybeValidTask = fc.record(
  {
    title: fc.oneof(
      fc.string({ maxLength: 250 }),
      fc.string({ unit: 'grapheme', maxLength: 50 }),
      fc.constant('A task'),
      fc.constant('nul \u0000 inside'),
    ),
    description: fc.string({ maxLength: 300 }),
    status: fc.constantFrom(...TASK_STATUSES, 'nope', ''),
    priority: fc.constantFrom(...TASK_PRIORITIES, 'critical'),
    assignee: fc.oneof(
      fc.constant(null),
      fc.constant('user:default/bob'),
      fc.string(),
    ),
    entityRef: fc.oneof(
      fc.constant(null),
      fc.constant('component:default/web'),
      fc.string(),
    ),
    labels: fc.array(
      fc.oneof(fc.string({ maxLength: 60 }), fc.constant('ok')),
      { maxLength: 25 },
    ),
    dueDate: fc.oneof(
      fc.constant(null),
      fc
        .date({
          noInvalidDate: true,
          min: new Date(0),
          max: new Date('2100-01-01'),
        })
        .map(d => d.toISOString().slice(0, 10)),
      fc.string(),
    ),
    version: fc.oneof(fc.integer(), fc.double(), fc.string()),
  },
  { requiredKeys: [] },
);

const anyBody = fc.oneof(
  maybeValidTask,
  fc.jsonValue(),
  fc.dictionary(fc.string(), fc.jsonValue()),
  fc.anything().map(v => {
    try {
      return JSON.parse(JSON.stringify(v) ?? 'null');
    } catch {
      return null;
    }
  }),
);

const anyQuery = fc.dictionary(
  fc.constantFrom(
    'status',
    'priority',
    'assignee',
    'createdBy',
    'entityRef',
    'label',
    'dueBefore',
    'dueAfter',
    'q',
    'sort',
    'order',
    'limit',
    'cursor',
    'includeTotal',
    'weeks',
    'unknown',
  ),
  fc.oneof(
    fc.string(),
    fc.constantFrom(
      'todo',
      'createdAt',
      'asc',
      '50',
      'true',
      '2026-01-01',
      'user:default/bob',
    ),
  ),
);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'no input produces a 5xx (%p)',
  databaseId => {
    let server: any;
    let taskId: string;
    const auth = authHeader(alice);

    beforeAll(async () => {
      ({ server } = await startTasksBackend({
        knex: await databases.init(databaseId),
      }));
      const res = await request(server)
        .post('/api/tasks/tasks')
        .set('Authorization', auth)
        .send({ title: 'target' });
      taskId = res.body.id;
    });

    let checked = 0;
    const noServerError = (res: request.Response) => {
      checked++;
      if (res.status >= 500) {
        throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
      }
    };

    it('create, update, comment and bulk bodies', async () => {
      await fc.assert(
        fc.asyncProperty(anyBody, async body => {
          noServerError(
            await request(server)
              .post('/api/tasks/tasks')
              .set('Authorization', auth)
              .type('json')
              .send(JSON.stringify(body)),
          );
          noServerError(
            await request(server)
              .patch(`/api/tasks/tasks/${taskId}`)
              .set('Authorization', auth)
              .type('json')
              .send(JSON.stringify(body)),
          );
          noServerError(
            await request(server)
              .post(`/api/tasks/tasks/${taskId}/comments`)
              .set('Authorization', auth)
              .type('json')
              .send(JSON.stringify(body)),
          );
          noServerError(
            await request(server)
              .post('/api/tasks/bulk-status')
              .set('Authorization', auth)
              .type('json')
              .send(JSON.stringify(body)),
          );
        }),
        { numRuns: 120 },
      );
      expect(checked).toBeGreaterThan(0);
    });

    it('list and stats queries, ids and If-Match headers', async () => {
      await fc.assert(
        fc.asyncProperty(
          anyQuery,
          fc.string(),
          fc.string(),
          async (query, id, ifMatch) => {
            noServerError(
              await request(server)
                .get('/api/tasks/tasks')
                .query(query)
                .set('Authorization', auth),
            );
            noServerError(
              await request(server)
                .get('/api/tasks/stats')
                .query(query)
                .set('Authorization', auth),
            );
            noServerError(
              await request(server)
                .get(`/api/tasks/tasks/${encodeURIComponent(id)}`)
                .set('Authorization', auth),
            );
            noServerError(
              await request(server)
                .patch(`/api/tasks/tasks/${taskId}`)
                .set('Authorization', auth)
                .set('If-Match', ifMatch.replace(/[^\x20-\x7e]/g, ''))
                .send({ title: 'x' }),
            );
          },
        ),
        { numRuns: 120 },
      );
      expect(checked).toBeGreaterThan(0);
    });
  },
);
