/** Every state an environment can be in. @public */
export const ENVIRONMENT_STATUSES = [
  'planned',
  'provisioning',
  'ready',
  'updating',
  'failed',
  'destroying',
  'destroyed',
] as const;

/** @public */
export type EnvironmentStatus = (typeof ENVIRONMENT_STATUSES)[number];

/** @public */
export const ENVIRONMENT_PRESETS = ['dev', 'prod'] as const;

/** @public */
export type EnvironmentPreset = (typeof ENVIRONMENT_PRESETS)[number];

/** @public */
export const OPERATION_KINDS = ['bootstrap', 'deploy', 'destroy'] as const;

/** @public */
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** @public */
export const OPERATION_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
] as const;

/** @public */
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** An AWS environment owned by the portal. @public */
export interface Environment {
  id: string;
  name: string;
  title: string;
  /** Group entity ref of the owner. */
  owner: string;
  account: string;
  region: string;
  preset: EnvironmentPreset;
  /** The full validated `EnvironmentSpec` of `@taskplatform/infra`, as JSON. */
  spec: Record<string, unknown>;
  status: EnvironmentStatus;
  /** Made by the simulated deployer: no real AWS resources exist. */
  simulated: boolean;
  /** Stack outputs of the last successful deploy. */
  outputs: Record<string, string>;
  failureReason?: string;
  estimatedMonthlyCostUsd?: number;
  /** The queued or running operation, if any. */
  currentOperationId?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A queued, running or finished deploy, destroy or bootstrap. @public */
export interface Operation {
  id: string;
  /** Empty for a bootstrap, which belongs to an account and region. */
  environmentId: string;
  /** Empty for a bootstrap. */
  environmentName: string;
  kind: OperationKind;
  status: OperationStatus;
  requestedBy: string;
  idempotencyKey?: string;
  /** Account and region the operation acts on. */
  account?: string;
  region?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
  resourcesPlanned?: number;
  resourcesDone?: number;
}

/** One CloudFormation resource event of an operation. @public */
export interface OperationEvent {
  /** Monotonic per operation: the `since` cursor. */
  id: number;
  operationId: string;
  time: string;
  stack: string;
  logicalId: string;
  resourceType: string;
  /** CloudFormation ResourceStatus, e.g. CREATE_IN_PROGRESS, CREATE_COMPLETE, CREATE_FAILED. */
  status: string;
  reason?: string;
}

/** What a plan reports: synth summary, cost, cdk-nag findings, diff and bootstrap state. @public */
export interface PlanResult {
  spec: Record<string, unknown>;
  summary: {
    totalResources: number;
    resourcesByType: Record<string, number>;
    nodeGroups: {
      name: string;
      instanceType: string;
      min: number;
      max: number;
      desired: number;
      capacityType: string;
    }[];
    database: {
      instanceClass: string;
      allocatedStorageGb: number;
      maxAllocatedStorageGb: number;
      multiAz: boolean;
      engineVersion: string;
    };
    natGateways: number;
    stacks: string[];
  };
  cost: {
    monthlyUsd: number;
    currency: 'USD';
    region: string;
    source: string;
    priceDate: string;
    lines: {
      item: string;
      quantity: number;
      unit: string;
      unitUsd: number;
      monthlyUsd: number;
    }[];
  };
  nag: {
    errors: {
      ruleName: string;
      description: string;
      constructPaths: string[];
    }[];
    warningCount: number;
  };
  diff?: {
    stacks: {
      stack: string;
      added: string[];
      removed: string[];
      changed: {
        logicalId: string;
        resourceType: string;
        replacement: boolean;
      }[];
    }[];
  };
  bootstrap: {
    bootstrapped: boolean | null;
    version?: number;
    message?: string;
  };
  simulated: boolean;
}

/** `GET /environments` response. @public */
export interface EnvironmentListResponse {
  items: Environment[];
  nextCursor?: string;
}

/**
 * An AWS account of `environments.accounts` with the regions environments may
 * be created in; its role and external id are never sent. @public
 */
export interface EnvironmentTarget {
  accountId: string;
  /** Display name of the account. */
  title?: string;
  regions: string[];
}

/** `GET /targets` response. @public */
export interface EnvironmentTargetListResponse {
  items: EnvironmentTarget[];
}

/** Response of create, update, retry and destroy. @public */
export interface EnvironmentOperationResponse {
  environment: Environment;
  operation: Operation;
}

/** `GET /operations/:id/events` response. @public */
export interface OperationEventsResponse {
  items: OperationEvent[];
  /** The last id returned, or `since` when nothing new: pass it as the next `since`. */
  nextSince: number;
  operation: Operation;
}
