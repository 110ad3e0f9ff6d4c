import { mockApis } from '@backstage/frontend-test-utils';
import {
  buildKubernetesFixture,
  kubernetesFixtureResponse,
} from '../../fixtures/kubernetesFixtureServer.mjs';
import { ObservabilityClient } from './ObservabilityClient';
import { SourceTimeoutError } from './withTimeout';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** Recorded Prometheus and Grafana answers, keyed by proxy path. */
const recorded: Record<string, unknown> = {
  '/prometheus/api/v1/query_range': {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: [
        {
          metric: {},
          values: [
            [1764662400, '2.5'],
            [1764662415, 'NaN'],
            [1764662430, '3'],
          ],
        },
      ],
    },
  },
  '/prometheus/api/v1/rules': {
    status: 'success',
    data: {
      groups: [
        {
          name: 'task-platform',
          rules: [
            {
              type: 'alerting',
              name: 'HighErrorRate',
              // aggregates job away: attributed by its expression
              query:
                'sum(rate(http_request_errors_total{job="task-platform-portal"}[5m])) / sum(rate(http_requests_total{job="task-platform-portal"}[5m])) > 0.05',
              alerts: [
                {
                  labels: { alertname: 'HighErrorRate', severity: 'critical' },
                  annotations: { summary: 'Error rate above 5 %' },
                  state: 'firing',
                  activeAt: '2026-12-02T08:00:00Z',
                  value: '0.12',
                },
              ],
            },
            {
              type: 'alerting',
              name: 'HighLatencyP95',
              query:
                'histogram_quantile(0.95, sum by (le, job) (rate(x[5m]))) > 2',
              alerts: [
                {
                  labels: {
                    alertname: 'HighLatencyP95',
                    job: 'task-platform-portal',
                  },
                  annotations: {},
                  state: 'pending',
                },
                {
                  labels: { alertname: 'HighLatencyP95', job: 'other' },
                  annotations: {},
                  state: 'firing',
                },
              ],
            },
            {
              type: 'alerting',
              name: 'DiskSpaceLow',
              query:
                'node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.2',
              alerts: [
                {
                  labels: { alertname: 'DiskSpaceLow', severity: 'warning' },
                  annotations: {},
                  state: 'pending',
                },
              ],
            },
            {
              type: 'recording',
              name: 'x',
              query: 'up{job="task-platform-portal"}',
            },
          ],
        },
      ],
    },
  },
  '/grafana/api/api/search': [
    {
      uid: 'abc',
      title: 'Tasks API',
      url: '/d/abc/tasks-api',
      type: 'dash-db',
      tags: ['task-platform'],
      folderTitle: 'Platform',
    },
  ],
  '/grafana/api/api/prometheus/grafana/api/v1/rules': {
    status: 'success',
    data: {
      groups: [
        {
          name: 'portal',
          file: 'Platform',
          rules: [
            {
              name: 'Portal 5xx',
              type: 'alerting',
              state: 'firing',
              health: 'ok',
              labels: { service: 'task-platform-portal' },
              annotations: { summary: 'Too many 5xx' },
              alerts: [{ activeAt: '2026-12-02T08:01:00Z' }],
            },
            {
              name: 'Other',
              type: 'alerting',
              state: 'inactive',
              labels: { service: 'other' },
            },
            {
              name: 'recording',
              type: 'recording',
              labels: { service: 'task-platform-portal' },
            },
          ],
        },
      ],
    },
  },
};

function setup(options: { hangingCluster?: string; timeoutMs?: number } = {}) {
  const fixture = buildKubernetesFixture({ pods: 5 });
  const requested: string[] = [];
  const fetch = jest.fn(async (url: string) => {
    const u = new URL(url);
    requested.push(`${u.pathname}${u.search}`);
    if (u.pathname.startsWith('/api/kubernetes/proxy/')) {
      const { status, body } = kubernetesFixtureResponse(
        fixture,
        new URL(`http://cluster${u.pathname.slice(21)}${u.search}`),
      );
      return json(body, status);
    }
    const path = u.pathname.replace(/^\/api\/proxy/, '');
    return path in recorded
      ? json(recorded[path])
      : json({ message: 'nope' }, 404);
  });
  const kubernetesApi = {
    getClusters: jest.fn(async () => [
      // eu: credentials in the backend (direct proxy call);
      // us: the user's token (through the Kubernetes API's proxy)
      { name: 'eu', authProvider: 'aws' },
      { name: 'us', authProvider: 'oidc' },
    ]),
    getObjectsByEntity: jest.fn(async () => ({
      items: [
        {
          cluster: { name: 'eu' },
          podMetrics: [],
          errors: [],
          resources: [
            { type: 'pods', resources: fixture.pods.items },
            { type: 'deployments', resources: fixture.deployments.items },
            {
              type: 'horizontalpodautoscalers',
              resources: fixture.horizontalpodautoscalers.items,
            },
          ],
        },
        {
          cluster: { name: 'us' },
          podMetrics: [],
          resources: [],
          errors: [
            {
              errorType: 'FETCH_ERROR',
              message: 'Cluster us did not answer within 5 s',
            },
          ],
        },
      ],
    })),
    proxy: jest.fn(
      async (o: { clusterName: string; path: string; init?: RequestInit }) => {
        if (o.clusterName === options.hangingCluster) {
          return new Promise<Response>(() => {});
        }
        const { status, body } = kubernetesFixtureResponse(
          fixture,
          new URL(`http://cluster${o.path}`),
        );
        return json(body, status);
      },
    ),
  };
  const client = new ObservabilityClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch } as any,
    kubernetesApi: kubernetesApi as any,
    configApi: mockApis.config({
      data: {
        grafana: { domain: 'https://grafana.example.com/' },
        app: { baseUrl: 'http://localhost:3000' },
      },
    }),
    timeouts: { kubernetes: options.timeoutMs ?? 1000 },
  });
  return { client, kubernetesApi, fetch, requested };
}

describe('ObservabilityClient', () => {
  it("reads a cluster's deployments, pods and HPAs with the entity's label selector", async () => {
    const { client, kubernetesApi, fetch } = setup();
    await client.getKubernetesClusters();
    const target = {
      labelSelector: 'backstage.io/kubernetes-id=task-platform-portal',
      namespace: 'task-platform',
    };
    const eu = await client.getClusterWorkloads('eu', target);
    expect(eu.deployments).toHaveLength(1);
    expect(eu.pods).toHaveLength(5);
    expect(eu.horizontalPodAutoscalers[0].spec?.maxReplicas).toBe(6);
    // credentials in the backend: straight to the proxy, naming the cluster
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/kubernetes/proxy/api/v1/namespaces/task-platform/pods?labelSelector=backstage.io%2Fkubernetes-id%3Dtask-platform-portal',
      expect.objectContaining({
        headers: { 'Backstage-Kubernetes-Cluster': 'eu' },
      }),
    );
    expect(kubernetesApi.proxy).not.toHaveBeenCalled();
    // the user's token: through the Kubernetes API
    const us = await client.getClusterWorkloads('us', target);
    expect(us.pods).toHaveLength(5);
    expect(kubernetesApi.proxy).toHaveBeenCalledWith(
      expect.objectContaining({
        clusterName: 'us',
        path: '/apis/apps/v1/namespaces/task-platform/deployments?labelSelector=backstage.io%2Fkubernetes-id%3Dtask-platform-portal',
      }),
    );
    const other = await client.getClusterWorkloads('eu', {
      labelSelector: 'backstage.io/kubernetes-id=someone-else',
    });
    expect(other.pods).toEqual([]);
  });

  it('gives up on a hanging cluster after its timeout, while another answers', async () => {
    const { client } = setup({ hangingCluster: 'us', timeoutMs: 200 });
    await client.getKubernetesClusters();
    const target = { labelSelector: 'app=task-platform-portal' };
    const started = Date.now();
    const [eu, us] = await Promise.allSettled([
      client.getClusterWorkloads('eu', target),
      client.getClusterWorkloads('us', target),
    ]);
    expect(eu.status).toBe('fulfilled');
    expect(us).toEqual({
      status: 'rejected',
      reason: expect.any(SourceTimeoutError),
    });
    expect((us as PromiseRejectedResult).reason.message).toBe(
      'Cluster us did not answer within 0.2 s',
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("splits the backend's fan-out answer per cluster", async () => {
    const { client } = setup();
    const result = await client.getWorkloadsByEntity({} as any);
    expect((result.eu as any).pods).toHaveLength(5);
    expect((result.eu as any).horizontalPodAutoscalers).toHaveLength(1);
    expect(result.us).toEqual(
      new Error('Cluster us did not answer within 5 s'),
    );
  });

  it('turns a query_range answer into numeric series without NaN', async () => {
    const { client, requested } = setup();
    const series = await client.queryPrometheusRange({
      query: 'sum(rate(http_requests_total{job="a"}[1m]))',
      start: 1764662400,
      end: 1764666000,
      step: 30,
    });
    expect(series).toEqual([
      {
        metric: {},
        values: [
          [1764662400, 2.5],
          [1764662430, 3],
        ],
      },
    ]);
    expect(requested[0]).toBe(
      '/api/proxy/prometheus/api/v1/query_range?query=sum%28rate%28http_requests_total%7Bjob%3D%22a%22%7D%5B1m%5D%29%29&start=1764662400&end=1764666000&step=30',
    );
  });

  it("keeps only the alerts of the entity's selector", async () => {
    const { client } = setup();
    const alerts = await client.getPrometheusAlerts(
      'job="task-platform-portal"',
    );
    expect(alerts.map(a => [a.labels.alertname, a.state])).toEqual([
      ['HighErrorRate', 'firing'],
      ['HighLatencyP95', 'pending'],
    ]);
  });

  it('rejects a selector that is not label matchers', () => {
    const { client } = setup();
    expect(() => client.getPrometheusAlerts('up or vector(1)')).toThrow(
      /Invalid Prometheus selector/,
    );
  });

  it('searches Grafana dashboards by tag and lists alert rules with their state', async () => {
    const { client, requested } = setup();
    const dashboards = await client.getGrafanaDashboards(
      "tags @> 'task-platform' && tags @> 'red'",
    );
    expect(dashboards.map(d => d.title)).toEqual(['Tasks API']);
    expect(requested).toContain(
      '/api/proxy/grafana/api/api/search?type=dash-db&tag=task-platform&tag=red',
    );
    const rules = await client.getGrafanaAlertRules(
      'service=task-platform-portal',
    );
    expect(rules).toEqual([
      expect.objectContaining({
        name: 'Portal 5xx',
        state: 'firing',
        activeAt: '2026-12-02T08:01:00Z',
      }),
    ]);
    expect(client.getGrafanaDomain()).toBe('https://grafana.example.com');
  });

  it('reports an error status of a source', async () => {
    const { client, fetch } = setup();
    fetch.mockResolvedValueOnce(
      json({ error: { message: 'bad gateway' } }, 502),
    );
    await expect(
      client.queryPrometheusRange({ query: 'up', start: 0, end: 60, step: 15 }),
    ).rejects.toMatchObject({ name: 'ResponseError' });
  });
});
