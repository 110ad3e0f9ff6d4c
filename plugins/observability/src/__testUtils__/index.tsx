import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  buildKubernetesFixture,
  kubernetesFixtureResponse,
  type KubernetesFixtureOptions,
} from '../../fixtures/kubernetesFixtureServer.mjs';
import { observabilityApiRef, type ObservabilityApi } from '../api';
import type { ClusterWorkloads, KubernetesTarget } from '../api/types';

/** An entity with all the observability annotations, for tests. */
export function makeEntity(
  annotations: Record<string, string> = {
    'backstage.io/kubernetes-id': 'task-platform-portal',
    'backstage.io/kubernetes-namespace': 'task-platform',
    'taskplatform.io/prometheus-selector': 'job="task-platform-portal"',
    'grafana/dashboard-selector': 'task-platform',
    'grafana/alert-label-selector': 'service=task-platform-portal',
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'task-platform-portal',
      namespace: 'default',
      annotations,
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

/** The recorded Kubernetes objects of a fixture cluster, read like the client does. */
export function fixtureWorkloads(
  clusterName: string,
  target: KubernetesTarget,
  options?: KubernetesFixtureOptions,
): ClusterWorkloads {
  const fixture = buildKubernetesFixture(options);
  const scope = target.namespace ? `/namespaces/${target.namespace}` : '';
  const list = (prefix: string, plural: string) =>
    kubernetesFixtureResponse(
      fixture,
      new URL(
        `http://fixture${prefix}${scope}/${plural}?labelSelector=${encodeURIComponent(
          target.labelSelector,
        )}`,
      ),
    ).body.items;
  return {
    clusterName,
    deployments: list('/apis/apps/v1', 'deployments'),
    pods: list('/api/v1', 'pods'),
    horizontalPodAutoscalers: list(
      '/apis/autoscaling/v2',
      'horizontalpodautoscalers',
    ),
  };
}

/** An ObservabilityApi whose every method is a jest mock with empty answers. */
export function mockObservabilityApi(
  overrides: Partial<jest.Mocked<ObservabilityApi>> = {},
): jest.Mocked<ObservabilityApi> {
  return {
    getKubernetesClusters: jest.fn().mockResolvedValue([]),
    getClusterWorkloads: jest.fn(),
    getWorkloadsByEntity: jest.fn().mockResolvedValue({}),
    queryPrometheusRange: jest.fn().mockResolvedValue([]),
    getPrometheusAlerts: jest.fn().mockResolvedValue([]),
    getGrafanaDashboards: jest.fn().mockResolvedValue([]),
    getGrafanaAlertRules: jest.fn().mockResolvedValue([]),
    getGrafanaDomain: jest.fn().mockReturnValue('grafana.example.com'),
    getAppBaseUrl: jest.fn().mockReturnValue('http://localhost:3000'),
    ...overrides,
  };
}

export async function renderWithObservabilityApi(
  element: JSX.Element,
  options: { api: ObservabilityApi; entity?: Entity },
) {
  return renderInTestApp(
    <EntityProvider entity={options.entity ?? makeEntity()}>
      {element}
    </EntityProvider>,
    { apis: [[observabilityApiRef, options.api]] },
  );
}
