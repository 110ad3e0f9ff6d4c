import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { TASKS_SIGNAL_CHANNEL } from '@taskplatform/plugin-tasks-common';
import request from 'supertest';
import {
  alice,
  authHeader,
  bob,
  carol,
  startTasksBackend,
} from './__testUtils__/startTasksBackend';
import {
  taskConditions,
  createTaskConditionalDecision,
} from './permissions/conditionExports';

jest.setTimeout(60_000);

const errorOf = (res: request.Response) =>
  res.body.error as { name: string; message: string };

describe('tasks plugin', () => {
  it('requires authentication', async () => {
    const { server } = await startTasksBackend({});
    const res = await request(server).get('/api/tasks/tasks');
    expect(res.status).toBe(401);
  });

  it('creates and reads tasks; identity comes from the credentials', async () => {
    const { server, signals, notifications, auditor } = await startTasksBackend(
      {},
    );
    const created = await request(server)
      .post('/api/tasks/tasks')
      .set('Authorization', authHeader(alice))
      .send({
        title: 'Ship it',
        assignee: 'bob',
        entityRef: 'component:web',
        labels: ['release'],
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Ship it',
      createdBy: alice,
      assignee: bob,
      entityRef: 'component:default/web',
      version: 1,
    });

    const got = await request(server)
      .get(`/api/tasks/tasks/${created.body.id}`)
      .set('Authorization', authHeader(bob));
    expect(got.body).toEqual(created.body);

    const list = await request(server)
      .get('/api/tasks/tasks')
      .query({ assignee: bob, label: 'release', includeTotal: 'true' })
      .set('Authorization', authHeader(bob));
    expect(list.status).toBe(200);
    expect(list.body.totalCount).toBe(1);
    expect(list.body.items[0].id).toBe(created.body.id);

    expect(signals.publish).toHaveBeenCalledWith(
      expect.objectContaining({
        channel: TASKS_SIGNAL_CHANNEL,
        message: expect.objectContaining({
          type: 'created',
          taskIds: [created.body.id],
        }),
      }),
    );
    expect(notifications.send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: bob },
      }),
    );
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'task-create' }),
    );
  });

  it.each([
    [{ title: 'a', createdBy: alice }, /createdBy/],
    [{ title: 'x'.repeat(201) }, /title/],
    [{ title: 42 }, /title/],
    [{ title: 'a', entityRef: 'not a ref' }, /entityRef/],
    [{ title: 'a', assignee: 'group:default/team-a' }, /assignee/],
    [{ title: 'a', dueDate: 'tomorrow' }, /dueDate/],
    [{ title: 'a', labels: ['has space'] }, /labels/],
    [{}, /title/],
    [{ title: 'nul \u0000 byte' }, /body\.title: must not contain NUL/],
  ])(
    'rejects bad create body #%# with a 400 naming the field',
    async (body, field) => {
      const { server } = await startTasksBackend({});
      const res = await request(server)
        .post('/api/tasks/tasks')
        .set('Authorization', authHeader(alice))
        .send(body);
      expect(res.status).toBe(400);
      expect(errorOf(res).name).toBe('InputError');
      expect(errorOf(res).message).toMatch(field);
    },
  );

  it('rejects bad queries, ids, cursors and JSON with 400', async () => {
    const { server } = await startTasksBackend({});
    const auth = authHeader(alice);
    const cases: Array<[request.Test, RegExp]> = [
      [
        request(server)
          .get('/api/tasks/tasks?cursor=bm9wZQ')
          .set('Authorization', auth),
        /cursor/,
      ],
      [
        request(server)
          .get('/api/tasks/tasks?limit=0')
          .set('Authorization', auth),
        /limit/,
      ],
      [
        request(server)
          .get('/api/tasks/tasks?status=nope')
          .set('Authorization', auth),
        /status/,
      ],
      [
        request(server)
          .get('/api/tasks/tasks?bogus=1')
          .set('Authorization', auth),
        /bogus/,
      ],
      [
        request(server)
          .get('/api/tasks/tasks?entityRef=x')
          .set('Authorization', auth),
        /entityRef/,
      ],
      [
        request(server)
          .get('/api/tasks/tasks/not-a-uuid')
          .set('Authorization', auth),
        /id/,
      ],
      [
        request(server)
          .post('/api/tasks/tasks')
          .set('Authorization', auth)
          .set('Content-Type', 'application/json')
          .send('{"title":'),
        /JSON|Unexpected|body/i,
      ],
    ];
    for (const [req, field] of cases) {
      const res = await req;
      expect(res.status).toBe(400);
      expect(errorOf(res).message).toMatch(field);
    }
  });

  it('pages through a sorted, filtered list with cursors', async () => {
    const { server } = await startTasksBackend({});
    const auth = authHeader(alice);
    for (let i = 0; i < 7; i++) {
      await request(server)
        .post('/api/tasks/tasks')
        .set('Authorization', auth)
        .send({ title: `T${i}`, priority: i % 2 ? 'high' : 'low' })
        .expect(201);
    }
    const titles: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await request(server)
        .get('/api/tasks/tasks')
        .query({
          priority: 'high',
          sort: 'title',
          order: 'asc',
          limit: 2,
          ...(cursor ? { cursor } : {}),
        })
        .set('Authorization', auth)
        .expect(200);
      titles.push(...res.body.items.map((t: any) => t.title));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(titles).toEqual(['T1', 'T3', 'T5']);
  });

  it('updates with optimistic concurrency: stale body version 409, stale If-Match 412', async () => {
    const { server, auditor } = await startTasksBackend({});
    const auth = authHeader(alice);
    const { body: task } = await request(server)
      .post('/api/tasks/tasks')
      .set('Authorization', auth)
      .send({ title: 'Original' });

    const ok = await request(server)
      .patch(`/api/tasks/tasks/${task.id}`)
      .set('Authorization', auth)
      .send({ title: 'First', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    expect(ok.headers.etag).toBe('"2"');

    const stale = await request(server)
      .patch(`/api/tasks/tasks/${task.id}`)
      .set('Authorization', auth)
      .send({ title: 'Second', version: 1 });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).message).toMatch(/version/);

    const staleHeader = await request(server)
      .patch(`/api/tasks/tasks/${task.id}`)
      .set('Authorization', auth)
      .set('If-Match', '"1"')
      .send({ title: 'Third' });
    expect(staleHeader.status).toBe(412);

    const current = await request(server)
      .get(`/api/tasks/tasks/${task.id}`)
      .set('Authorization', auth);
    expect(current.body).toMatchObject({ title: 'First', version: 2 });

    const headerOk = await request(server)
      .patch(`/api/tasks/tasks/${task.id}`)
      .set('Authorization', auth)
      .set('If-Match', '"2"')
      .send({ status: 'done' });
    expect(headerOk.status).toBe(200);
    expect(headerOk.body.completedAt).not.toBeNull();

    const activity = await request(server)
      .get(`/api/tasks/tasks/${task.id}/activity`)
      .set('Authorization', auth);
    expect(activity.body.items.map((a: any) => a.field)).toEqual([
      null,
      'title',
      'status',
    ]);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'task-update' }),
    );
  });

  it('comments, bulk status, stats and delete', async () => {
    const { server } = await startTasksBackend({});
    const auth = authHeader(alice);
    const ids: string[] = [];
    for (const title of ['A', 'B']) {
      const res = await request(server)
        .post('/api/tasks/tasks')
        .set('Authorization', auth)
        .send({ title });
      ids.push(res.body.id);
    }
    const comment = await request(server)
      .post(`/api/tasks/tasks/${ids[0]}/comments`)
      .set('Authorization', auth)
      .send({ body: 'Looks good' });
    expect(comment.status).toBe(201);
    const comments = await request(server)
      .get(`/api/tasks/tasks/${ids[0]}/comments`)
      .set('Authorization', auth);
    expect(comments.body.items.map((c: any) => [c.author, c.body])).toEqual([
      [alice, 'Looks good'],
    ]);

    const missing = '00000000-0000-4000-8000-000000000000';
    const bulk = await request(server)
      .post('/api/tasks/bulk-status')
      .set('Authorization', auth)
      .send({ ids: [...ids, missing], status: 'done' });
    expect(bulk.status).toBe(200);
    expect(bulk.body.updated.map((t: any) => t.status)).toEqual([
      'done',
      'done',
    ]);
    expect(bulk.body.failed).toEqual([{ id: missing, reason: 'not-found' }]);

    const stats = await request(server)
      .get('/api/tasks/stats?weeks=4')
      .set('Authorization', auth);
    expect(stats.status).toBe(200);
    expect(stats.body.byStatus.done).toBe(2);
    expect(stats.body.perWeek).toHaveLength(4);
    expect(stats.body.perWeek[3]).toMatchObject({ created: 2, completed: 2 });

    await request(server)
      .delete(`/api/tasks/tasks/${ids[0]}`)
      .set('Authorization', auth)
      .expect(204);
    await request(server)
      .get(`/api/tasks/tasks/${ids[0]}`)
      .set('Authorization', auth)
      .expect(404);
  });

  it('example policy: owners edit, everyone reads', async () => {
    const { server } = await startTasksBackend({
      policy: () => ({
        async handle(req, user) {
          const edit =
            req.permission.name === 'tasks.task.update' ||
            req.permission.name === 'tasks.task.delete';
          if (!edit) return { result: AuthorizeResult.ALLOW };
          if (!user) return { result: AuthorizeResult.DENY };
          const userRefs = [user.info.userEntityRef];
          return createTaskConditionalDecision(req.permission as any, {
            anyOf: [
              taskConditions.isCreator({ userRefs }),
              taskConditions.isAssignee({ userRefs }),
              taskConditions.isEntityOwner({
                claims: user.info.ownershipEntityRefs,
              }),
            ],
          });
        },
      }),
    });
    const { body: task } = await request(server)
      .post('/api/tasks/tasks')
      .set('Authorization', authHeader(alice))
      .send({ title: 'Owned', entityRef: 'component:default/web' });

    // bob reads but may not edit or delete
    await request(server)
      .get(`/api/tasks/tasks/${task.id}`)
      .set('Authorization', authHeader(bob))
      .expect(200);
    const denied = await request(server)
      .patch(`/api/tasks/tasks/${task.id}`)
      .set('Authorization', authHeader(bob))
      .send({ title: 'Hijacked' });
    expect(denied.status).toBe(403);
    await request(server)
      .delete(`/api/tasks/tasks/${task.id}`)
      .set('Authorization', authHeader(bob))
      .expect(403);

    // carol's group owns the entity; alice created it
    await request(server)
      .patch(`/api/tasks/tasks/${task.id}`)
      .set('Authorization', authHeader(carol))
      .send({ assignee: bob })
      .expect(200);
    // now bob is the assignee and may edit
    await request(server)
      .patch(`/api/tasks/tasks/${task.id}`)
      .set('Authorization', authHeader(bob))
      .send({ status: 'in_progress' })
      .expect(200);
    const bulk = await request(server)
      .post('/api/tasks/bulk-status')
      .set('Authorization', authHeader(carol))
      .send({ ids: [task.id], status: 'done' });
    expect(bulk.body.updated).toHaveLength(1);
  });

  it('applies conditional read decisions in the list query', async () => {
    const { server } = await startTasksBackend({
      policy: () => ({
        async handle(req, user) {
          if (req.permission.name === 'tasks.task.read' && user) {
            return createTaskConditionalDecision(req.permission as any, {
              anyOf: [
                taskConditions.isCreator({
                  userRefs: [user.info.userEntityRef],
                }),
                taskConditions.isAssignee({
                  userRefs: [user.info.userEntityRef],
                }),
              ],
            });
          }
          return { result: AuthorizeResult.ALLOW };
        },
      }),
    });
    for (const [title, assignee] of [
      ['mine', bob],
      ['not mine', null],
      ['also not', carol],
    ]) {
      await request(server)
        .post('/api/tasks/tasks')
        .set('Authorization', authHeader(alice))
        .send({ title, assignee })
        .expect(201);
    }
    const bobs = await request(server)
      .get('/api/tasks/tasks?includeTotal=true')
      .set('Authorization', authHeader(bob));
    expect(bobs.body.items.map((t: any) => t.title)).toEqual(['mine']);
    expect(bobs.body.totalCount).toBe(1);
    const alices = await request(server)
      .get('/api/tasks/tasks')
      .set('Authorization', authHeader(alice));
    expect(alices.body.items).toHaveLength(3);
    const stats = await request(server)
      .get('/api/tasks/stats')
      .set('Authorization', authHeader(bob));
    expect(stats.body.byStatus.todo).toBe(1);
  });

  it('serves the permission integration endpoints (rules applied in memory)', async () => {
    const { server } = await startTasksBackend({});
    const created = [];
    for (const body of [
      { title: 'owned', entityRef: 'component:default/web' },
      { title: 'assigned', assignee: bob },
    ]) {
      const res = await request(server)
        .post('/api/tasks/tasks')
        .set('Authorization', authHeader(alice))
        .send(body);
      created.push(res.body.id);
    }
    const metadata = await request(server)
      .get('/api/tasks/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());
    expect(metadata.body.rules.map((r: any) => r.name).sort()).toEqual([
      'IS_TASK_ASSIGNEE',
      'IS_TASK_CREATOR',
      'IS_TASK_ENTITY_OWNER',
    ]);
    const apply = await request(server)
      .post('/api/tasks/.well-known/backstage/permissions/apply-conditions')
      .set('Authorization', mockCredentials.service.header())
      .send({
        items: [
          {
            id: 'owner',
            resourceType: 'task',
            resourceRef: created,
            conditions: {
              resourceType: 'task',
              rule: 'IS_TASK_ENTITY_OWNER',
              params: { claims: ['group:default/team-a'] },
            },
          },
          {
            id: 'assignee',
            resourceType: 'task',
            resourceRef: created,
            conditions: {
              resourceType: 'task',
              rule: 'IS_TASK_ASSIGNEE',
              params: { userRefs: [bob] },
            },
          },
        ],
      });
    expect(apply.status).toBe(200);
    expect(apply.body.items).toEqual([
      { id: 'owner', result: [AuthorizeResult.ALLOW, AuthorizeResult.DENY] },
      { id: 'assignee', result: [AuthorizeResult.DENY, AuthorizeResult.ALLOW] },
    ]);
  });

  describe('concurrency', () => {
    const databases = TestDatabases.create({
      ids: ['POSTGRES_15', 'SQLITE_3'],
    });

    it.each(databases.eachSupportedId())(
      '32 clients updating one task lose no acknowledged update (%p)',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const { server } = await startTasksBackend({ knex });
        const auth = authHeader(alice);
        const { body: task } = await request(server)
          .post('/api/tasks/tasks')
          .set('Authorization', auth)
          .send({ title: 'Contended' });

        const clients = Array.from({ length: 32 }, async (_, i) => {
          const acked: string[] = [];
          let conflicts = 0;
          for (let attempt = 0; attempt < 3; attempt++) {
            const { body: current } = await request(server)
              .get(`/api/tasks/tasks/${task.id}`)
              .set('Authorization', auth);
            const title = `client ${i} attempt ${attempt}`;
            const res = await request(server)
              .patch(`/api/tasks/tasks/${task.id}`)
              .set('Authorization', auth)
              .send({ title, version: current.version });
            expect([200, 409]).toContain(res.status);
            if (res.status === 200) {
              acked.push(title);
              break;
            }
            conflicts++;
          }
          return { acked, conflicts };
        });
        const results = await Promise.all(clients);
        const acked = results.flatMap(r => r.acked);

        const { body: final } = await request(server)
          .get(`/api/tasks/tasks/${task.id}`)
          .set('Authorization', auth);
        expect(acked.length).toBeGreaterThan(0);
        expect(final.version).toBe(1 + acked.length);

        const { body: activity } = await request(server)
          .get(`/api/tasks/tasks/${task.id}/activity`)
          .set('Authorization', auth);
        const recorded = activity.items
          .filter((a: any) => a.field === 'title')
          .map((a: any) => a.newValue);
        expect(recorded.sort()).toEqual([...acked].sort());
        // the history is a chain: each change starts from the previous value
        const titles = activity.items.filter((a: any) => a.field === 'title');
        titles.forEach((a: any, idx: number) => {
          expect(a.oldValue).toBe(
            idx === 0 ? 'Contended' : titles[idx - 1].newValue,
          );
        });
      },
    );
  });
});
