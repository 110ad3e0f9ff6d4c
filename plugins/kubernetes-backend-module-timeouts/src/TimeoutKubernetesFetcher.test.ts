import { mockServices } from '@backstage/backend-test-utils';
import type {
  ClusterDetails,
  ObjectToFetch,
} from '@backstage/plugin-kubernetes-node';
import {
  startKubernetesApiFixture,
  type KubernetesApiFixture,
} from './__fixtures__/kubernetesApiFixture';
import { TimeoutKubernetesFetcher } from './TimeoutKubernetesFetcher';

// The first pod-metrics call loads @kubernetes/client-node (large) into jest.
jest.setTimeout(60_000);

const OBJECTS: ObjectToFetch[] = [
  { objectType: 'pods', group: '', apiVersion: 'v1', plural: 'pods' },
  { objectType: 'services', group: '', apiVersion: 'v1', plural: 'services' },
  {
    objectType: 'deployments',
    group: 'apps',
    apiVersion: 'v1',
    plural: 'deployments',
  },
  {
    objectType: 'replicasets',
    group: 'apps',
    apiVersion: 'v1',
    plural: 'replicasets',
  },
  {
    objectType: 'horizontalpodautoscalers',
    group: 'autoscaling',
    apiVersion: 'v2',
    plural: 'horizontalpodautoscalers',
  },
  { objectType: 'secrets', group: '', apiVersion: 'v1', plural: 'secrets' },
];

const cluster = (name: string, url: string): ClusterDetails => ({
  name,
  url,
  authMetadata: { 'kubernetes.io/auth-provider': 'serviceAccount' },
});
const credential = { type: 'bearer token' as const, token: 'sa-token' };

describe('TimeoutKubernetesFetcher', () => {
  let healthy: KubernetesApiFixture;
  let hanging: KubernetesApiFixture;
  const fetcher = new TimeoutKubernetesFetcher({
    timeoutMs: 500,
    logger: mockServices.logger.mock(),
  });
  const fetchObjects = (details: ClusterDetails) =>
    fetcher.fetchObjectsForService({
      serviceId: 'task-platform-portal',
      clusterDetails: details,
      credential,
      objectTypesToFetch: new Set(OBJECTS),
      labelSelector: 'backstage.io/kubernetes-id=task-platform-portal',
      customResources: [],
      namespace: 'portal',
    });

  beforeAll(async () => {
    healthy = await startKubernetesApiFixture();
    hanging = await startKubernetesApiFixture({ hang: true });
  });
  afterAll(async () => {
    await healthy.close();
    await hanging.close();
  });

  it('fetches each object type like the stock fetcher, with the label selector and token', async () => {
    const result = await fetchObjects(cluster('healthy', healthy.url));
    const byType = Object.fromEntries(
      result.responses.map(r => [r.type, r.resources]),
    );
    expect(byType.pods.map((p: any) => p.metadata.name)).toEqual([
      'portal-6f7d9c8b5d-2xkqp',
      'portal-6f7d9c8b5d-9wz4t',
      'portal-6f7d9c8b5d-ltm7c',
    ]);
    expect(byType.deployments[0].status.readyReplicas).toBe(2);
    expect(byType.horizontalpodautoscalers[0].spec.maxReplicas).toBe(10);
    expect(byType.replicasets).toHaveLength(1);
    // 403 on secrets: a status error in the result, the rest still there
    expect(result.errors).toEqual([
      {
        errorType: 'UNKNOWN_ERROR',
        statusCode: 403,
        resourcePath: '/api/v1/namespaces/portal/secrets',
      },
    ]);
    const podsRequest = healthy.requests.find(
      r => r.path === '/api/v1/namespaces/portal/pods',
    );
    expect(podsRequest).toEqual({
      path: '/api/v1/namespaces/portal/pods',
      query:
        '?labelSelector=backstage.io%2Fkubernetes-id%3Dtask-platform-portal',
      authorization: 'Bearer sa-token',
    });
  });

  it('turns a cluster that does not answer into a FETCH_ERROR after the time limit', async () => {
    const start = Date.now();
    const result = await fetchObjects(cluster('hanging', hanging.url));
    const elapsed = Date.now() - start;
    expect(result).toEqual({
      errors: [
        {
          errorType: 'FETCH_ERROR',
          message: "Cluster 'hanging' did not answer within 0.5 s",
        },
      ],
      responses: [],
    });
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(3000);
    expect(hanging.requests.length).toBe(OBJECTS.length);
  });

  it('turns a refused connection into a FETCH_ERROR', async () => {
    const closed = await startKubernetesApiFixture();
    await closed.close();
    const result = await fetchObjects(cluster('gone', closed.url));
    expect(result.responses).toEqual([]);
    expect(result.errors[0]).toMatchObject({
      errorType: 'FETCH_ERROR',
      message: expect.stringMatching(
        /^Cluster 'gone' could not be reached: .*ECONNREFUSED/,
      ),
    });
  });

  it('computes pod metrics per namespace, and times them out as well', async () => {
    const metrics = await fetcher.fetchPodMetricsByNamespaces(
      cluster('healthy', healthy.url),
      credential,
      new Set(['portal']),
      'backstage.io/kubernetes-id=task-platform-portal',
    );
    expect(metrics.errors).toEqual([]);
    const [podStatus] = metrics.responses as any[];
    expect(podStatus.type).toBe('podstatus');
    expect(podStatus.resources.length).toBeGreaterThanOrEqual(2);

    const timedOut = await fetcher.fetchPodMetricsByNamespaces(
      cluster('hanging', hanging.url),
      credential,
      new Set(['portal']),
    );
    expect(timedOut.errors[0].errorType).toBe('FETCH_ERROR');
  });
});
