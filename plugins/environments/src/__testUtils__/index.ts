import { act } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type {
  Environment,
  Operation,
  OperationEvent,
  PlanResult,
} from '@taskplatform/plugin-environments-common';
import { environmentsApiRef, type EnvironmentsApi } from '../api';
import { rootRouteRef } from '../routes';

/** An environment with sensible defaults, for tests. */
export function makeEnvironment(
  overrides: Partial<Environment> = {},
): Environment {
  return {
    id: '0b6c3f2e-0000-4000-8000-000000000001',
    name: 'staging',
    title: 'Staging',
    owner: 'group:default/platform',
    account: '123456789012',
    region: 'eu-west-1',
    preset: 'dev',
    spec: {},
    status: 'ready',
    simulated: true,
    outputs: {},
    estimatedMonthlyCostUsd: 412.5,
    version: 1,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:05:00.000Z',
    ...overrides,
  };
}

/** An operation with sensible defaults, for tests. */
export function makeOperation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: 'op-1',
    environmentId: '0b6c3f2e-0000-4000-8000-000000000001',
    environmentName: 'staging',
    kind: 'deploy',
    status: 'running',
    requestedBy: 'user:default/jane',
    createdAt: '2026-12-01T10:00:00.000Z',
    startedAt: '2026-12-01T10:00:01.000Z',
    resourcesPlanned: 4,
    resourcesDone: 0,
    ...overrides,
  };
}

let nextEventId = 1;

/** An event; ids increase across calls unless given. */
export function makeEvent(
  overrides: Partial<OperationEvent> & { logicalId: string },
): OperationEvent {
  return {
    id: nextEventId++,
    operationId: 'op-1',
    time: '2026-12-01T10:00:02.000Z',
    stack: 'staging-network',
    resourceType: 'AWS::EC2::VPC',
    status: 'CREATE_IN_PROGRESS',
    ...overrides,
  };
}

/** A plan result with a cost and a diff, for tests. */
export function makePlan(overrides: Partial<PlanResult> = {}): PlanResult {
  return {
    spec: {},
    summary: {
      totalResources: 42,
      resourcesByType: { 'AWS::EC2::VPC': 1 },
      nodeGroups: [
        {
          name: 'general',
          instanceType: 't3.large',
          min: 1,
          max: 3,
          desired: 2,
          capacityType: 'ON_DEMAND',
        },
      ],
      database: {
        instanceClass: 'db.t4g.medium',
        allocatedStorageGb: 20,
        maxAllocatedStorageGb: 100,
        multiAz: false,
        engineVersion: '16.4',
      },
      natGateways: 1,
      stacks: ['staging-network', 'staging-cluster', 'staging-database'],
    },
    cost: {
      monthlyUsd: 412.5,
      currency: 'USD',
      region: 'eu-west-1',
      source: 'AWS price list',
      priceDate: '2026-11-01',
      lines: [
        {
          item: 'EKS control plane',
          quantity: 730,
          unit: 'hours',
          unitUsd: 0.1,
          monthlyUsd: 73,
        },
      ],
    },
    nag: { errors: [], warningCount: 2 },
    diff: {
      stacks: [
        {
          stack: 'staging-database',
          added: [],
          removed: [],
          changed: [
            {
              logicalId: 'Database',
              resourceType: 'AWS::RDS::DBInstance',
              replacement: true,
            },
          ],
        },
      ],
    },
    bootstrap: { bootstrapped: true, version: 21 },
    simulated: true,
    ...overrides,
  };
}

/** An EnvironmentsApi whose every method is a jest mock (override as needed). */
export function mockEnvironmentsApi(
  overrides: Partial<jest.Mocked<EnvironmentsApi>> = {},
): jest.Mocked<EnvironmentsApi> {
  return {
    listEnvironments: jest.fn().mockResolvedValue({ items: [] }),
    getEnvironment: jest.fn().mockResolvedValue(makeEnvironment()),
    listOperations: jest.fn().mockResolvedValue([]),
    getOperationEvents: jest.fn().mockResolvedValue({
      items: [],
      nextSince: 0,
      operation: makeOperation(),
    }),
    getLastPlan: jest.fn().mockResolvedValue(undefined),
    listTargets: jest.fn().mockResolvedValue([]),
    warmDeployer: jest.fn().mockResolvedValue(undefined),
    retry: jest.fn(),
    destroy: jest.fn(),
    ...overrides,
  };
}

/**
 * Props of a scaffolder field (`FieldExtensionComponentProps<string>`) as
 * the scaffolder's form passes them, for rendering a field alone.
 */
export function makeFieldProps(
  overrides: Partial<FieldExtensionComponentProps<string>> = {},
): FieldExtensionComponentProps<string> {
  const name = overrides.name ?? 'field';
  return {
    name,
    schema: { type: 'string' },
    uiSchema: {},
    idSchema: {
      $id: `root_${name}`,
    } as FieldExtensionComponentProps<string>['idSchema'],
    formData: undefined,
    formContext: { formData: {} },
    onChange: jest.fn(),
    onBlur: jest.fn(),
    onFocus: jest.fn(),
    disabled: false,
    readonly: false,
    required: true,
    rawErrors: [],
    registry: {} as FieldExtensionComponentProps<string>['registry'],
    ...overrides,
  };
}

type ExtraApis = NonNullable<Parameters<typeof renderInTestApp>[1]>['apis'];

/**
 * Renders a component of this plugin in a test app: the Environments and
 * catalog routes mounted, with the given EnvironmentsApi and a permission
 * policy that allows (default) or denies everything.
 */
export async function renderWithEnvironmentsApi(
  element: JSX.Element,
  options: {
    environmentsApi: EnvironmentsApi;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    apis?: ExtraApis;
  },
) {
  return renderInTestApp(element, {
    mountedRoutes: {
      '/environments': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    apis: [
      [environmentsApiRef, options.environmentsApi],
      mockApis.identity({ userEntityRef: 'user:default/jane' }),
      mockApis.permission({
        authorize: options.permission ?? AuthorizeResult.ALLOW,
      }),
      ...(options.apis ?? []),
    ],
  });
}

/** A SignalApi whose messages a test publishes itself (inside act). */
export function fakeSignalApi() {
  const listeners = new Map<string, (message: any) => void>();
  return {
    subscribe: (channel: string, onMessage: (message: any) => void) => {
      listeners.set(channel, onMessage);
      return { unsubscribe: () => listeners.delete(channel) };
    },
    publish: (channel: string, message: any) =>
      act(() => listeners.get(channel)?.(message)),
  };
}
