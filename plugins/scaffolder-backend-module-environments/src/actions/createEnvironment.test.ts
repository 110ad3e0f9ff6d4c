import { ConflictError, InputError } from '@backstage/errors';
import {
  actionContext,
  loadInfraBeforeAll,
  startFakeEnvironmentsApi,
} from '../__testUtils__/actionTestContext';
import { createCreateEnvironmentAction } from './createEnvironment';

describe('environments:create', () => {
  loadInfraBeforeAll();
  let fake: Awaited<ReturnType<typeof startFakeEnvironmentsApi>>;
  let action: ReturnType<typeof createCreateEnvironmentAction>;
  beforeAll(async () => {
    fake = await startFakeEnvironmentsApi();
    action = createCreateEnvironmentAction({
      client: fake.client,
      followTimeoutSeconds: 30,
      pollIntervalMs: 10,
    });
  });
  afterAll(() => fake.api.stop());

  const input = (name: string) => ({
    preset: 'dev' as const,
    name,
    owner: 'group:default/team-a',
    region: 'eu-west-1',
  });
  const recorded = (name: string) =>
    fake.api.requests.filter(
      r =>
        r.method === 'POST' &&
        r.path === '/environments' &&
        r.body.spec.name === name,
    );

  it('only plans in a dry run and records nothing', async () => {
    const { context, lines, outputs } = actionContext(input('dry-one'), {
      isDryRun: true,
    });
    await action.handler(context);
    expect(recorded('dry-one')).toHaveLength(0);
    expect(fake.api.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/plan',
      body: {
        preset: 'dev',
        spec: { name: 'dry-one', account: '123456789012', region: 'eu-west-1' },
      },
    });
    expect(lines()).toContain(
      'Estimated cost: $318.75 per month in eu-west-1 (fixture price list, prices of 2026-11-01)',
    );
    expect(outputs()).toEqual({
      environmentName: 'dry-one',
      environmentUrl: '/environments/dry-one',
      planUrl: '/environments/dry-one#plan',
      entityRef: 'resource:default/dry-one',
      status: 'dry-run',
    });
  });

  it('fails on bad input with messages naming the fields, recording nothing', async () => {
    const { context } = actionContext({
      ...input('bad-input'),
      availabilityZoneCount: 1,
      databaseStorageGiB: 10,
    });
    const error = await action.handler(context).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      'network.availabilityZones: EKS and RDS subnet groups need at least 2 availability zones',
    );
    expect(error.message).toContain(
      'database.allocatedStorageGiB: Too small: expected number to be >=20',
    );
    expect(recorded('bad-input')).toHaveLength(0);
  });

  it('creates the environment as the user and streams its events until ready', async () => {
    const { context, lines, outputs } = actionContext(input('team-a-dev'), {
      taskId: 'task-create',
    });
    await action.handler(context);

    const [request] = recorded('team-a-dev');
    expect(request.authorization).toContain('user:default/mock');
    expect(request.body).toEqual({
      owner: 'group:default/team-a',
      preset: 'dev',
      spec: {
        name: 'team-a-dev',
        account: '123456789012',
        region: 'eu-west-1',
      },
      idempotencyKey: 'scaffolder:task-create:mock-step-id:team-a-dev',
    });
    const log = lines();
    const events = log.filter(line =>
      / (CREATE_IN_PROGRESS|CREATE_COMPLETE)$/.test(line),
    );
    expect(events).toHaveLength(8);
    expect(events[0]).toMatch(
      /Z team-network Vpc8378EB38 AWS::EC2::VPC CREATE_IN_PROGRESS$/,
    );
    expect(events[7]).toMatch(
      / team-database DatabaseB269D8BB AWS::RDS::DBInstance CREATE_COMPLETE$/,
    );
    // paged with the since cursor: no event logged twice
    expect(new Set(events).size).toBe(8);
    const sinces = fake.api.requests
      .filter(r => r.path.startsWith('/operations/'))
      .map(r => Number(new URLSearchParams(r.path.split('?')[1]).get('since')));
    expect(sinces[0]).toBe(0);
    expect(sinces).toEqual([...sinces].sort((a, b) => a - b));
    expect(log.at(-1)).toBe(
      'Environment team-a-dev is ready (4 of 4 resources): /environments/team-a-dev',
    );
    expect(outputs()).toMatchObject({
      environmentUrl: '/environments/team-a-dev',
      entityRef: 'resource:default/team-a-dev',
      operationId: request && fake.api.operations.at(-1)!.id,
      status: 'ready',
    });
  });

  it('never creates a second environment when the task is retried', async () => {
    const first = actionContext(input('retried'), { taskId: 'task-retry' });
    await action.handler(first.context);
    // test-utils' checkpoint runs its function again: the idempotency key must hold
    const second = actionContext(input('retried'), { taskId: 'task-retry' });
    await action.handler(second.context);

    const requests = recorded('retried');
    expect(requests).toHaveLength(2);
    expect(requests[0].body.idempotencyKey).toBe(
      requests[1].body.idempotencyKey,
    );
    expect(
      fake.api.environments.filter(e => e.name === 'retried'),
    ).toHaveLength(1);
    expect(second.outputs().operationId).toBe(first.outputs().operationId);
  });

  it('replays its checkpoint after a recovery instead of calling the API again', async () => {
    const store = new Map<string, unknown>();
    const run = async () => {
      const { context, outputs } = actionContext(input('recovered'), {
        taskId: 'task-recover',
      });
      context.checkpoint = (async ({ key, fn }: any) => {
        if (!store.has(key))
          store.set(key, JSON.parse(JSON.stringify(await fn())));
        return store.get(key);
      }) as any;
      await action.handler(context);
      return outputs();
    };
    const first = await run();
    const second = await run();
    expect(recorded('recovered')).toHaveLength(1);
    expect(second.operationId).toBe(first.operationId);
  });

  it('refuses a name taken by another task', async () => {
    await action.handler(
      actionContext(input('taken'), { taskId: 'task-x' }).context,
    );
    const { context } = actionContext(input('taken'), { taskId: 'task-y' });
    await expect(action.handler(context)).rejects.toThrow(ConflictError);
  });

  it('fails with the CloudFormation reason when the deploy fails', async () => {
    fake.api.failResource = 'Cluster';
    try {
      const { context, lines } = actionContext(input('fails'));
      await expect(action.handler(context)).rejects.toThrow(
        'Deploy of environment fails failed (2 of 4 resources): Cluster9EE0221C: Resource handler returned message: "quota exceeded". Retry it from /environments/fails',
      );
      expect(lines()).toContainEqual(
        expect.stringMatching(
          /Cluster9EE0221C Custom::AWSCDK-EKS-Cluster CREATE_FAILED : Resource handler/,
        ),
      );
    } finally {
      fake.api.failResource = undefined;
    }
  });

  it('stops following after the wait while the deploy goes on', async () => {
    fake.api.eventIntervalMs = 60_000;
    try {
      const { context, lines, outputs } = actionContext({
        ...input('slow'),
        followTimeoutSeconds: 0,
      });
      await action.handler(context);
      expect(outputs().status).toBe('planned');
      expect(lines().at(-1)).toBe(
        'Stopped following after 0 s with the environment planned (0 of 4 resources); the deploy goes on in the environments backend: /environments/slow',
      );
    } finally {
      fake.api.eventIntervalMs = 5;
    }
  });
});
