// infra's monitoring sources (not entry points of the package, which exports
// only `.` and `./spec`)
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  alertRuleGroups,
  dashboardPromQueries,
  monitoringDashboards,
} from '../../../../infra/src/monitoring/index.ts';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { startClusterMetricsFixture } from '../../../../infra/src/monitoring/testing/clusterMetricsFixture.ts';
import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startRealBackend,
  STATIC_TOKEN,
} from '../__testUtils__/startRealBackend';
import {
  prometheusAvailable,
  startPrometheus,
} from '../__testUtils__/startPrometheus';

// The golden-signals view's PromQL (plugins/observability), read from its
// source: the frontend package's entry point would pull React into this test.
const { goldenSignalQueries } = require(path.join(
  path.dirname(
    require.resolve('@taskplatform/plugin-observability/package.json'),
  ),
  'src/api/goldenSignalQueries',
)) as typeof import('@taskplatform/plugin-observability');

jest.setTimeout(90_000);

const JOB = 'task-platform-portal';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * A real Prometheus scrapes a real portal backend (tasks plugin and the
 * backend-wide metrics) while tasks traffic runs, errors included, next to a
 * recorded kube-state-metrics/cAdvisor/node-exporter target. Every PromQL
 * expression of the dashboards and of the golden-signals view must return
 * data, and the error-rate alert, loaded with a short `for:`, must fire.
 */
(prometheusAvailable() ? describe : describe.skip)(
  'monitoring queries against a real Prometheus',
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitoring-queries-'));
    let backend: Awaited<ReturnType<typeof startRealBackend>>;
    let cluster: Awaited<ReturnType<typeof startClusterMetricsFixture>>;
    let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
    let traffic: Promise<void> | undefined;
    let stopTraffic = false;

    const call = (method: string, url: string, body?: object) =>
      fetch(`${backend.baseUrl}${url}`, {
        method,
        headers: {
          Authorization: `Bearer ${STATIC_TOKEN}`,
          'Content-Type': 'application/json',
        },
        body: body && JSON.stringify(body),
      });

    /** Creates, completes, reads and lists tasks, with some bad requests (400). */
    async function runTraffic() {
      for (let i = 0; !stopTraffic; i++) {
        const created = await call('POST', '/api/tasks/tasks', {
          title: `Measured ${i}`,
        });
        if (created.status === 201) {
          const { id } = await created.json();
          await call('PATCH', `/api/tasks/tasks/${id}`, { status: 'done' });
          await call('GET', `/api/tasks/tasks/${id}`);
        }
        await call('GET', '/api/tasks/tasks?limit=20');
        await call('GET', '/api/tasks/tasks?limit=0'); // 400
        await sleep(50);
      }
    }

    beforeAll(async () => {
      [backend, cluster] = await Promise.all([
        startRealBackend({
          database: {
            client: 'better-sqlite3',
            connection: { directory: dir },
          },
        }),
        startClusterMetricsFixture(),
      ]);
      prometheus = await startPrometheus({
        scrapeConfigs: [
          {
            job_name: JOB,
            static_configs: [{ targets: [`127.0.0.1:${backend.metricsPort}`] }],
          },
          {
            job_name: 'kubernetes',
            honor_labels: true,
            static_configs: [{ targets: [cluster.target] }],
          },
        ],
        ruleGroups: alertRuleGroups({ forOverrides: { HighErrorRate: '1s' } }),
      });
      traffic = runTraffic();
    });

    afterAll(async () => {
      stopTraffic = true;
      await traffic?.catch(() => {});
      await prometheus?.stop();
      await cluster?.close();
      await backend?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const dashboardQueries = Object.entries(
      monitoringDashboards({
        namespace: 'monitoring',
        runnersNamespace: 'arc-runners',
        region: 'us-east-1',
      }),
    ).flatMap(([file, board]) =>
      dashboardPromQueries(board).map(expr => ({ source: file, expr })),
    );
    const goldenQueries = [
      { selector: `job="${JOB}"` },
      { selector: `job="${JOB}", route=~"/api/tasks/.*"` },
      { selector: `job="${JOB}"`, by: ['route'] },
    ].flatMap(({ selector, by }) =>
      Object.entries(goldenSignalQueries(selector, { by })).map(
        ([signal, expr]) => ({ source: `golden ${signal}`, expr }),
      ),
    );

    it('fires HighErrorRate when the tasks table is gone', async () => {
      // First, normal traffic that Prometheus has seen on every tasks route.
      let routes: string[] = [];
      for (let attempt = 0; attempt < 60; attempt++) {
        routes = (
          await prometheus
            .query(
              `sum by (route) (increase(http_requests_total{job="${JOB}", status=~"2.."}[1m])) > 0`,
            )
            .catch(() => [])
        ).map(r => r.metric.route);
        if (routes.includes('/api/tasks/tasks/:id')) break;
        await sleep(250);
      }
      expect(routes).toEqual(
        expect.arrayContaining(['/api/tasks/tasks', '/api/tasks/tasks/:id']),
      );

      // A database failure the backend cannot hide: every tasks query fails.
      const db = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(dir, 'tasks.sqlite') },
        useNullAsDefault: true,
      });
      await db.raw('ALTER TABLE tasks RENAME TO tasks_unavailable');
      await db.destroy();

      let state: string | undefined;
      let errors: string | undefined;
      for (let attempt = 0; attempt < 60 && state !== 'firing'; attempt++) {
        await sleep(500);
        const body = await prometheus.api('alerts');
        state = body.data.alerts.find(
          (a: any) => a.labels.alertname === 'HighErrorRate',
        )?.state;
        errors = (
          await prometheus.query(`sum(http_request_errors_total{job="${JOB}"})`)
        )[0]?.value[1];
      }
      expect(Number(errors)).toBeGreaterThan(0);
      expect(state).toBe('firing');
      const [alert] = (await prometheus.api('alerts')).data.alerts.filter(
        (a: any) => a.labels.alertname === 'HighErrorRate',
      );
      expect(alert.labels.severity).toBe('critical');
      expect(alert.annotations.runbook_url).toMatch(
        /\/docs\/default\/system\/task-platform\/runbooks\/high-error-rate\/$/,
      );
    });

    // After the failures above, so that the error ratios have data too.
    it('returns data for every dashboard panel and golden-signal expression', async () => {
      expect(dashboardQueries.length).toBeGreaterThanOrEqual(30);
      expect(goldenQueries).toHaveLength(12);
      let empty: string[] = [];
      for (let attempt = 0; attempt < 40; attempt++) {
        empty = [];
        for (const { source, expr } of [
          ...dashboardQueries,
          ...goldenQueries,
        ]) {
          const result = await prometheus.query(expr).catch(() => []);
          if (result.length === 0) empty.push(`${source}: ${expr}`);
        }
        if (empty.length === 0) break;
        await sleep(500);
      }
      expect(empty).toEqual([]);
    });
  },
);
