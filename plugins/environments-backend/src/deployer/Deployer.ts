import type { ResolveSpecRequest } from './plan/resolveSpec';
import type { PlanResult } from './planResult';

/** What a deploy, destroy or status call acts on: one environment in one account and region. */
export interface DeployTarget {
  environmentName: string;
  /** The full validated `EnvironmentSpec` of `@taskplatform/infra`, as JSON. */
  spec: Record<string, unknown>;
  account: string;
  region: string;
}

/** One CloudFormation resource event, as it arrives. */
export interface DeployerEvent {
  time: string;
  stack: string;
  logicalId: string;
  resourceType: string;
  /** CloudFormation ResourceStatus, e.g. CREATE_IN_PROGRESS, CREATE_COMPLETE, CREATE_FAILED. */
  status: string;
  reason?: string;
}

export interface DeployOptions {
  onEvent(event: DeployerEvent): void | Promise<void>;
  signal?: AbortSignal;
  /**
   * On a re-attach: the time (epoch ms) of the last event already recorded. The
   * deployer replays the stack events after it, so that the events a dead replica
   * had not written yet are not lost, and none is recorded twice.
   */
  resumeAfter?: number;
}

export interface DeployResult {
  outputs: Record<string, string>;
  /** The deployed template of each stack, by stack name (stored for the next plan's diff). */
  templates: Record<string, unknown>;
  resourceCount: number;
}

export interface StackState {
  stackName: string;
  /** CloudFormation StackStatus, or 'NOT_FOUND'. */
  status: string;
  outputs?: Record<string, string>;
  /** When CloudFormation last created or updated the stack (epoch ms). */
  lastUpdatedAt?: number;
}

/** Plans, deploys and destroys environments; the real one uses CDK toolkit-lib, the other simulates it. */
export interface Deployer {
  readonly simulated: boolean;
  /** synth + cdk-nag + summary + cost (+ diff against previous templates); no AWS call needed */
  plan(request: {
    spec: Record<string, unknown>;
    previousTemplates?: Record<string, unknown>;
  }): Promise<PlanResult>;
  /** deploys all stacks; must be safe to call on a re-attach: if stacks are already IN_PROGRESS it waits for them instead of starting a second deploy */
  deploy(target: DeployTarget, options: DeployOptions): Promise<DeployResult>;
  destroy(target: DeployTarget, options: DeployOptions): Promise<void>;
  bootstrap(
    target: { account: string; region: string },
    options: DeployOptions,
  ): Promise<void>;
  /** CloudFormation status of each stack of the environment (re-attach after a takeover) */
  status(target: DeployTarget): Promise<StackState[]>;
  /**
   * Emits the environment's stack events after `options.resumeAfter`, without
   * waiting for anything: a takeover that finds the operation already finished
   * records the events the dead replica had not written.
   */
  replayEvents(
    target: DeployTarget,
    kind: 'deploy' | 'destroy',
    options: DeployOptions & { resumeAfter: number },
  ): Promise<void>;
  /**
   * Validates a spec off the event loop (infra's schema loads aws-cdk-lib, ~1 s of CPU and
   * ~100 MB, so the backend should not load it): a preset with overrides, or a full spec.
   * Rejects with an error named `InvalidEnvironmentSpecError` carrying infra's `issues`.
   */
  resolveSpec?(request: ResolveSpecRequest): Promise<Record<string, unknown>>;
  /**
   * Starts the worker process and warms it (aws-cdk-lib loaded, a first synth)
   * ahead of a plan: the create form asks for it when it opens.
   */
  warm?(): Promise<void>;
  isBootstrapped(target: { account: string; region: string }): Promise<{
    bootstrapped: boolean | null;
    version?: number;
    message?: string;
  }>;
}

export type { PlanResult, ResolveSpecRequest };
