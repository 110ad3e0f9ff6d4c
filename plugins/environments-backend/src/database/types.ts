import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  Environment,
  EnvironmentListResponse,
  EnvironmentPreset,
  EnvironmentStatus,
  Operation,
  OperationEvent,
  OperationKind,
  PlanResult,
} from '@taskplatform/plugin-environments-common';

/** A permission condition on environments, applied in SQL. */
export type EnvironmentFilter = { key: 'owner'; values: string[] };

/** Undefined: no restriction. */
export type EnvironmentPermissionFilter =
  | PermissionCriteria<EnvironmentFilter>
  | undefined;

export interface NewEnvironment {
  name: string;
  title: string;
  owner: string;
  account: string;
  region: string;
  preset: EnvironmentPreset;
  spec: Record<string, unknown>;
  simulated: boolean;
  estimatedMonthlyCostUsd?: number;
}

export interface OperationRequest {
  requestedBy: string;
  idempotencyKey?: string;
}

export interface EnvironmentWithOperation {
  environment: Environment;
  operation: Operation;
  /** False when an earlier request with the same idempotency key is returned. */
  created: boolean;
}

/** Fields the worker changes together with a status. */
export interface EnvironmentPatch {
  outputs?: Record<string, string>;
  failureReason?: string | null;
  everReady?: boolean;
  spec?: Record<string, unknown>;
  estimatedMonthlyCostUsd?: number | null;
  /** Null clears the current operation. */
  currentOperationId?: string | null;
}

/** An operation claimed by one worker under a lease. */
export interface ClaimedOperation {
  operation: Operation;
  /** The spec to deploy (deploy operations). */
  spec?: Record<string, unknown>;
  leaseOwner: string;
  /** The claim number: a lease is (owner, attempt). */
  attempt: number;
  /** True when an earlier attempt already called the deployer. */
  deployStarted: boolean;
  /** When an earlier attempt first called the deployer (epoch ms). */
  deployStartedAt?: number;
  /** The last event id written so far (events continue after it). */
  lastEventId: number;
  /** The time of that event (epoch ms): a re-attach replays what came after it. */
  lastEventAt?: number;
}

export type NewOperationEvent = Omit<OperationEvent, 'id' | 'operationId'>;

export interface ListEnvironmentsOptions {
  owner?: string;
  status?: EnvironmentStatus;
  limit?: number;
  cursor?: string;
}

/** The environments plugin's database. */
export interface EnvironmentStore {
  /** The live environment of that name, else the newest destroyed one. */
  getEnvironment(
    name: string,
    filter?: EnvironmentPermissionFilter,
  ): Promise<Environment | undefined>;
  getEnvironmentById(
    id: string,
    filter?: EnvironmentPermissionFilter,
  ): Promise<Environment | undefined>;
  getEnvironmentsByIds(ids: string[]): Promise<Environment[]>;
  listEnvironments(options: {
    query: ListEnvironmentsOptions;
    filter?: EnvironmentPermissionFilter;
  }): Promise<EnvironmentListResponse>;
  /** Every environment that is not destroyed (for the catalog). */
  listLiveEnvironments(): Promise<Environment[]>;

  /** Inserts a `planned` environment with a queued deploy; 409 when the name is taken. */
  createEnvironment(
    environment: NewEnvironment,
    request: OperationRequest,
  ): Promise<EnvironmentWithOperation>;
  /**
   * Moves the environment to `to` and queues an operation of `kind`;
   * 409 for an illegal transition or while another operation is active.
   */
  startOperation(options: {
    environmentId: string;
    kind: 'deploy' | 'destroy';
    to: EnvironmentStatus;
    request: OperationRequest;
    spec?: Record<string, unknown>;
  }): Promise<EnvironmentWithOperation>;
  /** Changes the status under optimistic versioning; 409 when illegal. */
  transition(
    id: string,
    to: EnvironmentStatus,
    patch?: EnvironmentPatch,
  ): Promise<Environment>;

  /** The bootstrap of that account and region that is active or succeeded, else a new one. */
  startBootstrap(options: {
    account: string;
    region: string;
    request: OperationRequest;
  }): Promise<{ operation: Operation; created: boolean }>;
  /** With a filter: only when its environment (if any) passes it. */
  getOperation(
    id: string,
    filter?: EnvironmentPermissionFilter,
  ): Promise<Operation | undefined>;
  listOperations(environmentId: string): Promise<Operation[]>;
  /** The kind of the last failed operation of an environment. */
  lastFailedOperationKind(
    environmentId: string,
  ): Promise<OperationKind | undefined>;

  /** Claims one queued or lease-expired operation with a conditional update. */
  claimOperation(
    leaseOwner: string,
    leaseMs: number,
  ): Promise<ClaimedOperation | undefined>;
  /** Extends the lease; false when it was lost. */
  heartbeat(claim: ClaimedOperation, leaseMs: number): Promise<boolean>;
  markDeployStarted(claim: ClaimedOperation): Promise<boolean>;
  /** Ends the lease at once (graceful shutdown): any replica may take over now. */
  releaseLease(claim: ClaimedOperation): Promise<void>;
  setProgress(
    claim: ClaimedOperation,
    progress: { resourcesPlanned?: number; resourcesDone?: number },
  ): Promise<void>;
  /**
   * Finishes the operation and moves its environment (if any) in one
   * transaction; false when the lease was lost (nothing is written).
   */
  completeOperation(
    claim: ClaimedOperation,
    result: {
      status: 'succeeded' | 'failed';
      error?: string;
      environment?: { to: EnvironmentStatus; patch?: EnvironmentPatch };
      templates?: Record<string, unknown>;
    },
  ): Promise<boolean>;

  /** Appends events after `claim.lastEventId`; returns the last id written. */
  appendEvents(
    claim: ClaimedOperation,
    events: NewOperationEvent[],
  ): Promise<number>;
  listEvents(
    operationId: string,
    options: { since: number; limit: number },
  ): Promise<OperationEvent[]>;

  getTemplates(environmentId: string): Promise<Record<string, unknown>>;
  savePlan(environmentName: string, plan: PlanResult): Promise<void>;
  getPlan(environmentName: string): Promise<PlanResult | undefined>;
}
