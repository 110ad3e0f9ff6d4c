import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Environment } from '@taskplatform/plugin-environments-common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ClaimedOperation, EnvironmentStore } from '../database/types';
import { Deployer, DeployTarget } from '../deployer/Deployer';
import { EnvironmentChanges } from '../service/EnvironmentChanges';
import { OperationEventBuffer } from './OperationEventBuffer';
import { runClaimedOperation } from './runClaimedOperation';

export interface OperationWorkerOptions {
  store: EnvironmentStore;
  deployer: Deployer;
  changes: EnvironmentChanges;
  logger: LoggerService;
  /** Lease length; a replica that stops heartbeating loses it after this. */
  leaseMs: number;
  /** Operations driven at once by this replica. Default 4. */
  maxConcurrent?: number;
  /** How long events gather before a batch is written. Default 250 ms. */
  eventFlushMs?: number;
  /** Lease owner name; default host name plus a random suffix. */
  workerId?: string;
}

/**
 * Drives queued operations: claims one with a conditional update, holds the
 * lease with heartbeats, runs the deployer and records its events and
 * result. Any replica can take over an operation whose lease expired; it
 * re-attaches to the stacks rather than starting a second deploy.
 */
export class OperationWorker {
  readonly workerId: string;
  private readonly running = new Map<string, AbortController>();
  private readonly settled = new Set<Promise<void>>();
  private polling?: Promise<void>;
  private stopped = false;
  private releaseOnStop = false;

  constructor(private readonly options: OperationWorkerOptions) {
    this.workerId =
      options.workerId ?? `${hostname()}-${randomUUID().slice(0, 8)}`;
  }

  /** Polls every second on this replica (scope local: every replica works). */
  async start(scheduler: SchedulerService) {
    await scheduler.scheduleTask({
      id: 'environments-operation-worker',
      scope: 'local',
      frequency: { seconds: 1 },
      timeout: { minutes: 1 },
      fn: () => this.poll(),
    });
  }

  /** Looks for work now (after an enqueue), without waiting for the next tick. */
  kick() {
    this.poll().catch(error =>
      this.options.logger.error(`Operation worker poll failed: ${error}`),
    );
  }

  /** Claims operations until the queue is empty or this replica is full. */
  poll(): Promise<void> {
    if (!this.polling) {
      this.polling = this.claimLoop().finally(() => {
        this.polling = undefined;
      });
    }
    return this.polling;
  }

  private async claimLoop() {
    const max = this.options.maxConcurrent ?? 4;
    while (!this.stopped && this.running.size < max) {
      const claim = await this.options.store.claimOperation(
        this.workerId,
        this.options.leaseMs,
      );
      if (!claim) return;
      this.launch(claim);
    }
  }

  private launch(claim: ClaimedOperation) {
    const id = claim.operation.id;
    const abort = new AbortController();
    this.running.set(id, abort);
    const run = this.drive(claim, abort)
      .catch(error =>
        this.options.logger.error(`Operation ${id} crashed: ${error}`),
      )
      .finally(() => {
        this.running.delete(id);
        this.settled.delete(run);
        if (!this.stopped) this.kick();
      });
    this.settled.add(run);
  }

  /** Resolves when every operation this worker drives has ended. */
  async idle() {
    while (this.settled.size || this.polling) {
      await Promise.all([...this.settled, this.polling]);
    }
  }

  /**
   * Stops at once, like a process that dies: heartbeats stop and nothing
   * more is written, so the lease expires and another replica takes over.
   * With `releaseLeases` (a graceful shutdown) the leases end now instead,
   * so another replica, or this one restarted, re-attaches without waiting.
   */
  async stop(options: { releaseLeases?: boolean } = {}) {
    this.stopped = true;
    this.releaseOnStop = options.releaseLeases ?? false;
    for (const abort of this.running.values()) abort.abort();
    await Promise.allSettled([...this.settled]);
  }

  private async drive(claim: ClaimedOperation, abort: AbortController) {
    const { store, deployer, changes, logger, leaseMs } = this.options;
    const heartbeat = setInterval(async () => {
      try {
        if (!(await store.heartbeat(claim, leaseMs))) {
          logger.warn(`Lost the lease of operation ${claim.operation.id}`);
          abort.abort();
        }
      } catch (error) {
        logger.warn(`Heartbeat of ${claim.operation.id} failed: ${error}`);
      }
    }, Math.max(50, Math.floor(leaseMs / 3)));
    let environment: Environment | undefined;
    const buffer = new OperationEventBuffer({
      store,
      claim,
      logger,
      flushMs: this.options.eventFlushMs ?? 250,
      onFlushed: lastEventId => {
        if (environment && !abort.signal.aborted) {
          changes.eventsWritten(environment, claim.operation.id, lastEventId);
        }
      },
    });
    try {
      if (claim.operation.environmentId) {
        [environment] = await store.getEnvironmentsByIds([
          claim.operation.environmentId,
        ]);
        if (environment?.status === 'planned') {
          environment = await store.transition(environment.id, 'provisioning');
          changes.statusChanged(environment, claim.operation.id);
        }
      }
      const target: DeployTarget = {
        environmentName: environment?.name ?? '',
        spec: claim.spec ?? environment?.spec ?? {},
        account: claim.operation.account ?? '',
        region: claim.operation.region ?? '',
      };
      await runClaimedOperation({
        store,
        deployer,
        claim,
        target,
        environment,
        buffer,
        signal: abort.signal,
        onFinished: finished =>
          changes.statusChanged(finished, claim.operation.id),
      });
    } finally {
      clearInterval(heartbeat);
      if (abort.signal.aborted) {
        buffer.discard();
        if (this.releaseOnStop) {
          await store
            .releaseLease(claim)
            .catch(error =>
              logger.warn(`Could not release ${claim.operation.id}: ${error}`),
            );
        }
      }
    }
  }
}
