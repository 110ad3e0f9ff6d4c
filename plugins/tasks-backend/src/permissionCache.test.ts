import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  alice,
  authHeader,
  startTasksBackend,
} from './__testUtils__/startTasksBackend';

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('permission decision cache', () => {
  it('reuses decisions within tasks.permissionCacheSeconds, and a changed policy takes effect within it', async () => {
    let result: AuthorizeResult.ALLOW | AuthorizeResult.DENY =
      AuthorizeResult.ALLOW;
    let asked = 0;
    const { server } = await startTasksBackend({
      policy: () => ({
        async handle() {
          asked++;
          return { result };
        },
      }),
      features: [
        mockServices.rootConfig.factory({
          data: { tasks: { permissionCacheSeconds: 1 } },
        }),
      ],
    });
    const list = () =>
      request(server)
        .get('/api/tasks/tasks')
        .set('Authorization', authHeader(alice));

    expect((await list()).status).toBe(200);
    const afterFirst = asked;
    for (let i = 0; i < 5; i++) expect((await list()).status).toBe(200);
    // cached: the policy was not asked again
    expect(asked).toBe(afterFirst);

    result = AuthorizeResult.DENY;
    const changed = Date.now();
    let deniedAfterMs: number | undefined;
    while (Date.now() - changed < 3000) {
      if ((await list()).status === 403) {
        deniedAfterMs = Date.now() - changed;
        break;
      }
      await sleep(50);
    }
    expect(deniedAfterMs).toBeDefined();
    expect(deniedAfterMs!).toBeLessThanOrEqual(1100);
  });

  it('asks on every request with permissionCacheSeconds: 0', async () => {
    let asked = 0;
    const { server } = await startTasksBackend({
      policy: () => ({
        async handle() {
          asked++;
          return { result: AuthorizeResult.ALLOW };
        },
      }),
      features: [
        mockServices.rootConfig.factory({
          data: { tasks: { permissionCacheSeconds: 0 } },
        }),
      ],
    });
    for (let i = 0; i < 3; i++) {
      await request(server)
        .get('/api/tasks/tasks')
        .set('Authorization', authHeader(alice));
    }
    expect(asked).toBe(3);
  });
});
