import fs from 'node:fs';
import path from 'node:path';
import { alertDefinitions } from './alertRules.ts';
import { dashboardPromQueries } from './dashboards/panels.ts';
import {
  monitoringDashboards,
  monitoringManifests,
} from './monitoringManifests.ts';

const options = {
  namespace: 'monitoring',
  runnersNamespace: 'arc-runners',
  region: 'eu-west-1',
  runbookBaseUrl:
    'https://portal.example.org/docs/default/system/task-platform/runbooks',
};

describe('monitoringManifests', () => {
  const manifests = monitoringManifests(options) as any[];
  const byKind = (kind: string) => manifests.filter(m => m.kind === kind);

  it('ships each dashboard as a ConfigMap for the Grafana sidecar', () => {
    const maps = byKind('ConfigMap').filter(
      m => m.metadata.labels.grafana_dashboard === '1',
    );
    expect(maps.map(m => Object.keys(m.data)[0]).sort()).toEqual([
      'task-platform-overview.json',
      'task-platform-portal-pods.json',
      'task-platform-tasks-api.json',
    ]);
    for (const map of maps) {
      expect(map.metadata.namespace).toBe('monitoring');
      const board = JSON.parse(Object.values(map.data)[0] as string);
      expect(board.uid).toMatch(/^task-platform-/);
      expect(board.panels.length).toBeGreaterThan(5);
    }
  });

  it('lays out every panel inside the 24-column grid without overlaps', () => {
    for (const board of Object.values(monitoringDashboards(options))) {
      const taken = new Set<string>();
      for (const panel of board.panels ?? []) {
        const { x, y, w, h } = panel.gridPos!;
        expect(x + w).toBeLessThanOrEqual(24);
        for (let i = x; i < x + w; i++) {
          for (let j = y; j < y + h; j++) {
            expect(taken.has(`${i},${j}`)).toBe(false);
            taken.add(`${i},${j}`);
          }
        }
      }
    }
  });

  it('has PromQL on the RED, task, pod and node metrics', () => {
    const boards = monitoringDashboards(options);
    const tasks = dashboardPromQueries(boards['task-platform-tasks-api.json']);
    expect(tasks.join('\n')).toMatch(
      /sum by \(route, method\) \(rate\(http_requests_total\{job="task-platform-portal", route=~"\/api\/tasks\/\.\*"\}\[5m\]\)\)/,
    );
    expect(tasks.join('\n')).toMatch(/tasks_open/);
    const pods = dashboardPromQueries(boards['task-platform-portal-pods.json']);
    expect(pods.join('\n')).toMatch(
      /container_memory_working_set_bytes\{namespace="portal", pod=~"portal-\.\*"/,
    );
    const overview = dashboardPromQueries(
      boards['task-platform-overview.json'],
    );
    expect(overview.join('\n')).toMatch(/namespace="arc-runners"/);
  });

  it('loads the alerts into kube-prometheus-stack with severity, summary and runbook_url', () => {
    const [rule] = byKind('PrometheusRule');
    expect(rule.metadata.labels.release).toBe('kube-prometheus-stack');
    const rules = rule.spec.groups.flatMap((g: any) => g.rules);
    expect(rules.map((r: any) => [r.alert, r.labels.severity])).toEqual([
      ['PodCrashLooping', 'critical'],
      ['DatabaseConnectionFailures', 'critical'],
      ['HighErrorRate', 'critical'],
      ['HighCpuUsage', 'warning'],
      ['HighMemoryUsage', 'warning'],
      ['DiskSpaceLow', 'warning'],
      ['HighLatencyP95', 'warning'],
    ]);
    for (const r of rules) {
      expect(r.annotations.summary).toBeTruthy();
      expect(r.annotations.runbook_url).toMatch(
        /^https:\/\/portal\.example\.org\/docs\/default\/system\/task-platform\/runbooks\/[a-z0-9-]+\/$/,
      );
    }
  });

  it('scrapes the portal pods under one job name', () => {
    const [monitor] = byKind('PodMonitor');
    expect(monitor.spec.namespaceSelector.matchNames).toEqual(['portal']);
    expect(monitor.spec.podMetricsEndpoints[0]).toMatchObject({
      port: 'metrics',
      relabelings: [
        { targetLabel: 'job', replacement: 'task-platform-portal' },
      ],
    });
  });

  it('links every alert to a runbook page that exists in docs/runbooks', () => {
    const runbooks = path.resolve(__dirname, '../../../docs/runbooks');
    for (const { alert, runbook } of alertDefinitions()) {
      expect({
        alert,
        exists: fs.existsSync(path.join(runbooks, `${runbook}.md`)),
      }).toEqual({ alert, exists: true });
    }
  });
});
