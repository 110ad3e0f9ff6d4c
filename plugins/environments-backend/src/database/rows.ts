import {
  Environment,
  EnvironmentPreset,
  EnvironmentStatus,
  Operation,
  OperationEvent,
  OperationKind,
  OperationStatus,
} from '@taskplatform/plugin-environments-common';
import { EnvironmentPatch } from './types';

export type EnvironmentRow = {
  id: string;
  name: string;
  title: string;
  owner: string;
  account: string;
  region: string;
  preset: EnvironmentPreset;
  spec: string;
  status: EnvironmentStatus;
  simulated: boolean | number;
  outputs: string;
  failure_reason: string | null;
  estimated_monthly_cost_usd: number | string | null;
  current_operation_id: string | null;
  ever_ready: boolean | number;
  version: number;
  created_at: string | number;
  updated_at: string | number;
};

export type OperationRow = {
  id: string;
  environment_id: string | null;
  environment_name?: string | null;
  kind: OperationKind;
  status: OperationStatus;
  requested_by: string;
  idempotency_key: string | null;
  account: string;
  region: string;
  spec: string | null;
  created_at: string | number;
  started_at: string | number | null;
  finished_at: string | number | null;
  error: string | null;
  lease_owner: string | null;
  lease_expires_at: string | number | null;
  heartbeat_at: string | number | null;
  attempt: number;
  deploy_started: boolean | number;
  deploy_started_at?: string | number | null;
  resources_planned: number | null;
  resources_done: number | null;
};

export type OperationEventRow = {
  operation_id: string;
  id: string | number;
  time: string;
  stack: string;
  logical_id: string;
  resource_type: string;
  status: string;
  reason: string | null;
};

/** Columns of an operation joined with its environment's name. */
export const OPERATION_COLUMNS = [
  'operations.*',
  'environments.name as environment_name',
];

const given = <T>(value: T | null | undefined): value is T =>
  value !== null && value !== undefined;

const iso = (ms: string | number) => new Date(Number(ms)).toISOString();

export function rowToEnvironment(row: EnvironmentRow): Environment {
  const env: Environment = {
    id: row.id,
    name: row.name,
    title: row.title,
    owner: row.owner,
    account: row.account,
    region: row.region,
    preset: row.preset,
    spec: JSON.parse(row.spec),
    status: row.status,
    simulated: Boolean(row.simulated),
    outputs: JSON.parse(row.outputs),
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
  if (given(row.failure_reason)) env.failureReason = row.failure_reason;
  if (given(row.estimated_monthly_cost_usd)) {
    env.estimatedMonthlyCostUsd = Number(row.estimated_monthly_cost_usd);
  }
  if (given(row.current_operation_id)) {
    env.currentOperationId = row.current_operation_id;
  }
  return env;
}

export function rowToOperation(row: OperationRow): Operation {
  const op: Operation = {
    id: row.id,
    environmentId: row.environment_id ?? '',
    environmentName: row.environment_name ?? '',
    kind: row.kind,
    status: row.status,
    requestedBy: row.requested_by,
    account: row.account,
    region: row.region,
    createdAt: iso(row.created_at),
  };
  if (given(row.idempotency_key)) op.idempotencyKey = row.idempotency_key;
  if (given(row.started_at)) op.startedAt = iso(row.started_at);
  if (given(row.finished_at)) op.finishedAt = iso(row.finished_at);
  if (given(row.error)) op.error = row.error;
  if (given(row.resources_planned)) {
    op.resourcesPlanned = row.resources_planned;
  }
  if (given(row.resources_done)) op.resourcesDone = row.resources_done;
  return op;
}

/** The columns `eventFromValues` reads, in its order. */
export const EVENT_VALUE_COLUMNS = [
  'id',
  'time',
  'stack',
  'logical_id',
  'resource_type',
  'status',
  'reason',
] as const;

/** An event from its `EVENT_VALUE_COLUMNS` values (a PostgreSQL array row). */
export function eventFromValues(
  operationId: string,
  values: unknown[],
): OperationEvent {
  const [id, time, stack, logicalId, resourceType, status, reason] = values as [
    string | number,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const event: OperationEvent = {
    id: Number(id),
    operationId,
    time,
    stack,
    logicalId,
    resourceType,
    status,
  };
  if (given(reason)) event.reason = reason;
  return event;
}

export function rowToEvent(row: OperationEventRow): OperationEvent {
  return eventFromValues(
    row.operation_id,
    EVENT_VALUE_COLUMNS.map(column => row[column]),
  );
}

/** Column values of an environment patch. */
export function patchToColumns(patch: EnvironmentPatch = {}) {
  const columns: Record<string, unknown> = {};
  if (patch.outputs !== undefined) {
    columns.outputs = JSON.stringify(patch.outputs);
  }
  if (patch.failureReason !== undefined) {
    columns.failure_reason = patch.failureReason;
  }
  if (patch.everReady !== undefined) columns.ever_ready = patch.everReady;
  if (patch.spec !== undefined) columns.spec = JSON.stringify(patch.spec);
  if (patch.estimatedMonthlyCostUsd !== undefined) {
    columns.estimated_monthly_cost_usd = patch.estimatedMonthlyCostUsd;
  }
  if (patch.currentOperationId !== undefined) {
    columns.current_operation_id = patch.currentOperationId;
  }
  return columns;
}

/** True for a unique-constraint violation on PostgreSQL or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}
