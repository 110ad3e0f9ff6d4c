import type { DeployerEvent } from '../Deployer';

/** Operations the deployer worker process runs. */
export type WorkerOp =
  | 'warm'
  | 'plan'
  | 'resolveSpec'
  | 'synth'
  | 'toolkitDeploy'
  | 'toolkitDestroy'
  | 'toolkitBootstrap';

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** `InvalidEnvironmentSpecError.issues` and the like. */
  issues?: unknown;
}

/** Temporary AWS credentials handed to the worker (never long-lived keys from config). */
export interface WorkerCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: string;
}

export type ParentMessage =
  | { type: 'request'; id: number; op: WorkerOp; args: unknown }
  | {
      type: 'credentials';
      requestId: number;
      credentials?: WorkerCredentials;
      error?: SerializedError;
    };

export type ChildMessage =
  | { type: 'result'; id: number; result?: unknown; error?: SerializedError }
  | { type: 'event'; id: number; event: DeployerEvent }
  | {
      type: 'credentials';
      requestId: number;
      accountId: string;
      region: string;
    };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    return {
      name: error.name,
      message: error.message,
      stack: error.stack,
      issues: (error as { issues?: unknown }).issues,
    };
  }
  return { name: 'Error', message: String(error) };
}

/** An error raised in the worker, rebuilt in the backend with its name and issues. */
export class DeployerWorkerError extends Error {
  readonly issues?: unknown;

  constructor(serialized: SerializedError) {
    super(serialized.message);
    this.name = serialized.name;
    this.issues = serialized.issues;
    if (serialized.stack) this.stack = serialized.stack;
  }
}
