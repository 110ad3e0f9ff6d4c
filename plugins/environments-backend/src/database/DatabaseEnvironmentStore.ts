import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Environment,
  EnvironmentListResponse,
  EnvironmentStatus,
  Operation,
  OperationKind,
  PlanResult,
} from '@taskplatform/plugin-environments-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { applyPermissionFilter, listEnvironments } from './environmentQueries';
import { OperationLeases } from './OperationLeases';
import * as planRecords from './planRecords';
import {
  EnvironmentRow,
  isUniqueViolation,
  OPERATION_COLUMNS,
  OperationRow,
  rowToEnvironment,
  rowToOperation,
} from './rows';
import {
  retryOnVersionRace,
  updateStatusOnce,
  VersionRaceError,
} from './statusUpdates';
import { assertTransition } from './transitions';
import {
  EnvironmentPatch,
  EnvironmentPermissionFilter,
  EnvironmentStore,
  EnvironmentWithOperation,
  ListEnvironmentsOptions,
  NewEnvironment,
  OperationRequest,
} from './types';

const migrationsDir = resolvePackagePath(
  '@taskplatform/plugin-environments-backend',
  'migrations',
);

const ACTIVE = ['queued', 'running'];

/** {@link EnvironmentStore} on PostgreSQL or SQLite. */
export class DatabaseEnvironmentStore
  extends OperationLeases
  implements EnvironmentStore
{
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseEnvironmentStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await knex.migrate.latest({
        directory: migrationsDir,
        tableName: 'environments_knex_migrations',
      });
    }
    return new DatabaseEnvironmentStore(knex);
  }

  private constructor(private readonly knex: Knex) {
    super(knex);
  }

  private operations(db: Knex | Knex.Transaction = this.knex) {
    return db('operations')
      .leftJoin('environments', 'environments.id', 'operations.environment_id')
      .select(OPERATION_COLUMNS);
  }

  async getEnvironment(
    name: string,
    filter?: EnvironmentPermissionFilter,
  ): Promise<Environment | undefined> {
    const q = this.knex<EnvironmentRow>('environments')
      .where({ name })
      .orderByRaw(
        "CASE WHEN status = 'destroyed' THEN 1 ELSE 0 END, created_at DESC",
      )
      .first();
    applyPermissionFilter(q, filter);
    const row = await q;
    return row && rowToEnvironment(row);
  }

  async getEnvironmentById(
    id: string,
    filter?: EnvironmentPermissionFilter,
  ): Promise<Environment | undefined> {
    const q = this.knex<EnvironmentRow>('environments').where({ id }).first();
    applyPermissionFilter(q, filter);
    const row = await q;
    return row && rowToEnvironment(row);
  }

  async getEnvironmentsByIds(ids: string[]): Promise<Environment[]> {
    if (!ids.length) return [];
    const rows = await this.knex<EnvironmentRow>('environments').whereIn(
      'id',
      ids,
    );
    return rows.map(rowToEnvironment);
  }

  listEnvironments(options: {
    query: ListEnvironmentsOptions;
    filter?: EnvironmentPermissionFilter;
  }): Promise<EnvironmentListResponse> {
    return listEnvironments(this.knex, options);
  }

  async listLiveEnvironments(): Promise<Environment[]> {
    const rows = await this.knex<EnvironmentRow>('environments')
      .whereNot('status', 'destroyed')
      .orderBy('created_at');
    return rows.map(rowToEnvironment);
  }

  private async findByIdempotencyKey(
    kind: OperationKind,
    key: string,
    where: { environmentId?: string; environmentName?: string },
  ): Promise<EnvironmentWithOperation | undefined> {
    const q = this.operations()
      .where('operations.kind', kind)
      .andWhere('operations.idempotency_key', key)
      .orderBy('operations.created_at', 'desc')
      .first();
    if (where.environmentId) {
      q.andWhere('operations.environment_id', where.environmentId);
    }
    if (where.environmentName) {
      q.andWhere('environments.name', where.environmentName);
    }
    const row: OperationRow | undefined = await q;
    if (!row?.environment_id) return undefined;
    const [environment] = await this.getEnvironmentsByIds([row.environment_id]);
    return { environment, operation: rowToOperation(row), created: false };
  }

  private newOperation(
    kind: OperationKind,
    request: OperationRequest,
    target: { environmentId: string | null; account: string; region: string },
    spec: Record<string, unknown> | undefined,
    now: number,
  ) {
    return {
      id: randomUUID(),
      environment_id: target.environmentId,
      kind,
      status: 'queued',
      requested_by: request.requestedBy,
      idempotency_key: request.idempotencyKey ?? null,
      account: target.account,
      region: target.region,
      spec: spec ? JSON.stringify(spec) : null,
      created_at: now,
      attempt: 0,
      deploy_started: false,
    };
  }

  async createEnvironment(
    environment: NewEnvironment,
    request: OperationRequest,
  ): Promise<EnvironmentWithOperation> {
    const replay = () =>
      request.idempotencyKey
        ? this.findByIdempotencyKey('deploy', request.idempotencyKey, {
            environmentName: environment.name,
          })
        : Promise.resolve(undefined);
    const earlier = await replay();
    if (earlier) return earlier;
    const taken = () =>
      new ConflictError(
        `spec.name: an environment named ${environment.name} already exists`,
      );
    if (await this.liveNameTaken(environment.name)) throw taken();

    const now = Date.now();
    const id = randomUUID();
    const operation = this.newOperation(
      'deploy',
      request,
      {
        environmentId: id,
        account: environment.account,
        region: environment.region,
      },
      environment.spec,
      now,
    );
    try {
      await this.knex.transaction(async trx => {
        await trx('environments').insert({
          id,
          name: environment.name,
          title: environment.title,
          owner: environment.owner,
          account: environment.account,
          region: environment.region,
          preset: environment.preset,
          spec: JSON.stringify(environment.spec),
          status: 'planned',
          simulated: environment.simulated,
          outputs: '{}',
          estimated_monthly_cost_usd:
            environment.estimatedMonthlyCostUsd ?? null,
          current_operation_id: operation.id,
          ever_ready: false,
          version: 1,
          created_at: now,
          updated_at: now,
        });
        await trx('operations').insert(operation);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // lost a race for the name: the winner may be this same request
      const winner = await replay();
      if (winner) return winner;
      throw taken();
    }
    const [created] = await this.getEnvironmentsByIds([id]);
    return {
      environment: created,
      operation: rowToOperation({
        ...operation,
        environment_name: environment.name,
      } as any),
      created: true,
    };
  }

  private async liveNameTaken(name: string): Promise<boolean> {
    const row = await this.knex('environments')
      .where({ name })
      .whereNot('status', 'destroyed')
      .first('id');
    return Boolean(row);
  }

  async startOperation(options: {
    environmentId: string;
    kind: 'deploy' | 'destroy';
    to: EnvironmentStatus;
    request: OperationRequest;
    spec?: Record<string, unknown>;
  }): Promise<EnvironmentWithOperation> {
    const { environmentId, kind, to, request } = options;
    return retryOnVersionRace(async () => {
      if (request.idempotencyKey) {
        const earlier = await this.findByIdempotencyKey(
          kind,
          request.idempotencyKey,
          { environmentId },
        );
        if (earlier) return earlier;
      }
      const row = await this.knex<EnvironmentRow>('environments')
        .where({ id: environmentId })
        .first();
      if (!row)
        throw new NotFoundError(`Environment ${environmentId} not found`);
      if (row.current_operation_id) {
        const current = await this.getOperation(row.current_operation_id);
        if (current && ACTIVE.includes(current.status)) {
          throw new ConflictError(
            `environment ${row.name} has a ${current.kind} operation ${current.id} that is ${current.status}; wait for it to finish`,
          );
        }
      }
      assertTransition(row.name, row.status, to);
      const now = Date.now();
      const spec = options.spec ?? JSON.parse(row.spec);
      const operation = this.newOperation(
        kind,
        request,
        { environmentId, account: row.account, region: row.region },
        kind === 'deploy' ? spec : undefined,
        now,
      );
      try {
        await this.knex.transaction(async trx => {
          const count = await trx('environments')
            .where({ id: environmentId, version: row.version })
            .update({
              status: to,
              version: row.version + 1,
              updated_at: now,
              current_operation_id: operation.id,
              failure_reason: null,
              ...(options.spec ? { spec: JSON.stringify(options.spec) } : {}),
            });
          if (count !== 1) throw new VersionRaceError('changed');
          await trx('operations').insert(operation);
        });
      } catch (error) {
        // the same idempotency key raced in: the next round returns the winner
        if (isUniqueViolation(error)) throw new VersionRaceError('raced');
        throw error;
      }
      const [environment] = await this.getEnvironmentsByIds([environmentId]);
      return {
        environment,
        operation: rowToOperation({
          ...operation,
          environment_name: row.name,
        } as any),
        created: true,
      };
    });
  }

  transition(
    id: string,
    to: EnvironmentStatus,
    patch?: EnvironmentPatch,
  ): Promise<Environment> {
    return retryOnVersionRace(() => updateStatusOnce(this.knex, id, to, patch));
  }

  async startBootstrap(options: {
    account: string;
    region: string;
    request: OperationRequest;
  }): Promise<{ operation: Operation; created: boolean }> {
    const { account, region, request } = options;
    return this.knex.transaction(async trx => {
      const existing: OperationRow | undefined = await trx('operations')
        .where({ kind: 'bootstrap', account, region })
        .whereIn('status', [...ACTIVE, 'succeeded'])
        .orderBy('created_at', 'desc')
        .first();
      if (existing) {
        return { operation: rowToOperation(existing), created: false };
      }
      const operation = this.newOperation(
        'bootstrap',
        request,
        { environmentId: null, account, region },
        undefined,
        Date.now(),
      );
      await trx('operations').insert(operation);
      return { operation: rowToOperation(operation as any), created: true };
    });
  }

  async getOperation(
    id: string,
    filter?: EnvironmentPermissionFilter,
  ): Promise<Operation | undefined> {
    const q = this.operations().where('operations.id', id).first();
    if (filter) {
      // bootstraps have no environment; the others need a readable one
      q.andWhere(inner =>
        inner
          .whereNull('operations.environment_id')
          .orWhere(permitted => applyPermissionFilter(permitted, filter)),
      );
    }
    const row = await q;
    return row && rowToOperation(row);
  }

  async listOperations(environmentId: string): Promise<Operation[]> {
    const rows = await this.operations()
      .where('operations.environment_id', environmentId)
      .orderBy('operations.created_at', 'desc')
      .limit(200);
    return rows.map(rowToOperation);
  }

  async lastFailedOperationKind(
    environmentId: string,
  ): Promise<OperationKind | undefined> {
    const row = await this.knex('operations')
      .where({ environment_id: environmentId, status: 'failed' })
      .orderBy('created_at', 'desc')
      .first('kind');
    return row?.kind;
  }

  getTemplates(environmentId: string): Promise<Record<string, unknown>> {
    return planRecords.getTemplates(this.knex, environmentId);
  }

  savePlan(environmentName: string, plan: PlanResult): Promise<void> {
    return planRecords.savePlan(this.knex, environmentName, plan);
  }

  getPlan(environmentName: string): Promise<PlanResult | undefined> {
    return planRecords.getPlan(this.knex, environmentName);
  }
}
