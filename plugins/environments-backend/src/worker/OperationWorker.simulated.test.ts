import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { specFromPreset } from '@taskplatform/infra';
import knexFactory, { Knex } from 'knex';
import { DatabaseEnvironmentStore } from '../database/DatabaseEnvironmentStore';
import {
  synthesizeStacks,
  type SynthesizedStacks,
} from '../deployer/plan/synthesizeStacks';
import { SimulatedDeployer } from '../deployer/SimulatedDeployer';
import { EnvironmentChanges } from '../service/EnvironmentChanges';
import { OperationWorker } from './OperationWorker';

jest.setTimeout(120_000);

const logger = mockServices.logger.mock();

/**
 * Two backend replicas on one database with A2's simulated deployer (its
 * "cloud" lives in the database): the first dies mid-deploy, the second
 * takes over when the lease expires and re-attaches. A deploy "start" is a
 * synth call; a re-attach follows the stored schedule without one.
 */
describe('OperationWorker with the simulated deployer', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let synth: SynthesizedStacks;
  const spec = specFromPreset('dev', {
    name: 'sim-1',
    account: '123456789012',
    region: 'us-east-1',
  }) as unknown as Record<string, unknown>;

  beforeAll(async () => {
    synth = await synthesizeStacks(spec as any);
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('a replica stopped mid-deploy: another finishes it with no second deploy start', async () => {
      const knex = await databases.init(databaseId);
      // the second replica has its own connection pool where it can
      const other: Knex =
        knex.client.config.client === 'pg'
          ? knexFactory(knex.client.config)
          : knex;
      try {
        const synthCalls: string[] = [];
        const replica = async (db: Knex, id: string) => {
          const store = await DatabaseEnvironmentStore.create({
            database: mockServices.database({
              knex: db,
              migrations: { skip: false },
            }),
          });
          const deployer = new SimulatedDeployer({
            knex: db,
            eventIntervalMs: 4,
            worker: {
              async call<T>(op: string): Promise<T> {
                synthCalls.push(op);
                return JSON.parse(JSON.stringify(synth)) as T;
              },
            },
          });
          const worker = new OperationWorker({
            store,
            deployer,
            changes: new EnvironmentChanges({ logger }),
            logger,
            leaseMs: 1000,
            eventFlushMs: 20,
            workerId: id,
          });
          return { store, worker };
        };
        const a = await replica(knex, 'replica-a');
        const { operation } = await a.store.createEnvironment(
          {
            name: 'sim-1',
            title: 'sim-1',
            owner: 'group:default/team-a',
            account: '123456789012',
            region: 'us-east-1',
            preset: 'dev',
            spec,
            simulated: true,
          },
          { requestedBy: 'user:default/alice' },
        );
        await a.worker.poll();
        // let it write some events, then "kill" replica A
        for (let i = 0; i < 100; i++) {
          const events = await a.store.listEvents(operation.id, {
            since: 0,
            limit: 10,
          });
          if (events.length >= 10) break;
          await new Promise(r => setTimeout(r, 50));
        }
        await a.worker.stop();
        const written = (
          await a.store.listEvents(operation.id, { since: 0, limit: 1000 })
        ).length;
        expect(written).toBeGreaterThan(0);

        const b = await replica(other, 'replica-b');
        await new Promise(r => setTimeout(r, 1100)); // A's lease expires
        await b.worker.poll();
        await b.worker.idle();

        expect(synthCalls).toEqual(['synth']);
        const op = await b.store.getOperation(operation.id);
        expect(op).toMatchObject({ status: 'succeeded' });
        const env = (await b.store.getEnvironment('sim-1'))!;
        expect(env.status).toBe('ready');
        expect(Object.keys(env.outputs).length).toBeGreaterThan(0);
        const events = await b.store.listEvents(operation.id, {
          since: 0,
          limit: 1000,
        });
        expect(events.length).toBeGreaterThan(written);
        expect(events.at(-1)!.status).toMatch(/COMPLETE$/);
        // none lost (A's unwritten events are replayed from the "cloud"), none twice
        const scheduled = (
          await knex('simulated_stacks').where({ environment_name: 'sim-1' })
        ).reduce((n, row) => n + JSON.parse(row.events).length, 0);
        expect(events).toHaveLength(scheduled);
        const keys = events.map(
          e => `${e.time} ${e.stack} ${e.logicalId} ${e.status}`,
        );
        expect(new Set(keys).size).toBe(keys.length);
      } finally {
        if (other !== knex) await other.destroy();
      }
    });
  });
});
