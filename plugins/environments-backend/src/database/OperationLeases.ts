import { OperationEvent } from '@taskplatform/plugin-environments-common';
import { Knex } from 'knex';
import {
  EVENT_VALUE_COLUMNS,
  OPERATION_COLUMNS,
  OperationEventRow,
  eventFromValues,
  OperationRow,
  rowToEvent,
  rowToOperation,
} from './rows';
import { retryOnVersionRace, updateStatusOnce } from './statusUpdates';
import { ClaimedOperation, EnvironmentStore, NewOperationEvent } from './types';

/** Rows per insert, well under SQLite's bound-parameter limit. */
const EVENT_INSERT_CHUNK = 200;

/**
 * The queue side of the store: claims with a conditional UPDATE, leases
 * with heartbeats, events and completion. A lease is (lease_owner, attempt):
 * every write of a worker is conditional on it, so a worker that lost its
 * lease can no longer write.
 */
export class OperationLeases
  implements
    Pick<
      EnvironmentStore,
      | 'claimOperation'
      | 'heartbeat'
      | 'markDeployStarted'
      | 'releaseLease'
      | 'setProgress'
      | 'completeOperation'
      | 'appendEvents'
      | 'listEvents'
    >
{
  constructor(private readonly db: Knex) {}

  private leased(claim: ClaimedOperation) {
    return this.db('operations').where({
      id: claim.operation.id,
      lease_owner: claim.leaseOwner,
      attempt: claim.attempt,
      status: 'running',
    });
  }

  async claimOperation(
    leaseOwner: string,
    leaseMs: number,
  ): Promise<ClaimedOperation | undefined> {
    const now = Date.now();
    const claimable = (q: Knex.QueryBuilder) =>
      q
        .where('operations.status', 'queued')
        .orWhere(expired =>
          expired
            .where('operations.status', 'running')
            .andWhere('operations.lease_expires_at', '<', now),
        );
    const candidates: Pick<OperationRow, 'id' | 'attempt'>[] = await this.db(
      'operations',
    )
      .select('id', 'attempt')
      .where(claimable)
      .orderBy('created_at')
      .limit(10);
    for (const candidate of candidates) {
      const count = await this.db('operations')
        .where({ id: candidate.id, attempt: candidate.attempt })
        .andWhere(claimable)
        .update({
          status: 'running',
          lease_owner: leaseOwner,
          lease_expires_at: now + leaseMs,
          heartbeat_at: now,
          attempt: candidate.attempt + 1,
          started_at: this.db.raw('COALESCE(started_at, ?)', [now]),
        });
      if (count !== 1) continue; // another worker won this one
      const row: OperationRow = await this.db('operations')
        .leftJoin(
          'environments',
          'environments.id',
          'operations.environment_id',
        )
        .select(OPERATION_COLUMNS)
        .where('operations.id', candidate.id)
        .first();
      const last: Pick<OperationEventRow, 'id' | 'time'> | undefined =
        await this.db('operation_events')
          .where({ operation_id: candidate.id })
          .orderBy('id', 'desc')
          .select('id', 'time')
          .first();
      return {
        operation: rowToOperation(row),
        spec: row.spec ? JSON.parse(row.spec) : undefined,
        leaseOwner,
        attempt: candidate.attempt + 1,
        deployStarted: Boolean(row.deploy_started),
        deployStartedAt:
          row.deploy_started_at === null || row.deploy_started_at === undefined
            ? undefined
            : Number(row.deploy_started_at),
        lastEventId: Number(last?.id ?? 0),
        lastEventAt: last ? Date.parse(last.time) : undefined,
      };
    }
    return undefined;
  }

  async heartbeat(claim: ClaimedOperation, leaseMs: number): Promise<boolean> {
    const now = Date.now();
    const count = await this.leased(claim).update({
      lease_expires_at: now + leaseMs,
      heartbeat_at: now,
    });
    return count === 1;
  }

  async markDeployStarted(claim: ClaimedOperation): Promise<boolean> {
    // the first call's time is kept: a later attempt's re-attach is not a new deploy
    const updated = await this.leased(claim).update({
      deploy_started: true,
      deploy_started_at: this.db.raw('coalesce(deploy_started_at, ?)', [
        Date.now(),
      ]),
    });
    return updated === 1;
  }

  async releaseLease(claim: ClaimedOperation): Promise<void> {
    await this.leased(claim).update({ lease_expires_at: 0 });
  }

  async setProgress(
    claim: ClaimedOperation,
    progress: { resourcesPlanned?: number; resourcesDone?: number },
  ): Promise<void> {
    const columns: Record<string, number> = {};
    if (progress.resourcesPlanned !== undefined) {
      columns.resources_planned = progress.resourcesPlanned;
    }
    if (progress.resourcesDone !== undefined) {
      columns.resources_done = progress.resourcesDone;
    }
    if (Object.keys(columns).length) await this.leased(claim).update(columns);
  }

  async completeOperation(
    claim: ClaimedOperation,
    result: Parameters<EnvironmentStore['completeOperation']>[1],
  ): Promise<boolean> {
    return retryOnVersionRace(() =>
      this.db.transaction(async trx => {
        const now = Date.now();
        const count = await trx('operations')
          .where({
            id: claim.operation.id,
            lease_owner: claim.leaseOwner,
            attempt: claim.attempt,
            status: 'running',
          })
          .update({
            status: result.status,
            error: result.error ?? null,
            finished_at: now,
            lease_owner: null,
            lease_expires_at: null,
          });
        if (count !== 1) return false;
        const environmentId = claim.operation.environmentId;
        if (environmentId && result.environment) {
          await updateStatusOnce(
            trx,
            environmentId,
            result.environment.to,
            { ...result.environment.patch, currentOperationId: null },
            now,
          );
        }
        if (environmentId && result.templates) {
          for (const [stack, template] of Object.entries(result.templates)) {
            await trx('deployed_templates')
              .insert({
                environment_id: environmentId,
                stack,
                template: JSON.stringify(template),
                deployed_at: now,
              })
              .onConflict(['environment_id', 'stack'])
              .merge();
          }
        }
        return true;
      }),
    );
  }

  async appendEvents(
    claim: ClaimedOperation,
    events: NewOperationEvent[],
  ): Promise<number> {
    let id = claim.lastEventId;
    const rows: OperationEventRow[] = events.map(event => ({
      operation_id: claim.operation.id,
      id: ++id,
      time: event.time,
      stack: event.stack,
      logical_id: event.logicalId,
      resource_type: event.resourceType,
      status: event.status,
      reason: event.reason ?? null,
    }));
    for (let i = 0; i < rows.length; i += EVENT_INSERT_CHUNK) {
      await this.db('operation_events').insert(
        rows.slice(i, i + EVENT_INSERT_CHUNK),
      );
    }
    claim.lastEventId = id;
    return id;
  }

  async listEvents(
    operationId: string,
    options: { since: number; limit: number },
  ): Promise<OperationEvent[]> {
    const query = this.db('operation_events')
      .where('operation_id', operationId)
      .andWhere('id', '>', options.since)
      .orderBy('id')
      .limit(options.limit);
    if (this.db.client.config.client === 'pg') {
      // Rows as arrays: node-postgres builds each object row with keyed
      // stores, which in a whole portal (hundreds of query shapes) run
      // megamorphic; the production build's CPU profile of a 500-event page
      // spent 4x the harness's time there. An array row is one push.
      const rows: unknown[][] = await query
        .select(EVENT_VALUE_COLUMNS)
        .options({ rowMode: 'array' });
      return rows.map(values => eventFromValues(operationId, values));
    }
    const rows: OperationEventRow[] = await query.select([
      'operation_id',
      ...EVENT_VALUE_COLUMNS,
    ]);
    return rows.map(rowToEvent);
  }
}
