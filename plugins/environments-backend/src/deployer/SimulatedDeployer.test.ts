import { TestDatabases } from '@backstage/backend-test-utils';
import { specFromPreset } from '@taskplatform/infra';
import type { Knex } from 'knex';
import { resolve as resolvePath } from 'node:path';
import type { DeployerEvent, DeployTarget } from './Deployer';
import {
  synthesizeStacks,
  type SynthesizedStacks,
} from './plan/synthesizeStacks';
import { SimulatedDeployer } from './SimulatedDeployer';

jest.setTimeout(120_000);

const migrations = resolvePath(__dirname, '../../migrations');

/** The worker's 'synth' answered from one synthesis for the whole file; counts the starts. */
function fakeWorker(synth: SynthesizedStacks) {
  const calls: string[] = [];
  return {
    calls,
    async call<T>(op: string): Promise<T> {
      calls.push(op);
      if (op !== 'synth') throw new Error(`unexpected ${op}`);
      return JSON.parse(JSON.stringify(synth)) as T;
    },
  };
}

describe('SimulatedDeployer', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let synth: SynthesizedStacks;
  let target: DeployTarget;

  beforeAll(async () => {
    synth = await synthesizeStacks(
      specFromPreset('dev', { name: 'sim-dev', account: '210987654321' }),
    );
    target = {
      environmentName: 'sim-dev',
      spec: synth.spec,
      account: '210987654321',
      region: 'us-east-1',
    };
  });

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex: Knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrations });
    return knex;
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('walks the real resources through CloudFormation events, then reports outputs and status', async () => {
      const knex = await setup(databaseId);
      const worker = fakeWorker(synth);
      const deployer = new SimulatedDeployer({
        knex,
        worker,
        eventIntervalMs: 1,
      });
      const events: DeployerEvent[] = [];
      const result = await deployer.deploy(target, {
        onEvent: e => void events.push(e),
      });

      const vpcId = Object.keys(synth.stacks[0].template.Resources!).find(
        id => synth.stacks[0].template.Resources![id].Type === 'AWS::EC2::VPC',
      )!;
      expect(
        events
          .filter(e => e.logicalId === vpcId)
          .map(e => [e.status, e.reason]),
      ).toEqual([
        ['CREATE_IN_PROGRESS', undefined],
        ['CREATE_IN_PROGRESS', 'Resource creation Initiated'],
        ['CREATE_COMPLETE', undefined],
      ]);
      const stackEvents = events.filter(
        e =>
          e.resourceType === 'AWS::CloudFormation::Stack' &&
          e.logicalId === e.stack,
      );
      expect(stackEvents.slice(0, 2).map(e => [e.stack, e.status])).toEqual([
        ['sim-dev-network', 'CREATE_IN_PROGRESS'],
        ['sim-dev-network', 'CREATE_COMPLETE'],
      ]);
      expect(
        events.some(e => /^sim-dev-cluster-.+-[0-9A-F]{12}$/.test(e.stack)),
      ).toBe(true); // nested stacks
      expect(events.map(e => e.time)).toEqual(
        [...events.map(e => e.time)].sort(),
      );

      expect(result.outputs.ClusterEndpoint).toMatch(
        /^https:\/\/[0-9A-F]{32}\.gr7\.us-east-1\.eks\.amazonaws\.com$/,
      );
      expect(
        Buffer.from(
          result.outputs.ClusterCertificateAuthority,
          'base64',
        ).toString(),
      ).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(result.outputs.DatabaseEndpoint).toMatch(
        /\.us-east-1\.rds\.amazonaws\.com$/,
      );
      expect(result.outputs.DeployRoleArn).toMatch(
        /^arn:aws:iam::210987654321:role\//,
      );
      expect(Object.keys(result.templates).sort()).toEqual(
        synth.stacks.map(s => s.stackName).sort(),
      );

      const states = await deployer.status(target);
      expect(states.map(s => s.status)).toEqual(
        Array(5).fill('CREATE_COMPLETE'),
      );
      expect(
        states.find(s => s.stackName === 'sim-dev-cluster')?.outputs
          ?.ClusterName,
      ).toBe('sim-dev-cluster');

      // An unchanged redeploy starts nothing and keeps the outputs.
      const again: DeployerEvent[] = [];
      const second = await deployer.deploy(target, {
        onEvent: e => void again.push(e),
      });
      expect(again).toEqual([]);
      expect(second.outputs).toEqual(result.outputs);

      // Destroy walks the stacks in reverse dependency order.
      const deleted: DeployerEvent[] = [];
      await deployer.destroy(target, { onEvent: e => void deleted.push(e) });
      expect(deleted[0]).toMatchObject({
        stack: 'sim-dev-database',
        status: 'DELETE_IN_PROGRESS',
      });
      expect(deleted.at(-1)).toMatchObject({
        stack: 'sim-dev-network',
        status: 'DELETE_COMPLETE',
      });
      expect((await deployer.status(target)).map(s => s.status)).toEqual(
        Array(5).fill('NOT_FOUND'),
      );
      await knex.destroy();
    });

    it('lets another replica re-attach to a running deploy without starting a second one', async () => {
      const knex = await setup(databaseId);
      const first = fakeWorker(synth);
      const second = fakeWorker(synth);
      const replicaA = new SimulatedDeployer({
        knex,
        worker: first,
        eventIntervalMs: 5,
      });
      const replicaB = new SimulatedDeployer({
        knex,
        worker: second,
        eventIntervalMs: 5,
      });
      const abort = new AbortController();
      const seenA: DeployerEvent[] = [];
      const dying = replicaA.deploy(target, {
        signal: abort.signal,
        onEvent: e => {
          seenA.push(e);
          if (seenA.length === 30) abort.abort(new Error('replica A died'));
        },
      });
      await expect(dying).rejects.toThrow('replica A died');

      const states = await replicaB.status(target);
      expect(states.some(s => s.status.endsWith('_IN_PROGRESS'))).toBe(true);
      const seenB: DeployerEvent[] = [];
      const result = await replicaB.deploy(target, {
        onEvent: e => void seenB.push(e),
      });
      expect(first.calls.filter(c => c === 'synth')).toHaveLength(1);
      expect(second.calls).toEqual([]); // followed, never started
      // B goes on from where A's last recorded event was: nothing lost, at most a few repeated.
      const all = [...seenA, ...seenB];
      const key = (e: DeployerEvent) =>
        `${e.time} ${e.stack} ${e.logicalId} ${e.status} ${e.reason}`;
      const unique = new Set(all.map(key));
      const walked = await replicaB.status(target);
      expect(walked.every(s => s.status === 'CREATE_COMPLETE')).toBe(true);
      expect(seenB[0].time >= seenA[0].time).toBe(true);
      expect(all.length - unique.size).toBeLessThanOrEqual(30);
      const fresh = fakeWorker(synth);
      const events: DeployerEvent[] = [];
      const knexFresh = await setup(databaseId);
      await new SimulatedDeployer({
        knex: knexFresh,
        worker: fresh,
        eventIntervalMs: 1,
      }).deploy(target, {
        onEvent: e => void events.push(e),
      });
      expect(unique.size).toBe(events.length); // the same events as one uninterrupted deploy
      await knexFresh.destroy();
      expect(seenB.at(-1)).toMatchObject({
        stack: 'sim-dev-database',
        status: 'CREATE_COMPLETE',
      });
      expect(result.outputs.ClusterEndpoint).toBeDefined();
      await knex.destroy();
    });

    it('fails the injected resource, rolls its stack back and reports why', async () => {
      const knex = await setup(databaseId);
      const deployer = new SimulatedDeployer({
        knex,
        worker: fakeWorker(synth),
        eventIntervalMs: 1,
        failResource: 'DatabaseB269D8BB',
      });
      const events: DeployerEvent[] = [];
      await expect(
        deployer.deploy(target, { onEvent: e => void events.push(e) }),
      ).rejects.toThrow(
        /sim-dev-database ended ROLLBACK_COMPLETE: DatabaseB269D8BB \(AWS::RDS::DBInstance\) CREATE_FAILED: Resource handler returned message/,
      );
      expect(events.find(e => e.status === 'CREATE_FAILED')).toMatchObject({
        stack: 'sim-dev-database',
        logicalId: 'DatabaseB269D8BB',
      });
      expect(events.at(-1)).toMatchObject({
        stack: 'sim-dev-database',
        status: 'ROLLBACK_COMPLETE',
      });
      const states = await deployer.status(target);
      expect(states.find(s => s.stackName === 'sim-dev-database')?.status).toBe(
        'ROLLBACK_COMPLETE',
      );
      expect(states.find(s => s.stackName === 'sim-dev-cluster')?.status).toBe(
        'CREATE_COMPLETE',
      );
      await knex.destroy();
    });

    it('bootstraps an account and region once, and reports it', async () => {
      const knex = await setup(databaseId);
      const deployer = new SimulatedDeployer({
        knex,
        worker: fakeWorker(synth),
        eventIntervalMs: 1,
      });
      const where = { account: '210987654321', region: 'eu-west-1' };
      expect(await deployer.isBootstrapped(where)).toMatchObject({
        bootstrapped: false,
      });
      const events: DeployerEvent[] = [];
      await deployer.bootstrap(where, { onEvent: e => void events.push(e) });
      expect(events.map(e => e.logicalId)).toContain('CdkBootstrapVersion');
      expect(await deployer.isBootstrapped(where)).toEqual({
        bootstrapped: true,
        version: 30,
      });
      await knex.destroy();
    });
  });
});
