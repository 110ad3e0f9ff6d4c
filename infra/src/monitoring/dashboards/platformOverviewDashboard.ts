import {
  DashboardBuilder,
  QueryVariableBuilder,
  RowBuilder,
} from '@grafana/grafana-foundation-sdk/dashboard';
import {
  DEFAULT_PORTAL_TARGET,
  portalJobMatcher,
  type PortalTarget,
} from '../portalTarget.ts';
import {
  CLOUDWATCH_DATASOURCE,
  cloudwatchTimeseries,
  promStat,
  promTimeseries,
} from './panels.ts';

export const PLATFORM_OVERVIEW_DASHBOARD_UID = 'task-platform-overview';

export interface PlatformOverviewOptions {
  portal?: PortalTarget;
  /** Namespace of the GitHub Actions runner pods (ARC). */
  runnersNamespace: string;
  /** AWS region of the environment's RDS database (CloudWatch panels). */
  region: string;
}

/** The platform: nodes, GitHub Actions runners and the RDS database. */
export function platformOverviewDashboard(options: PlatformOverviewOptions) {
  const job = portalJobMatcher(options.portal ?? DEFAULT_PORTAL_TARGET);
  const runners = `namespace="${options.runnersNamespace}"`;
  const fs = 'fstype!~"tmpfs|overlay|squashfs"';
  const rds = (title: string, metricName: string, unit: string) =>
    cloudwatchTimeseries(
      title,
      {
        namespace: 'AWS/RDS',
        metricName,
        dimensions: { DBInstanceIdentifier: '$rds_instance' },
        region: options.region,
      },
      { unit },
    );
  return new DashboardBuilder('Task Platform / Overview')
    .uid(PLATFORM_OVERVIEW_DASHBOARD_UID)
    .tags(['task-platform', 'kubernetes', 'rds', 'runners'])
    .description(
      'Nodes of the EKS cluster, GitHub Actions runners and the RDS database',
    )
    .refresh('1m')
    .time({ from: 'now-24h', to: 'now' })
    .withVariable(
      // The database stack names the instance: pick it from CloudWatch.
      new QueryVariableBuilder('rds_instance')
        .label('RDS instance')
        .datasource(CLOUDWATCH_DATASOURCE)
        .query({
          queryType: 'dimensionValues',
          region: options.region,
          namespace: 'AWS/RDS',
          metricName: 'CPUUtilization',
          dimensionKey: 'DBInstanceIdentifier',
        }),
    )
    .withRow(new RowBuilder('Nodes'))
    .withPanel(
      promStat('Ready nodes', {
        expr: `sum(kube_node_status_condition{condition="Ready", status="true"})`,
      }),
    )
    .withPanel(
      promStat('Unschedulable nodes', {
        expr: `sum(kube_node_spec_unschedulable)`,
      }),
    )
    .withPanel(
      promStat('Pods not running', {
        expr: `sum(kube_pod_status_phase{phase=~"Pending|Failed|Unknown"})`,
      }),
    )
    .withPanel(
      promStat('Firing alerts', {
        expr: `count(ALERTS{alertstate="firing"}) or vector(0)`,
      }),
    )
    .withPanel(
      promTimeseries(
        'CPU by node',
        [
          {
            expr: `1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))`,
            legend: '{{instance}}',
          },
        ],
        { unit: 'percentunit', width: 8 },
      ),
    )
    .withPanel(
      promTimeseries(
        'Memory by node',
        [
          {
            expr: `1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes`,
            legend: '{{instance}}',
          },
        ],
        { unit: 'percentunit', width: 8 },
      ),
    )
    .withPanel(
      promTimeseries(
        'Free disk by node',
        [
          {
            expr: `min by (instance) (node_filesystem_avail_bytes{${fs}} / node_filesystem_size_bytes{${fs}})`,
            legend: '{{instance}}',
          },
        ],
        { unit: 'percentunit', width: 8 },
      ),
    )
    .withRow(new RowBuilder('GitHub Actions runners'))
    .withPanel(
      promStat('Runner pods running', {
        expr: `sum(kube_pod_status_phase{${runners}, phase="Running"})`,
      }),
    )
    .withPanel(
      promStat('Runner pods pending', {
        expr: `sum(kube_pod_status_phase{${runners}, phase="Pending"})`,
      }),
    )
    .withPanel(
      promTimeseries('Runner pods by phase', [
        {
          expr: `sum by (phase) (kube_pod_status_phase{${runners}})`,
          legend: '{{phase}}',
        },
      ]),
    )
    .withPanel(
      promTimeseries(
        'Runner CPU',
        [
          {
            expr: `sum(rate(container_cpu_usage_seconds_total{${runners}, container!="", container!="POD"}[5m]))`,
            legend: 'cores',
          },
        ],
        { unit: 'cores' },
      ),
    )
    .withRow(new RowBuilder('Database (RDS)'))
    .withPanel(
      promStat('Portal reaches the database', {
        expr: `min(tasks_database_up{${job}})`,
      }),
    )
    .withPanel(rds('RDS CPU', 'CPUUtilization', 'percent'))
    .withPanel(rds('RDS connections', 'DatabaseConnections', 'short'))
    .withPanel(rds('RDS free storage', 'FreeStorageSpace', 'bytes'))
    .build();
}
