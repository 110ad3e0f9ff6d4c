import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { FakeCloud } from '../__testUtils__/FakeCloudDeployer';
import { DatabaseEnvironmentStore } from '../database/DatabaseEnvironmentStore';
import { NewEnvironment } from '../database/types';
import { EnvironmentChanges } from '../service/EnvironmentChanges';
import { OperationWorker } from './OperationWorker';

jest.setTimeout(60_000);

const alice = 'user:default/alice';
const logger = mockServices.logger.mock();

const newEnvironment = (name: string): NewEnvironment => ({
  name,
  title: name,
  owner: 'group:default/team-a',
  account: '123456789012',
  region: 'us-east-1',
  preset: 'dev',
  spec: { name, stage: 'dev' },
  simulated: true,
});

describe('OperationWorker', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  const knexes = new Map<string, Promise<Knex>>();

  /** One database per engine for the file: every test drains its queue. */
  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    if (!knexes.has(databaseId))
      knexes.set(databaseId, databases.init(databaseId));
    const knex = await knexes.get(databaseId)!;
    const store = await DatabaseEnvironmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const signals = { publish: jest.fn(async () => {}) };
    const changes = new EnvironmentChanges({ signals, logger });
    return { knex, store, signals, changes };
  }

  function worker(
    store: DatabaseEnvironmentStore,
    cloud: FakeCloud,
    changes: EnvironmentChanges,
    leaseMs = 60_000,
  ) {
    return new OperationWorker({
      store,
      deployer: cloud.deployer(),
      changes,
      logger,
      leaseMs,
      eventFlushMs: 20,
    });
  }

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('provisions: planned -> provisioning -> ready, with events, outputs, templates and signals', async () => {
      const { store, signals, changes } = await setup(databaseId);
      const cloud = new FakeCloud(10);
      const seen: string[] = [];
      changes.onStatusChange(env => seen.push(env.status));
      const { environment, operation } = await store.createEnvironment(
        newEnvironment('dev-1'),
        { requestedBy: alice },
      );
      const w = worker(store, cloud, changes);
      await w.poll();
      await w.idle();
      const ready = (await store.getEnvironment('dev-1'))!;
      expect(ready).toMatchObject({
        status: 'ready',
        outputs: { ClusterName: 'dev-1-cluster' },
        version: 3,
      });
      expect(seen).toEqual(['provisioning', 'ready']);
      const events = await store.listEvents(operation.id, {
        since: 0,
        limit: 100,
      });
      expect(events).toHaveLength(12);
      expect(events.map(e => e.id)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
      expect(await store.getOperation(operation.id)).toMatchObject({
        status: 'succeeded',
        resourcesDone: 6,
        resourcesPlanned: 6,
      });
      expect(
        Object.keys(await store.getTemplates(environment.id)).sort(),
      ).toEqual(['dev-1-cluster', 'dev-1-network']);
      expect(signals.publish).toHaveBeenCalledWith(
        expect.objectContaining({
          channel: 'environments:changed',
          message: expect.objectContaining({
            type: 'events',
            operationId: operation.id,
          }),
        }),
      );
      expect(cloud.starts).toBe(1);
    });

    it('failure, then retry, then destroy', async () => {
      const { store, changes } = await setup(databaseId);
      const cloud = new FakeCloud(5);
      cloud.failNext = true;
      const { environment } = await store.createEnvironment(
        newEnvironment('dev-2'),
        { requestedBy: alice },
      );
      const w = worker(store, cloud, changes);
      await w.poll();
      await w.idle();
      const failed = (await store.getEnvironment('dev-2'))!;
      expect(failed.status).toBe('failed');
      expect(failed.failureReason).toMatch(/deploy failed: .*Injected failure/);
      const [failedOp] = await store.listOperations(environment.id);
      expect(failedOp).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/CREATE_FAILED/),
      });
      const events = await store.listEvents(failedOp.id, {
        since: 0,
        limit: 100,
      });
      expect(events.at(-1)).toMatchObject({
        status: 'CREATE_FAILED',
        reason: expect.stringMatching(/Injected/),
      });

      await store.startOperation({
        environmentId: environment.id,
        kind: 'deploy',
        to: 'provisioning',
        request: { requestedBy: alice },
      });
      await w.poll();
      await w.idle();
      expect((await store.getEnvironment('dev-2'))!.status).toBe('ready');

      await store.startOperation({
        environmentId: environment.id,
        kind: 'destroy',
        to: 'destroying',
        request: { requestedBy: alice },
      });
      await w.poll();
      await w.idle();
      const destroyed = (await store.getEnvironment('dev-2'))!;
      expect(destroyed.status).toBe('destroyed');
      expect(cloud.destroyStarts).toBe(1);
      expect(
        (await store.listOperations(environment.id)).map(o => o.status),
      ).toEqual(['succeeded', 'succeeded', 'failed']);
    });

    it('a worker stopped mid-operation: another takes over after the lease expires, with no second deploy', async () => {
      const { store, changes } = await setup(databaseId);
      const cloud = new FakeCloud(250); // a deploy takes 12 x 250 ms
      const { operation } = await store.createEnvironment(
        newEnvironment('dev-3'),
        {
          requestedBy: alice,
        },
      );
      const first = worker(store, cloud, changes, 1000);
      await first.poll();
      await new Promise(r => setTimeout(r, 400));
      await first.stop(); // dies: no heartbeat, nothing written any more
      expect((await store.getOperation(operation.id))!.status).toBe('running');

      const second = worker(store, cloud, changes, 1000);
      await second.poll();
      expect(await store.getOperation(operation.id)).toMatchObject({
        status: 'running',
      });
      // the lease is still held: nothing to claim yet
      expect((second as any).running.size).toBe(0);
      await new Promise(r => setTimeout(r, 1100));
      await second.poll();
      await second.idle();

      expect(cloud.starts).toBe(1);
      expect(await store.getOperation(operation.id)).toMatchObject({
        status: 'succeeded',
      });
      expect((await store.getEnvironment('dev-3'))!.status).toBe('ready');
      const events = await store.listEvents(operation.id, {
        since: 0,
        limit: 100,
      });
      const ids = events.map(e => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(events.at(-1)!.status).toBe('CREATE_COMPLETE');
    });

    it('a graceful stop releases the lease: another worker re-attaches at once', async () => {
      const { store, changes } = await setup(databaseId);
      const cloud = new FakeCloud(100);
      const { operation } = await store.createEnvironment(
        newEnvironment('dev-5'),
        {
          requestedBy: alice,
        },
      );
      const first = worker(store, cloud, changes, 60_000);
      await first.poll();
      await new Promise(r => setTimeout(r, 250));
      await first.stop({ releaseLeases: true });
      const second = worker(store, cloud, changes, 60_000);
      await second.poll(); // no waiting for a 60 s lease
      await second.idle();
      expect(cloud.starts).toBe(1);
      expect(await store.getOperation(operation.id)).toMatchObject({
        status: 'succeeded',
      });
    });

    it('takes over a finished deploy without deploying again', async () => {
      const { store, changes } = await setup(databaseId);
      const cloud = new FakeCloud(5);
      await store.createEnvironment(newEnvironment('dev-4'), {
        requestedBy: alice,
      });
      const first = worker(store, cloud, changes, 300);
      await first.poll();
      await new Promise(r => setTimeout(r, 20));
      await first.stop();
      await new Promise(r => setTimeout(r, 400)); // the cloud finishes, the lease expires
      const second = worker(store, cloud, changes, 300);
      await second.poll();
      await second.idle();
      expect(cloud.starts).toBe(1);
      expect((await store.getEnvironment('dev-4'))!.status).toBe('ready');
    });
    it('takes over an update whose replica died before CloudFormation began: it deploys, it does not mistake the old stacks for done', async () => {
      const { store, changes } = await setup(databaseId);
      const cloud = new FakeCloud(5);
      const { environment } = await store.createEnvironment(
        newEnvironment('dev-6'),
        { requestedBy: alice },
      );
      const w = worker(store, cloud, changes, 300);
      await w.poll();
      await w.idle();
      expect(cloud.starts).toBe(1);
      await new Promise(r => setTimeout(r, 5)); // the stacks' last update is in the past
      const update = await store.startOperation({
        environmentId: environment.id,
        kind: 'deploy',
        to: 'updating',
        request: { requestedBy: alice },
        spec: { name: 'dev-6', stage: 'dev', runners: { max: 4 } },
      });
      // a replica claims it, marks the deploy started, and dies before calling the deployer
      const dead = await store.claimOperation('dead-replica', 100);
      expect(dead!.operation.id).toBe(update.operation.id);
      expect(await store.markDeployStarted(dead!)).toBe(true);
      await new Promise(r => setTimeout(r, 150)); // its lease expires

      await w.poll();
      await w.idle();
      expect(cloud.starts).toBe(2); // the update really ran
      expect(await store.getOperation(update.operation.id)).toMatchObject({
        status: 'succeeded',
      });
      expect((await store.getEnvironment('dev-6'))!.status).toBe('ready');
    });
  });

  it('two backends on one PostgreSQL racing for the same operations: each runs once', async () => {
    if (!databases.eachSupportedId().some(([id]) => id === 'POSTGRES_15'))
      return;
    const { knex, store, changes } = await setup('POSTGRES_15');
    const other: Knex = knexFactory(knex.client.config);
    try {
      const otherStore = await DatabaseEnvironmentStore.create({
        database: mockServices.database({
          knex: other,
          migrations: { skip: true },
        }),
      });
      const cloud = new FakeCloud(5);
      for (let i = 0; i < 6; i++) {
        await store.createEnvironment(newEnvironment(`race-${i}`), {
          requestedBy: alice,
        });
      }
      const a = worker(store, cloud, changes);
      const b = worker(otherStore, cloud, changes);
      await Promise.all([a.poll(), b.poll(), a.poll(), b.poll()]);
      await Promise.all([a.idle(), b.idle()]);
      expect(cloud.starts).toBe(6);
      const ops = await knex('operations')
        .join('environments', 'environments.id', 'operations.environment_id')
        .where('environments.name', 'like', 'race-%')
        .select('attempt', 'operations.status as status');
      expect(ops).toHaveLength(6);
      expect(ops.every(o => o.attempt === 1 && o.status === 'succeeded')).toBe(
        true,
      );
    } finally {
      await other.destroy();
    }
  });
});
