import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import {
  ENVIRONMENTS_SIGNAL_CHANNEL,
  environmentCreatePermission,
} from '@taskplatform/plugin-environments-common';
import request from 'supertest';
import { FakeCloud } from './__testUtils__/FakeCloudDeployer';
import {
  alice,
  authHeader,
  carol,
  startEnvironmentsBackend,
} from './__testUtils__/startEnvironmentsBackend';
import {
  createEnvironmentConditionalDecision,
  environmentConditions,
} from './permissions/conditionExports';

jest.setTimeout(60_000);

const errorOf = (res: request.Response) =>
  res.body.error as { name: string; message: string };

const createBody = (name: string, extra: Record<string, unknown> = {}) => ({
  owner: 'group:default/team-a',
  preset: 'dev',
  spec: { name, account: '123456789012', region: 'us-east-1', ...extra },
});

async function waitFor<T>(
  fn: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (done(value)) return value;
    if (Date.now() > until)
      throw new Error(`timed out: ${JSON.stringify(value)}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

describe('environments plugin', () => {
  it('requires authentication', async () => {
    const cloud = new FakeCloud(5);
    const { server } = await startEnvironmentsBackend({
      deployer: () => cloud.deployer(),
    });
    expect(
      (await request(server).get('/api/environments/environments')).status,
    ).toBe(401);
  });

  it('lists the configured accounts and regions to any signed-in user, without their roles or external ids', async () => {
    const cloud = new FakeCloud(5);
    const { server } = await startEnvironmentsBackend({
      deployer: () => cloud.deployer(),
      // only create is allowed: reading the targets needs no permission
      policy: {
        handle: async req => ({
          result:
            req.permission.name === environmentCreatePermission.name
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        }),
      },
      accounts: [
        {
          accountId: '111111111111',
          title: 'Sandbox',
          regions: ['eu-west-1', 'eu-central-1'],
          roleArn: 'arn:aws:iam::111111111111:role/deployer-sandbox',
          externalId: 'sandbox-external-id-secret',
          clusterAccessRoleArn: 'arn:aws:iam::111111111111:role/portal-k8s',
        },
        {
          accountId: '222222222222',
          regions: ['us-east-1'],
          roleArn: 'arn:aws:iam::222222222222:role/deployer-prod',
        },
      ],
    });
    const res = await request(server)
      .get('/api/environments/targets')
      .set('Authorization', authHeader(alice));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        {
          accountId: '111111111111',
          title: 'Sandbox',
          regions: ['eu-west-1', 'eu-central-1'],
        },
        { accountId: '222222222222', regions: ['us-east-1'] },
      ],
    });
    for (const secret of [
      'roleArn',
      'externalId',
      'clusterAccessRoleArn',
      'arn:aws:iam',
      'sandbox-external-id-secret',
    ]) {
      expect(res.text).not.toContain(secret);
    }
    expect(
      (await request(server).get('/api/environments/targets')).status,
    ).toBe(401);
  });

  it('warms the deployer for those who may create environments (202), 403 for others', async () => {
    const cloud = new FakeCloud(5);
    const { server } = await startEnvironmentsBackend({
      deployer: () => cloud.deployer(),
      policy: {
        handle: async (req, user) => ({
          result:
            req.permission.name === environmentCreatePermission.name &&
            user?.info.userEntityRef === alice
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        }),
      },
    });
    const warm = (user: string) =>
      request(server)
        .post('/api/environments/deployer/warm')
        .set('Authorization', authHeader(user));
    expect((await warm(carol)).status).toBe(403);
    expect(cloud.warms).toBe(0);
    const res = await warm(alice);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({});
    expect(cloud.warms).toBe(1);
  });

  it('creates (idempotently), provisions, follows events with since, updates and destroys', async () => {
    const cloud = new FakeCloud(5);
    const { server, signals, auditor } = await startEnvironmentsBackend({
      deployer: () => cloud.deployer(),
    });
    const auth = authHeader(alice);
    const body = { ...createBody('dev-1'), idempotencyKey: 'req-1' };
    const created = await request(server)
      .post('/api/environments/environments')
      .set('Authorization', auth)
      .send(body);
    expect(created.status).toBe(202);
    expect(created.body.environment).toMatchObject({
      name: 'dev-1',
      owner: 'group:default/team-a',
      account: '123456789012',
      region: 'us-east-1',
      preset: 'dev',
      simulated: true,
    });
    expect(created.body.environment.spec).toMatchObject({
      name: 'dev-1',
      stage: 'dev',
    });
    expect(created.body.operation).toMatchObject({
      kind: 'deploy',
      requestedBy: alice,
    });
    const again = await request(server)
      .post('/api/environments/environments')
      .set('Authorization', auth)
      .send(body);
    expect(again.status).toBe(200);
    expect(again.body.operation.id).toBe(created.body.operation.id);

    const ready = await waitFor(
      async () =>
        (
          await request(server)
            .get('/api/environments/environments/dev-1')
            .set('Authorization', auth)
        ).body,
      env => env.status === 'ready',
    );
    expect(ready.outputs.ClusterName).toBe('dev-1-cluster');

    const opId = created.body.operation.id;
    const page1 = await request(server)
      .get(`/api/environments/operations/${opId}/events?since=0&limit=5`)
      .set('Authorization', auth);
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((e: any) => e.id)).toEqual([1, 2, 3, 4, 5]);
    expect(page1.body.nextSince).toBe(5);
    expect(page1.body.operation.status).toBe('succeeded');
    const page2 = await request(server)
      .get(`/api/environments/operations/${opId}/events?since=5&limit=1000`)
      .set('Authorization', auth);
    expect(page2.body.items.map((e: any) => e.id)).toEqual([
      6, 7, 8, 9, 10, 11, 12,
    ]);
    const empty = await request(server)
      .get(`/api/environments/operations/${opId}/events?since=12`)
      .set('Authorization', auth);
    expect(empty.body).toMatchObject({ items: [], nextSince: 12 });

    const updated = await request(server)
      .post('/api/environments/environments/dev-1/update')
      .set('Authorization', auth)
      .send({ spec: { cluster: { appNodes: { maxSize: 7 } } } });
    expect(updated.status).toBe(202);
    expect(updated.body.environment.status).toBe('updating');
    expect(
      (updated.body.environment.spec as any).cluster.appNodes.maxSize,
    ).toBe(7);
    await waitFor(
      async () =>
        (
          await request(server)
            .get('/api/environments/environments/dev-1')
            .set('Authorization', auth)
        ).body,
      env => env.status === 'ready',
    );

    const destroyed = await request(server)
      .post('/api/environments/environments/dev-1/destroy')
      .set('Authorization', auth)
      .send({ confirm: 'dev-1' });
    expect(destroyed.status).toBe(202);
    expect(destroyed.body.environment.status).toBe('destroying');
    await waitFor(
      async () =>
        (
          await request(server)
            .get('/api/environments/environments/dev-1')
            .set('Authorization', auth)
        ).body,
      env => env.status === 'destroyed',
    );
    const ops = await request(server)
      .get('/api/environments/environments/dev-1/operations')
      .set('Authorization', auth);
    expect(ops.body.items.map((o: any) => o.kind)).toEqual([
      'destroy',
      'deploy',
      'deploy',
    ]);

    expect(auditor.createEvent.mock.calls.map(([e]: any) => e.eventId)).toEqual(
      expect.arrayContaining([
        'environment-create',
        'environment-update',
        'environment-destroy',
      ]),
    );
    const messages = signals.publish.mock.calls.map(([s]: any) => s);
    expect(
      messages.every((s: any) => s.channel === ENVIRONMENTS_SIGNAL_CHANNEL),
    ).toBe(true);
    expect(messages.map((s: any) => s.message.status)).toEqual(
      expect.arrayContaining([
        'planned',
        'provisioning',
        'ready',
        'updating',
        'destroying',
        'destroyed',
      ]),
    );
    expect(
      messages.some(
        (s: any) => s.message.type === 'events' && s.message.lastEventId > 0,
      ),
    ).toBe(true);
  });

  it('answers bad input with a 400 naming the field, conflicts with 409, and writes nothing', async () => {
    const cloud = new FakeCloud(100);
    const { server } = await startEnvironmentsBackend({
      deployer: () => cloud.deployer(),
    });
    const auth = authHeader(alice);
    const post = (path: string, body: unknown) =>
      request(server)
        .post(`/api/environments${path}`)
        .set('Authorization', auth)
        .send(body as object);
    const cases: Array<[string, unknown, number, RegExp]> = [
      ['/environments', createBody('Bad_Name'), 400, /spec\.name/],
      [
        '/environments',
        createBody('ok-1', { cluster: { appNodes: { maxSize: 0 } } }),
        400,
        /spec\.cluster\.appNodes\.maxSize/,
      ],
      [
        '/environments',
        createBody('ok-1', { account: '999999999999' }),
        400,
        /spec\.account: account 999999999999 is not configured/,
      ],
      [
        '/environments',
        createBody('ok-1', { region: 'ap-south-1' }),
        400,
        /spec\.region: region ap-south-1 is not configured/,
      ],
      [
        '/environments',
        { ...createBody('ok-1'), owner: 'user:default/alice' },
        400,
        /owner/,
      ],
      [
        '/environments',
        { ...createBody('ok-1'), preset: 'staging' },
        400,
        /preset/,
      ],
      ['/environments', { ...createBody('ok-1'), bogus: 1 }, 400, /bogus/],
      [
        '/environments',
        { owner: 'team-a', preset: 'dev', spec: { name: 'x' } },
        400,
        /spec\.account/,
      ],
      [
        '/plan',
        {
          preset: 'dev',
          spec: {
            name: 'ok-1',
            account: '123456789012',
            region: 'us-east-1',
            database: { allocatedStorageGb: 'lots' },
          },
        },
        400,
        /spec\.database/,
      ],
      [
        '/bootstrap',
        { account: '123456789012', region: 'mars-1' },
        400,
        /region/,
      ],
    ];
    for (const [path, body, status, message] of cases) {
      const res = await post(path, body);
      expect({ path, status: res.status }).toEqual({ path, status });
      expect(errorOf(res).message).toMatch(message);
    }
    const list = await request(server)
      .get('/api/environments/environments')
      .set('Authorization', auth);
    expect(list.body.items).toEqual([]);

    expect((await post('/environments', createBody('dev-2'))).status).toBe(202);
    const taken = await post('/environments', createBody('dev-2'));
    expect(taken.status).toBe(409);
    expect(errorOf(taken).message).toMatch(
      /spec\.name: .*dev-2 already exists/,
    );
    // the deploy is still running: a second operation is refused
    const destroyMissing = await post('/environments/dev-2/destroy', {});
    expect(destroyMissing.status).toBe(400);
    expect(errorOf(destroyMissing).message).toMatch(/confirm/);
    const destroyWrong = await post('/environments/dev-2/destroy', {
      confirm: 'dev-3',
    });
    expect(destroyWrong.status).toBe(400);
    const second = await post('/environments/dev-2/update', { spec: {} });
    expect(second.status).toBe(409);
    const retry = await post('/environments/dev-2/retry', {});
    expect(retry.status).toBe(409);
    const rename = await post('/environments/dev-2/update', {
      spec: { name: 'other' },
    });
    expect(rename.status).toBe(400);
    expect(errorOf(rename).message).toMatch(/spec\.name: cannot change/);

    const bigPage = await request(server)
      .get(
        '/api/environments/operations/00000000-0000-4000-8000-000000000000/events?limit=1001',
      )
      .set('Authorization', auth);
    expect(bigPage.status).toBe(400);
    expect(errorOf(bigPage).message).toMatch(/limit/);
    const unknown = await request(server)
      .get('/api/environments/environments/nope')
      .set('Authorization', auth);
    expect(unknown.status).toBe(404);
  });

  it('plans with cost and records the last plan; bootstrap once per account and region', async () => {
    const cloud = new FakeCloud(5);
    const { server } = await startEnvironmentsBackend({
      deployer: () => cloud.deployer(),
    });
    const auth = authHeader(alice);
    const plan = await request(server)
      .post('/api/environments/plan')
      .set('Authorization', auth)
      .send({ preset: 'dev', spec: createBody('dev-5').spec });
    expect(plan.status).toBe(200);
    expect(plan.body.cost.monthlyUsd).toBe(123.45);
    expect(plan.body.spec.name).toBe('dev-5');
    const created = await request(server)
      .post('/api/environments/environments')
      .set('Authorization', auth)
      .send(createBody('dev-5'));
    expect(created.body.environment.estimatedMonthlyCostUsd).toBe(123.45);
    const last = await request(server)
      .get('/api/environments/environments/dev-5/plan')
      .set('Authorization', auth);
    expect(last.status).toBe(200);
    expect(last.body.cost.monthlyUsd).toBe(123.45);

    // a plan that fails cdk-nag blocks the creation of that very spec
    cloud.nagErrors = [
      {
        ruleName: 'AwsSolutions-RDS3',
        description: 'Multi-AZ',
        constructPaths: ['/db/Instance'],
      },
    ];
    await request(server)
      .post('/api/environments/plan')
      .set('Authorization', auth)
      .send({ preset: 'dev', spec: createBody('dev-6').spec });
    const blocked = await request(server)
      .post('/api/environments/environments')
      .set('Authorization', auth)
      .send(createBody('dev-6'));
    expect(blocked.status).toBe(400);
    expect(errorOf(blocked).message).toMatch(
      /cdk-nag errors block.*AwsSolutions-RDS3/,
    );
    cloud.nagErrors = [];

    const first = await request(server)
      .post('/api/environments/bootstrap')
      .set('Authorization', auth)
      .send({ account: '123456789012', region: 'eu-west-1' });
    expect(first.status).toBe(202);
    const second = await request(server)
      .post('/api/environments/bootstrap')
      .set('Authorization', auth)
      .send({ account: '123456789012', region: 'eu-west-1' });
    expect(second.status).toBe(200);
    expect(second.body.operation.id).toBe(first.body.operation.id);
    await waitFor(
      async () =>
        (
          await request(server)
            .get(`/api/environments/operations/${first.body.operation.id}`)
            .set('Authorization', auth)
        ).body,
      op => op.status === 'succeeded',
    );
    expect(cloud.bootstraps).toBe(1);
  });

  it('applies permissions: denied writes get 403; "owned by one of my groups" filters lists in SQL', async () => {
    const cloud = new FakeCloud(5);
    // carol (team-a) may do anything to team-a's environments; alice may only create
    const policy: PermissionPolicy = {
      async handle(req, user) {
        if (req.permission.name === environmentCreatePermission.name) {
          return { result: AuthorizeResult.ALLOW };
        }
        return createEnvironmentConditionalDecision(
          req.permission as any,
          environmentConditions.isOwner({
            claims: user?.info.ownershipEntityRefs ?? [],
          }),
        );
      },
    };
    const { server } = await startEnvironmentsBackend({
      deployer: () => cloud.deployer(),
      policy,
    });
    const operationOf: Record<string, string> = {};
    for (const [name, owner] of [
      ['team-a-env', 'group:default/team-a'],
      ['team-b-env', 'group:default/team-b'],
    ]) {
      const res = await request(server)
        .post('/api/environments/environments')
        .set('Authorization', authHeader(alice))
        .send({ ...createBody(name), owner });
      expect(res.status).toBe(202);
      operationOf[name] = res.body.operation.id;
    }
    // operations and their events follow their environment's read permission
    const opStatus = async (name: string, path = '') =>
      (
        await request(server)
          .get(`/api/environments/operations/${operationOf[name]}${path}`)
          .set('Authorization', authHeader(carol))
      ).status;
    expect(await opStatus('team-a-env')).toBe(200);
    expect(await opStatus('team-a-env', '/events')).toBe(200);
    expect(await opStatus('team-b-env')).toBe(404);
    expect(await opStatus('team-b-env', '/events')).toBe(404);
    const carolList = await request(server)
      .get('/api/environments/environments')
      .set('Authorization', authHeader(carol));
    expect(carolList.body.items.map((e: any) => e.name)).toEqual([
      'team-a-env',
    ]);
    const aliceList = await request(server)
      .get('/api/environments/environments')
      .set('Authorization', authHeader(alice));
    expect(aliceList.body.items).toEqual([]);
    expect(
      (
        await request(server)
          .get('/api/environments/environments/team-b-env')
          .set('Authorization', authHeader(carol))
      ).status,
    ).toBe(404);
    expect(
      (
        await request(server)
          .get('/api/environments/environments/team-a-env')
          .set('Authorization', authHeader(carol))
      ).status,
    ).toBe(200);
    expect(
      (
        await request(server)
          .post('/api/environments/environments/team-b-env/destroy')
          .set('Authorization', authHeader(carol))
          .send({ confirm: 'team-b-env' })
      ).status,
    ).toBe(404);

    const denyAll: PermissionPolicy = {
      handle: async () => ({ result: AuthorizeResult.DENY }),
    };
    const denied = await startEnvironmentsBackend({
      deployer: () => cloud.deployer(),
      policy: denyAll,
    });
    const create = await request(denied.server)
      .post('/api/environments/environments')
      .set('Authorization', authHeader(carol))
      .send(createBody('nope-1'));
    expect(create.status).toBe(403);
    expect(
      (
        await request(denied.server)
          .get('/api/environments/environments')
          .set('Authorization', authHeader(carol))
      ).status,
    ).toBe(403);
    expect(
      (
        await request(denied.server)
          .post('/api/environments/bootstrap')
          .set('Authorization', authHeader(carol))
          .send({ account: '123456789012', region: 'us-east-1' })
      ).status,
    ).toBe(403);
  });
});
