import {
  DashboardBuilder,
  RowBuilder,
} from '@grafana/grafana-foundation-sdk/dashboard';
import {
  DEFAULT_PORTAL_TARGET,
  portalJobMatcher,
  type PortalTarget,
} from '../portalTarget.ts';
import { promStat, promTimeseries } from './panels.ts';

export const TASKS_API_DASHBOARD_UID = 'task-platform-tasks-api';

/**
 * The tasks API: RED per route (rate, errors, p95/p99 duration), tasks
 * created and completed, open tasks by status.
 */
export function tasksApiDashboard(
  portal: PortalTarget = DEFAULT_PORTAL_TARGET,
) {
  const sel = `${portalJobMatcher(portal)}, route=~"/api/tasks/.*"`;
  const job = portalJobMatcher(portal);
  const rate = (metric: string, matchers = sel) =>
    `rate(${metric}{${matchers}}[5m])`;
  const quantile = (q: number) =>
    `histogram_quantile(${q}, sum by (route, le) (${rate(
      'http_request_duration_seconds_bucket',
    )}))`;
  return new DashboardBuilder('Task Platform / Tasks API')
    .uid(TASKS_API_DASHBOARD_UID)
    .tags(['task-platform', 'tasks', 'portal'])
    .description(
      'RED metrics per route of the tasks API and the task counters of the tasks plugin',
    )
    .refresh('30s')
    .time({ from: 'now-6h', to: 'now' })
    .withRow(new RowBuilder('Requests per route'))
    .withPanel(
      promTimeseries(
        'Request rate by route',
        [
          {
            expr: `sum by (route, method) (${rate('http_requests_total')})`,
            legend: '{{method}} {{route}}',
          },
        ],
        { unit: 'reqps' },
      ),
    )
    .withPanel(
      promTimeseries(
        'Error rate by route (5xx share)',
        [
          {
            expr: `sum by (route) (${rate(
              'http_request_errors_total',
            )}) / sum by (route) (${rate('http_requests_total')})`,
            legend: '{{route}}',
          },
        ],
        { unit: 'percentunit' },
      ),
    )
    .withPanel(
      promTimeseries(
        'Responses by status',
        [
          {
            expr: `sum by (status) (${rate('http_requests_total')})`,
            legend: '{{status}}',
          },
        ],
        { unit: 'reqps' },
      ),
    )
    .withPanel(
      promTimeseries(
        'Duration by route (p95 and p99)',
        [
          { expr: quantile(0.95), legend: 'p95 {{route}}' },
          { expr: quantile(0.99), legend: 'p99 {{route}}' },
        ],
        { unit: 's' },
      ),
    )
    .withRow(new RowBuilder('Tasks'))
    .withPanel(
      promStat('Tasks created (24 h)', {
        expr: `sum(increase(tasks_created_total{${job}}[24h]))`,
      }),
    )
    .withPanel(
      promStat('Tasks completed (24 h)', {
        expr: `sum(increase(tasks_completed_total{${job}}[24h]))`,
      }),
    )
    .withPanel(
      promStat(
        'Open tasks',
        { expr: `sum(max by (status) (tasks_open{${job}}))` },
        { width: 12 },
      ),
    )
    .withPanel(
      promTimeseries('Tasks created and completed per hour', [
        {
          expr: `sum(increase(tasks_created_total{${job}}[1h]))`,
          legend: 'created',
        },
        {
          expr: `sum(increase(tasks_completed_total{${job}}[1h]))`,
          legend: 'completed',
        },
      ]),
    )
    .withPanel(
      promTimeseries('Open tasks by status', [
        // Every replica counts the same table: take one, not the sum.
        { expr: `max by (status) (tasks_open{${job}})`, legend: '{{status}}' },
      ]),
    )
    .build();
}
