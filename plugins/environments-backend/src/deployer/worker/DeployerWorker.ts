import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { DeployerEvent } from '../Deployer';
import { DEPLOYER_WORKER_FILE } from './deployerWorkerMain';
import {
  DeployerWorkerError,
  serializeError,
  type ChildMessage,
  type WorkerCredentials,
  type WorkerOp,
} from './protocol';

export interface DeployerWorkerOptions {
  logger: LoggerService;
  /** The process exits this long after its last operation, giving its memory back (default 60 s). */
  idleTimeoutMs?: number;
  /** Scheduling priority (nice) of the worker process, 0–19 (default 10: below the backend). */
  niceness?: number;
  /** Temporary credentials for an account, asked for by toolkit operations in the worker. */
  credentials?(accountId: string, region: string): Promise<WorkerCredentials>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onEvent?: (event: DeployerEvent) => void | Promise<void>;
  /** Events are handed over one at a time and in order; the result waits for them. */
  delivered: Promise<void>;
}

/** `--require` of Backstage's TypeScript transform when the worker runs from sources. */
function execArgvFor(file: string): string[] {
  const argv = ['--enable-source-maps'];
  if (/\.[cm]?ts$/.test(file)) {
    argv.push(
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    );
  }
  return argv;
}

/**
 * Runs synthesis and toolkit calls in a child process, off the backend's event loop. The
 * process starts on first use, serves operations while they come, and exits when idle so
 * that the ~450 MB of a synth go back to the system.
 */
export class DeployerWorker {
  private child?: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer?: NodeJS.Timeout;
  private readonly idleTimeoutMs: number;

  constructor(private readonly options: DeployerWorkerOptions) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  }

  /** Process id of the running worker, if any. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  call<T>(
    op: WorkerOp,
    args: unknown,
    onEvent?: (event: DeployerEvent) => void | Promise<void>,
  ): Promise<T> {
    const child = this.start();
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        onEvent,
        delivered: Promise.resolve(),
      });
      child.send({ type: 'request', id, op, args });
    });
  }

  /** Stops the worker now (pending operations fail). */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const child = this.child;
    if (!child) return;
    const exited = new Promise(resolve => child.once('exit', resolve));
    child.kill();
    await exited;
  }

  private start(): ChildProcess {
    if (this.child) return this.child;
    const child = fork(DEPLOYER_WORKER_FILE, [], {
      execArgv: execArgvFor(DEPLOYER_WORKER_FILE),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.child = child;
    // Synthesis is background work: on a busy machine the backend's requests get the CPU first.
    try {
      setPriority(child.pid!, this.options.niceness ?? 10);
    } catch {
      // not permitted here; runs at normal priority
    }
    this.options.logger.info(`Started deployer worker process ${child.pid}`);
    child.on('message', (message: ChildMessage) => this.onMessage(message));
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      clearTimeout(this.idleTimer);
      const failed = [...this.pending.values()];
      this.pending.clear();
      for (const p of failed) {
        p.reject(
          new Error(
            `The deployer worker process exited (code ${code}, signal ${signal}) during the operation`,
          ),
        );
      }
    });
    return child;
  }

  private onMessage(message: ChildMessage) {
    if (message.type === 'credentials') {
      this.answerCredentials(
        message.requestId,
        message.accountId,
        message.region,
      );
      return;
    }
    if (message.type !== 'event' && message.type !== 'result') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'event') {
      const { onEvent } = pending;
      pending.delivered = pending.delivered.then(() =>
        onEvent?.(message.event),
      );
      return;
    }
    this.pending.delete(message.id);
    pending.delivered.then(
      () =>
        message.error
          ? pending.reject(new DeployerWorkerError(message.error))
          : pending.resolve(message.result),
      pending.reject,
    );
    if (this.pending.size === 0) {
      this.idleTimer = setTimeout(() => {
        if (this.pending.size === 0) this.child?.kill();
      }, this.idleTimeoutMs);
      this.idleTimer.unref();
    }
  }

  private answerCredentials(
    requestId: number,
    accountId: string,
    region: string,
  ) {
    const provider = this.options.credentials;
    const reply = (payload: object) =>
      this.child?.send({ type: 'credentials', requestId, ...payload });
    if (!provider) {
      reply({
        error: serializeError(new Error('No AWS credentials configured')),
      });
      return;
    }
    provider(accountId, region).then(
      credentials => reply({ credentials }),
      error => reply({ error: serializeError(error) }),
    );
  }
}
