import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  ENVIRONMENT_STATUSES,
  EnvironmentStatus,
} from '@taskplatform/plugin-environments-common';
import { Knex } from 'knex';
import { DatabaseEnvironmentStore } from './DatabaseEnvironmentStore';
import { LEGAL_TRANSITIONS } from './transitions';
import { NewEnvironment } from './types';

jest.setTimeout(60_000);

const alice = 'user:default/alice';

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

describe('DatabaseEnvironmentStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  const shared = new Map<
    string,
    Promise<{ knex: Knex; store: DatabaseEnvironmentStore }>
  >();

  /** A migrated database; shared by the tests that do not claim operations. */
  async function createStore(
    databaseId: Parameters<typeof databases.init>[0],
    options: { fresh?: boolean } = {},
  ) {
    const make = async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseEnvironmentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      return { knex, store };
    };
    if (options.fresh) return make();
    if (!shared.has(databaseId)) shared.set(databaseId, make());
    return shared.get(databaseId)!;
  }

  /** Puts an environment straight into a status (test setup only). */
  async function environmentIn(
    knex: Knex,
    store: DatabaseEnvironmentStore,
    name: string,
    status: EnvironmentStatus,
  ) {
    const { environment } = await store.createEnvironment(
      newEnvironment(name),
      {
        requestedBy: alice,
      },
    );
    await knex('environments')
      .where({ id: environment.id })
      .update({ status, current_operation_id: null });
    await knex('operations')
      .where({ environment_id: environment.id })
      .update({ status: 'succeeded' });
    return environment.id;
  }

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('allows exactly the transitions of the table, 409 for the others', async () => {
      const { knex, store } = await createStore(databaseId);
      let n = 0;
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const from of ENVIRONMENT_STATUSES) {
        for (const to of ENVIRONMENT_STATUSES) {
          const id = await environmentIn(knex, store, `env-${n++}`, from);
          const legal = LEGAL_TRANSITIONS[from].includes(to);
          expected.push(
            legal
              ? `${from}->${to}: ${to} v2`
              : `${from}->${to}: ConflictError`,
          );
          try {
            const moved = await store.transition(id, to);
            outcomes.push(`${from}->${to}: ${moved.status} v${moved.version}`);
          } catch (error) {
            const [unchanged] = await store.getEnvironmentsByIds([id]);
            outcomes.push(
              `${from}->${to}: ${(error as Error).name}${
                unchanged.status === from ? '' : ' but changed'
              }`,
            );
          }
        }
      }
      expect(outcomes).toEqual(expected);
      const [failedId] = [
        await environmentIn(knex, store, 'env-f', 'updating'),
      ];
      const failed = await store.transition(failedId, 'failed', {
        failureReason: 'boom',
      });
      expect(failed.failureReason).toBe('boom');
      expect(n).toBe(49);
    });

    it('creates with a queued deploy; names are unique among live environments; idempotent by key', async () => {
      const { knex, store } = await createStore(databaseId);
      const first = await store.createEnvironment(newEnvironment('dev-1'), {
        requestedBy: alice,
        idempotencyKey: 'k1',
      });
      expect(first.environment).toMatchObject({
        name: 'dev-1',
        status: 'planned',
        simulated: true,
        currentOperationId: first.operation.id,
      });
      expect(first.operation).toMatchObject({
        kind: 'deploy',
        status: 'queued',
        environmentName: 'dev-1',
        idempotencyKey: 'k1',
      });
      const again = await store.createEnvironment(newEnvironment('dev-1'), {
        requestedBy: alice,
        idempotencyKey: 'k1',
      });
      expect(again.created).toBe(false);
      expect(again.operation.id).toBe(first.operation.id);
      await expect(
        store.createEnvironment(newEnvironment('dev-1'), {
          requestedBy: alice,
        }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(/spec\.name/),
      });
      // concurrent creates of one name: exactly one wins
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () =>
          store.createEnvironment(newEnvironment('race'), {
            requestedBy: alice,
          }),
        ),
      );
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      // a destroyed environment frees its name and keeps its history
      await knex('environments')
        .where({ id: first.environment.id })
        .update({ status: 'destroyed', current_operation_id: null });
      const reused = await store.createEnvironment(newEnvironment('dev-1'), {
        requestedBy: alice,
      });
      expect(reused.environment.id).not.toBe(first.environment.id);
      expect((await store.getEnvironment('dev-1'))!.id).toBe(
        reused.environment.id,
      );
      expect(await store.listOperations(first.environment.id)).toHaveLength(1);
    });

    it('refuses a second operation while one is active; concurrent requests never both win', async () => {
      const { knex, store } = await createStore(databaseId);
      const id = await environmentIn(knex, store, 'dev-2', 'ready');
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) =>
          store.startOperation({
            environmentId: id,
            kind: i % 2 ? 'destroy' : 'deploy',
            to: i % 2 ? 'destroying' : 'updating',
            request: { requestedBy: alice },
          }),
        ),
      );
      const won = results.filter(r => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      expect(
        results.flatMap(r => (r.status === 'rejected' ? [r.reason.name] : [])),
      ).toEqual(Array(5).fill('ConflictError'));
      const ops = await store.listOperations(id);
      expect(ops.filter(o => o.status === 'queued')).toHaveLength(1);
      const [env] = await store.getEnvironmentsByIds([id]);
      expect(env.version).toBe(2);
    });

    it('claims under a lease, writes events in order, completes once', async () => {
      const { store } = await createStore(databaseId, { fresh: true });
      const { environment } = await store.createEnvironment(
        newEnvironment('dev-3'),
        { requestedBy: alice },
      );
      const claim = (await store.claimOperation('w1', 60_000))!;
      expect(claim.operation.environmentName).toBe('dev-3');
      expect(claim.spec).toEqual({ name: 'dev-3', stage: 'dev' });
      expect(await store.claimOperation('w2', 60_000)).toBeUndefined();
      await store.transition(environment.id, 'provisioning');
      const event = {
        time: new Date().toISOString(),
        stack: 'dev-3-network',
        logicalId: 'Vpc',
        resourceType: 'AWS::EC2::VPC',
        status: 'CREATE_IN_PROGRESS',
      };
      expect(await store.appendEvents(claim, [event, event])).toBe(2);
      const failed = { ...event, status: 'CREATE_FAILED', reason: 'quota' };
      expect(await store.appendEvents(claim, [failed])).toBe(3);
      const page = await store.listEvents(claim.operation.id, {
        since: 1,
        limit: 10,
      });
      // every field back, on PostgreSQL's array rows as on SQLite's objects
      const operationId = claim.operation.id;
      expect(page).toEqual([
        { id: 2, operationId, ...event },
        { id: 3, operationId, ...failed },
      ]);
      expect(page[0]).not.toHaveProperty('reason');
      expect(
        await store.completeOperation(claim, {
          status: 'succeeded',
          environment: { to: 'ready', patch: { outputs: { A: 'b' } } },
          templates: { 'dev-3-network': { Resources: {} } },
        }),
      ).toBe(true);
      // a second completion with the same (lost) lease writes nothing
      expect(
        await store.completeOperation(claim, {
          status: 'failed',
          environment: { to: 'failed' },
        }),
      ).toBe(false);
      const env = (await store.getEnvironment('dev-3'))!;
      expect(env).toMatchObject({ status: 'ready', outputs: { A: 'b' } });
      expect(env.currentOperationId).toBeUndefined();
      expect(await store.getTemplates(env.id)).toEqual({
        'dev-3-network': { Resources: {} },
      });
      expect(await store.getOperation(claim.operation.id)).toMatchObject({
        status: 'succeeded',
      });
    });

    it('lets another worker take over an expired lease and fences the old one', async () => {
      const { store } = await createStore(databaseId, { fresh: true });
      await store.createEnvironment(newEnvironment('dev-4'), {
        requestedBy: alice,
      });
      const first = (await store.claimOperation('w1', 50))!;
      expect(await store.markDeployStarted(first)).toBe(true);
      await new Promise(r => setTimeout(r, 80));
      const second = (await store.claimOperation('w2', 60_000))!;
      expect(second.operation.id).toBe(first.operation.id);
      expect(second.deployStarted).toBe(true);
      expect(second.attempt).toBe(first.attempt + 1);
      expect(await store.heartbeat(first, 60_000)).toBe(false);
      expect(await store.heartbeat(second, 60_000)).toBe(true);
    });

    it('runs one bootstrap per account and region', async () => {
      const { store } = await createStore(databaseId);
      const target = { account: '123456789012', region: 'us-east-1' };
      const a = await store.startBootstrap({
        ...target,
        request: { requestedBy: alice },
      });
      const b = await store.startBootstrap({
        ...target,
        request: { requestedBy: alice },
      });
      expect(a.created).toBe(true);
      expect(b).toEqual({ operation: a.operation, created: false });
      expect(a.operation).toMatchObject({
        kind: 'bootstrap',
        environmentName: '',
      });
    });

    it('pages the list newest first and filters by owner in SQL', async () => {
      const { store } = await createStore(databaseId);
      for (let i = 0; i < 5; i++) {
        await store.createEnvironment(
          {
            ...newEnvironment(`l-${i}`),
            owner: i % 2 ? 'group:default/b' : 'group:default/a',
          },
          { requestedBy: alice },
        );
      }
      const first = await store.listEnvironments({ query: { limit: 2 } });
      expect(first.items).toHaveLength(2);
      const second = await store.listEnvironments({
        query: { limit: 2, cursor: first.nextCursor },
      });
      expect(second.items.map(e => e.name)).not.toContain(first.items[0].name);
      const owned = await store.listEnvironments({
        query: {},
        filter: { key: 'owner', values: ['group:default/b'] },
      });
      expect(owned.items.map(e => e.name).sort()).toEqual(['l-1', 'l-3']);
      const none = await store.listEnvironments({
        query: {},
        filter: { key: 'owner', values: [] },
      });
      expect(none.items).toEqual([]);
    });

    it('migrates down cleanly', async () => {
      const { knex } = await createStore(databaseId, { fresh: true });
      await knex.migrate.rollback(
        {
          tableName: 'environments_knex_migrations',
          // the package's migrations, wherever jest runs from
          directory: resolvePackagePath(
            '@taskplatform/plugin-environments-backend',
            'migrations',
          ),
        } as any,
        true,
      );
      expect(await knex.schema.hasTable('environments')).toBe(false);
    });
  });
});
