import { screen, waitFor, within } from '@testing-library/react';
import {
  fixtureWorkloads,
  makeEntity,
  mockObservabilityApi,
  renderWithObservabilityApi,
} from '../__testUtils__';
import { withTimeout } from '../api/withTimeout';
import type { KubernetesTarget, PrometheusSeries } from '../api/types';
import { ObservabilityContent } from './ObservabilityContent';

jest.setTimeout(30_000);

const clusters = [{ name: 'eu-prod' }, { name: 'us-prod' }];

describe('ObservabilityContent', () => {
  it('shows the health strip numbers of each cluster from the recorded objects', async () => {
    const api = mockObservabilityApi({
      getKubernetesClusters: jest.fn().mockResolvedValue(clusters),
      getClusterWorkloads: jest.fn(
        async (name: string, target: KubernetesTarget) =>
          fixtureWorkloads(name, target, {
            pods: name === 'eu-prod' ? 5 : 3,
            healthy: name === 'us-prod',
          }),
      ),
    });
    await renderWithObservabilityApi(<ObservabilityContent />, { api });
    const eu = await screen.findByRole('group', {
      name: 'Health of cluster eu-prod',
    });
    await waitFor(() =>
      expect(eu).toHaveTextContent(
        'task-platform-portal: Degraded · 3/5 ready',
      ),
    );
    expect(eu).toHaveTextContent(
      'HPA task-platform-portal: 5 replicas (min 2 / max 6)',
    );
    expect(eu).toHaveTextContent('CrashLoopBackOff 1');
    expect(eu).toHaveTextContent('OOMKilled 1');
    expect(eu).toHaveTextContent('Pending 1');
    expect(eu).toHaveTextContent('Restarts 17');
    const us = screen.getByRole('group', { name: 'Health of cluster us-prod' });
    expect(us).toHaveTextContent('Rollout complete · 3/3 ready');
    expect(us).toHaveTextContent('CrashLoopBackOff 0');
    expect(api.getClusterWorkloads).toHaveBeenCalledWith('eu-prod', {
      labelSelector: 'backstage.io/kubernetes-id=task-platform-portal',
      namespace: 'task-platform',
    });
    // The workloads table lists the problem pods first.
    expect(await screen.findByText('Workloads in eu-prod')).toBeInTheDocument();
    expect(
      screen.getAllByText(/CrashLoopBackOff: backend: 14 restarts/).length,
    ).toBeGreaterThan(0);
  });

  it('renders the healthy cluster while another fails and a third times out', async () => {
    const api = mockObservabilityApi({
      getKubernetesClusters: jest
        .fn()
        .mockResolvedValue([...clusters, { name: 'hanging' }]),
      getClusterWorkloads: jest.fn((name: string, target: KubernetesTarget) => {
        if (name === 'us-prod') {
          return Promise.reject(
            new Error('Request failed with 503 Service Unavailable'),
          );
        }
        if (name === 'hanging') {
          return withTimeout(
            'Cluster hanging',
            3000,
            () => new Promise(() => {}),
          );
        }
        return Promise.resolve(
          fixtureWorkloads(name, target, { healthy: true }),
        );
      }),
    });
    await renderWithObservabilityApi(<ObservabilityContent />, { api });
    const eu = await screen.findByRole('group', {
      name: 'Health of cluster eu-prod',
    });
    await waitFor(() =>
      expect(eu).toHaveTextContent('Rollout complete · 5/5 ready'),
    );
    const hanging = screen.getByRole('group', {
      name: 'Health of cluster hanging',
    });
    // While the slow cluster is still loading, the others are already shown.
    expect(within(hanging).getByRole('progressbar')).toBeInTheDocument();
    const us = screen.getByRole('group', { name: 'Health of cluster us-prod' });
    expect(us).toHaveTextContent('Cluster us-prod failed');
    expect(us).toHaveTextContent('503 Service Unavailable');
    await waitFor(
      () => expect(hanging).toHaveTextContent('Cluster hanging timed out'),
      { timeout: 5000 },
    );
    expect(hanging).toHaveTextContent('did not answer within 3 s');
    expect(eu).toHaveTextContent('Rollout complete · 5/5 ready');
  });

  it("falls back to the backend's fan-out without the proxy permission", async () => {
    const forbidden = Object.assign(new Error('NotAllowedError'), {
      response: { status: 403 },
    });
    const target = {
      labelSelector: 'backstage.io/kubernetes-id=task-platform-portal',
    };
    const api = mockObservabilityApi({
      getKubernetesClusters: jest.fn().mockResolvedValue(clusters),
      getClusterWorkloads: jest.fn().mockRejectedValue(forbidden),
      getWorkloadsByEntity: jest.fn().mockResolvedValue({
        'eu-prod': fixtureWorkloads('eu-prod', target, {
          pods: 4,
          healthy: true,
        }),
        'us-prod': new Error('Cluster us-prod did not answer within 5 s'),
      }),
    });
    await renderWithObservabilityApi(<ObservabilityContent />, { api });
    const eu = await screen.findByRole('group', {
      name: 'Health of cluster eu-prod',
    });
    await waitFor(() =>
      expect(eu).toHaveTextContent('Rollout complete · 4/4 ready'),
    );
    const us = screen.getByRole('group', { name: 'Health of cluster us-prod' });
    await waitFor(() =>
      expect(us).toHaveTextContent('did not answer within 5 s'),
    );
    // one fan-out request for both clusters
    expect(api.getWorkloadsByEntity).toHaveBeenCalledTimes(1);
  });

  it('draws the golden signals from query_range series', async () => {
    const api = mockObservabilityApi({
      queryPrometheusRange: jest.fn(
        async ({ query }): Promise<PrometheusSeries[]> => {
          if (query.startsWith('histogram_quantile(0.99')) {
            throw new Error('Prometheus is down');
          }
          return [
            {
              metric: {},
              values: [
                [1764662400, query.includes('errors') ? 0.25 : 4],
                [1764662460, query.includes('errors') ? 0.5 : 6],
              ],
            },
          ];
        },
      ),
    });
    await renderWithObservabilityApi(<ObservabilityContent />, {
      api,
      entity: makeEntity({
        'taskplatform.io/prometheus-selector': 'job="task-platform-portal"',
      }),
    });
    expect(
      await screen.findByRole('img', {
        name: 'Request rate: 2 points; latest value 6.00 req/s',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Error rate: 2 points; latest value 50.00 %',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'p95 latency: 2 points; latest value 6.00 s',
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/p99 latency \(Prometheus\) failed/),
    ).toBeInTheDocument();
    expect(api.queryPrometheusRange).toHaveBeenCalledWith(
      expect.objectContaining({
        query: expect.stringContaining(
          'rate(http_requests_total{job="task-platform-portal"}[120s])',
        ),
        step: 30,
      }),
    );
    // No Kubernetes annotation: the workloads part says what to add.
    expect(
      screen.getByText(
        (_, el) =>
          el?.tagName === 'P' &&
          /Add the annotation backstage.io\/kubernetes-id/.test(
            el.textContent ?? '',
          ),
      ),
    ).toBeInTheDocument();
  });

  it('lists firing alerts with runbook links, the portal ones inside the portal', async () => {
    const api = mockObservabilityApi({
      getPrometheusAlerts: jest.fn().mockResolvedValue([
        {
          labels: {
            alertname: 'HighLatencyP95',
            severity: 'warning',
            job: 'x',
          },
          annotations: {
            summary: 'p95 above 2 s',
            runbook_url: 'https://runbooks.example.com/latency',
          },
          state: 'pending',
        },
        {
          labels: {
            alertname: 'HighErrorRate',
            severity: 'critical',
            job: 'x',
          },
          annotations: {
            summary: 'More than 5 % of requests fail',
            runbook_url:
              'http://localhost:3000/docs/default/system/task-platform/runbooks/high-error-rate/',
          },
          state: 'firing',
          activeAt: '2026-12-02T08:00:00Z',
        },
      ]),
    });
    await renderWithObservabilityApi(<ObservabilityContent />, {
      api,
      entity: makeEntity({ 'taskplatform.io/prometheus-selector': 'job="x"' }),
    });
    expect(
      await screen.findByText('Firing alerts: 1 · pending 1'),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row');
    const firing = rows.find(r => r.textContent?.includes('HighErrorRate'))!;
    expect(firing).toHaveTextContent('More than 5 % of requests fail');
    expect(
      within(firing).getByRole('link', { name: /Runbook/ }),
    ).toHaveAttribute(
      'href',
      '/docs/default/system/task-platform/runbooks/high-error-rate/',
    );
    const pending = rows.find(r => r.textContent?.includes('HighLatencyP95'))!;
    expect(
      within(pending).getByRole('link', { name: /Runbook/ }),
    ).toHaveAttribute('href', 'https://runbooks.example.com/latency');
    // firing first
    expect(rows.indexOf(firing)).toBeLessThan(rows.indexOf(pending));
    expect(api.getPrometheusAlerts).toHaveBeenCalledWith('job="x"');
  });

  it('explains the missing annotations and links dashboards and logs', async () => {
    const api = mockObservabilityApi({
      getGrafanaDashboards: jest.fn().mockResolvedValue([
        {
          uid: 'a',
          title: 'Tasks API',
          url: '/d/a/tasks-api',
          tags: ['task-platform'],
        },
      ]),
    });
    await renderWithObservabilityApi(<ObservabilityContent />, {
      api,
      entity: makeEntity({
        'grafana/dashboard-selector': 'task-platform',
        'backstage.io/kubernetes-label-selector': 'app=portal',
        'backstage.io/kubernetes-namespace': 'tasks',
      }),
    });
    expect(
      await screen.findByRole('link', { name: /Tasks API/ }, { timeout: 5000 }),
    ).toHaveAttribute('href', 'https://grafana.example.com/d/a/tasks-api');
    const text = document.body.textContent ?? '';
    expect(text).toContain(
      'Add the annotation taskplatform.io/prometheus-selector',
    );
    expect(text).toContain(
      'taskplatform.io/prometheus-selector: \'job="task-platform-portal"\'',
    );
    expect(text).toContain('Add the annotation grafana/alert-label-selector');
    const logs = screen.getByRole('link', { name: /Logs in Grafana Explore/ });
    const url = new URL(logs.getAttribute('href')!);
    expect(url.origin).toBe('https://grafana.example.com');
    const panes = JSON.parse(url.searchParams.get('panes')!);
    expect(panes.logs.queries[0].expr).toBe(
      '{namespace="tasks", app="portal"}',
    );
    expect(Number(panes.logs.range.to) - Number(panes.logs.range.from)).toBe(
      3600_000,
    );
    expect(api.getPrometheusAlerts).not.toHaveBeenCalled();
  });
});
