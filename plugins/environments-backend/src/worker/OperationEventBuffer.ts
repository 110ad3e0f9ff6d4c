import { LoggerService } from '@backstage/backend-plugin-api';
import { DeployerEvent } from '../deployer/Deployer';
import { ClaimedOperation, EnvironmentStore } from '../database/types';

const MAX_BATCH = 100;

/**
 * Collects a deployer's events and writes them in batches (every
 * `flushMs`, or at once when a batch is full), one write at a time and in
 * order. `onFlushed` hears the last id of each written batch.
 */
export class OperationEventBuffer {
  private pending: DeployerEvent[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private completedResources = 0;
  private failure?: unknown;

  constructor(
    private readonly options: {
      store: EnvironmentStore;
      claim: ClaimedOperation;
      flushMs: number;
      logger: LoggerService;
      onFlushed(lastEventId: number): void;
    },
  ) {}

  push(event: DeployerEvent) {
    this.pending.push(event);
    if (
      event.status.endsWith('_COMPLETE') &&
      event.resourceType !== 'AWS::CloudFormation::Stack'
    ) {
      this.completedResources++;
    }
    if (this.pending.length >= MAX_BATCH) {
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.options.flushMs);
    }
  }

  /** Writes what is pending; resolves when every write so far is done. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length) {
      const { store, claim } = this.options;
      const done = this.completedResources;
      this.writing = this.writing.then(async () => {
        if (this.failure) return;
        try {
          const lastId = await store.appendEvents(claim, batch);
          await store.setProgress(claim, { resourcesDone: done });
          this.options.onFlushed(lastId);
        } catch (error) {
          this.failure = error;
          this.options.logger.error(
            `Could not write events of operation ${claim.operation.id}: ${error}`,
          );
        }
      });
    }
    return this.writing;
  }

  /** Drops what is pending (the lease is gone: another worker owns the events). */
  discard() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
