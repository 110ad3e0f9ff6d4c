import { prometheusRule } from './alertRules.ts';
import { platformOverviewDashboard } from './dashboards/platformOverviewDashboard.ts';
import { portalPodsDashboard } from './dashboards/portalPodsDashboard.ts';
import { tasksApiDashboard } from './dashboards/tasksApiDashboard.ts';
import { DEFAULT_PORTAL_TARGET, type PortalTarget } from './portalTarget.ts';

export interface MonitoringManifestsOptions {
  /** Namespace of kube-prometheus-stack (its Grafana sidecar and Prometheus). */
  namespace: string;
  portal?: PortalTarget;
  /** Namespace of the GitHub Actions runner pods. */
  runnersNamespace: string;
  /** AWS region of the environment (CloudWatch data source and RDS panels). */
  region: string;
  /** Base URL of the runbooks (default: the portal's TechDocs). */
  runbookBaseUrl?: string;
}

const LABELS = { 'app.kubernetes.io/part-of': 'task-platform' };

/** The dashboards as code, by file name. */
export function monitoringDashboards(options: MonitoringManifestsOptions) {
  const portal = options.portal ?? DEFAULT_PORTAL_TARGET;
  return {
    'task-platform-tasks-api.json': tasksApiDashboard(portal),
    'task-platform-portal-pods.json': portalPodsDashboard(portal),
    'task-platform-overview.json': platformOverviewDashboard({
      portal,
      runnersNamespace: options.runnersNamespace,
      region: options.region,
    }),
  };
}

/**
 * The platform's monitoring as Kubernetes objects for kube-prometheus-stack:
 * dashboards as ConfigMaps for the Grafana sidecar (`grafana_dashboard: "1"`),
 * a CloudWatch data source for the RDS panels (`grafana_datasource: "1"`;
 * Grafana's service account needs CloudWatch read access), the alerts as a
 * PrometheusRule, and a PodMonitor that scrapes the portal's metrics port
 * with `job` set to the portal's job name.
 */
export function monitoringManifests(
  options: MonitoringManifestsOptions,
): Record<string, unknown>[] {
  const portal = options.portal ?? DEFAULT_PORTAL_TARGET;
  const { namespace } = options;
  const dashboards = Object.entries(monitoringDashboards(options)).map(
    ([file, dashboard]) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: `grafana-dashboard-${file.replace(/\.json$/, '')}`,
        namespace,
        labels: { ...LABELS, grafana_dashboard: '1' },
      },
      data: { [file]: JSON.stringify(dashboard, null, 2) },
    }),
  );
  const cloudwatchDatasource = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'grafana-datasource-cloudwatch',
      namespace,
      labels: { ...LABELS, grafana_datasource: '1' },
    },
    data: {
      'cloudwatch.yaml': [
        'apiVersion: 1',
        'datasources:',
        '  - name: CloudWatch',
        '    uid: cloudwatch',
        '    type: cloudwatch',
        '    access: proxy',
        '    jsonData:',
        '      authType: default',
        `      defaultRegion: ${options.region}`,
        '',
      ].join('\n'),
    },
  };
  const podMonitor = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: {
      name: portal.job,
      namespace,
      labels: { ...LABELS, release: 'kube-prometheus-stack' },
    },
    spec: {
      namespaceSelector: { matchNames: [portal.namespace] },
      selector: {
        matchLabels: { 'app.kubernetes.io/name': portal.workload },
      },
      podMetricsEndpoints: [
        {
          port: 'metrics',
          path: '/metrics',
          interval: '30s',
          // One job name for every replica, as the alerts and dashboards expect.
          relabelings: [{ targetLabel: 'job', replacement: portal.job }],
        },
      ],
    },
  };
  return [
    ...dashboards,
    cloudwatchDatasource,
    prometheusRule({
      namespace,
      portal,
      runbookBaseUrl: options.runbookBaseUrl,
    }),
    podMonitor,
  ];
}
