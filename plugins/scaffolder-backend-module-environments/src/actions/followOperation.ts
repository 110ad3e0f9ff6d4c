import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type {
  Operation,
  OperationEvent,
} from '@taskplatform/plugin-environments-common';
import type { EnvironmentsApiClient } from '../EnvironmentsApiClient';

/** How an operation was followed. */
export interface FollowResult {
  /** The operation as last seen. */
  operation: Operation;
  /** The wait ran out before the operation finished; it goes on in the environments backend. */
  timedOut: boolean;
  eventCount: number;
}

function formatEvent(event: OperationEvent): string {
  return [
    event.time,
    event.stack,
    event.logicalId,
    event.resourceType,
    event.status,
    event.reason ? `: ${event.reason}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Streams an operation's events into the task log, paging with the `since` cursor,
 * until the operation succeeds or fails, the wait runs out or the task is cancelled.
 * Stopping early only stops following: the environments backend keeps going.
 */
export async function followOperation(options: {
  client: EnvironmentsApiClient;
  credentials: BackstageCredentials;
  operationId: string;
  logger: LoggerService;
  timeoutMs: number;
  pollIntervalMs: number;
  signal?: AbortSignal;
}): Promise<FollowResult> {
  const { client, credentials, operationId, logger, signal } = options;
  const deadline = Date.now() + options.timeoutMs;
  let since = 0;
  let eventCount = 0;
  for (;;) {
    const page = await client.getOperationEvents(
      operationId,
      since,
      credentials,
    );
    for (const event of page.items) {
      const line = formatEvent(event);
      if (/FAILED/.test(event.status)) logger.warn(line);
      else logger.info(line);
    }
    eventCount += page.items.length;
    since = page.nextSince;
    const { operation } = page;
    const finished =
      operation.status === 'succeeded' || operation.status === 'failed';
    // A full page means more events are waiting: fetch them before stopping.
    if (page.items.length < 1000) {
      if (finished) return { operation, timedOut: false, eventCount };
      if (Date.now() >= deadline || signal?.aborted) {
        return { operation, timedOut: true, eventCount };
      }
      await sleep(
        Math.min(options.pollIntervalMs, Math.max(0, deadline - Date.now())),
        signal,
      );
    }
  }
}
