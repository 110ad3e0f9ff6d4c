import { InputError } from '@backstage/errors';
import {
  actionContext,
  loadInfraBeforeAll,
  startFakeEnvironmentsApi,
} from '../__testUtils__/actionTestContext';
import { createPlanEnvironmentAction } from './planEnvironment';

describe('environments:plan', () => {
  loadInfraBeforeAll();
  let fake: Awaited<ReturnType<typeof startFakeEnvironmentsApi>>;
  beforeAll(async () => {
    fake = await startFakeEnvironmentsApi();
  });
  afterAll(() => fake.api.stop());

  it('plans as the initiating user and writes a readable table to the task log', async () => {
    const action = createPlanEnvironmentAction({ client: fake.client });
    const { context, lines, outputs } = actionContext(
      {
        preset: 'prod' as const,
        name: 'team-a-prod',
        region: 'eu-west-1',
        availabilityZoneCount: 3,
        githubOrg: 'acme',
        githubRepo: 'orders',
        runnersMin: 1,
        runnersMax: 8,
        databaseInstanceClass: 'db.m7g.large',
        databaseStorageGiB: 50,
        databaseMultiAz: true,
      },
      { isDryRun: true },
    );
    await action.handler(context);

    const request = fake.api.requests.find(r => r.path === '/plan')!;
    expect(request.authorization).toContain('user:default/mock');
    expect(request.authorization).toContain('environments');
    expect(request.body).toEqual({
      preset: 'prod',
      spec: {
        name: 'team-a-prod',
        account: '123456789012',
        region: 'eu-west-1',
        github: {
          org: 'acme',
          repo: 'orders',
          runners: { minRunners: 1, maxRunners: 8 },
        },
        database: {
          instanceClass: 'db.m7g.large',
          allocatedStorageGiB: 50,
          maxAllocatedStorageGiB: 250,
          multiAz: true,
        },
        network: {
          availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
          subnets: {
            public: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
            private: ['10.0.11.0/24', '10.0.12.0/24', '10.0.13.0/24'],
            data: ['10.0.21.0/24', '10.0.22.0/24', '10.0.23.0/24'],
          },
          natGateways: 3,
        },
      },
    });

    expect(outputs()).toMatchObject({
      monthlyCostUsd: 612.4,
      nagErrorCount: 0,
      simulated: true,
      summary: expect.objectContaining({ totalResources: 301 }),
    });
    expect(outputs().diff).toBeUndefined();
    const log = lines();
    expect(log).toContain(
      'Estimated cost: $612.40 per month in eu-west-1 (fixture price list, prices of 2026-11-01)',
    );
    expect(log).toContainEqual(
      expect.stringMatching(
        /^\| app +\| t3\.medium +\| 2 +\| 2 +\| 6 +\| ON_DEMAND \|$/,
      ),
    );
    expect(log).toContain('cdk-nag: 0 errors, 3 warnings');
    expect(outputs().markdown).toBe(
      log.join('\n').replace(/^Planning.*\n/, ''),
    );
  });

  it('diffs against an existing environment when asked', async () => {
    const action = createPlanEnvironmentAction({ client: fake.client });
    const { context, lines, outputs } = actionContext({
      preset: 'dev' as const,
      name: 'team-a-dev',
      environment: 'team-a-dev',
    });
    await action.handler(context);
    expect(outputs().diff.stacks[0].changed[0].replacement).toBe(true);
    expect(lines()).toContainEqual(
      expect.stringMatching(/^\| cluster \| 1 +\| 0 +\| 1 +\| AppNodes +\|$/),
    );
  });

  it("fails with infra's messages naming each bad field, before calling the API", async () => {
    const action = createPlanEnvironmentAction({ client: fake.client });
    const before = fake.api.requests.length;
    const { context } = actionContext({
      preset: 'prod' as const,
      name: 'Team_A',
      account: '12345',
      databaseMultiAz: false,
      runnersMin: 5,
      runnersMax: 2,
    });
    const error = await action.handler(context).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('name: must be DNS-safe');
    expect(error.message).toContain(
      'account: must be a 12-digit AWS account id',
    );
    expect(error.message).toContain(
      'database.multiAz: prod databases must be Multi-AZ',
    );
    expect(error.message).toContain(
      'github.runners.minRunners: must be at most maxRunners (2)',
    );
    expect(fake.api.requests.length).toBe(before);
  });

  it('names too many zones and a name over 26 characters', async () => {
    const action = createPlanEnvironmentAction({ client: fake.client });
    const { context } = actionContext({
      preset: 'dev' as const,
      name: 'a-name-that-is-much-too-long-for-stacks',
      spec: { network: { vpcCidr: '10.0.0.0/16', natGateways: 4 } },
    });
    await expect(action.handler(context)).rejects.toThrow(
      /name: Too big: expected string to have <=26 characters.*network\.natGateways: must be at most the number of availability zones \(2\)/,
    );
  });

  it("passes on the API's 400 naming the field", async () => {
    const action = createPlanEnvironmentAction({ client: fake.client });
    const { context } = actionContext({
      preset: 'dev' as const,
      name: 'team-c',
      region: 'ap-south-1',
    });
    const error = await action.handler(context).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'environments API POST /plan: spec.region: ap-south-1 is not a region of account 123456789012 in environments.accounts',
    );
  });
});
