import { DEFAULT_PORTAL_TARGET, type PortalTarget } from './portalTarget.ts';

export type AlertSeverity = 'critical' | 'warning';

/** One alert of the platform, as a Prometheus alerting rule plus its runbook page. */
export interface AlertDefinition {
  alert: string;
  severity: AlertSeverity;
  /** Kebab-case name of the runbook page (`docs/runbooks/<runbook>.md`). */
  runbook: string;
  expr: string;
  /** How long the condition must hold before the alert fires. */
  for: string;
  summary: string;
  description: string;
}

export interface AlertRuleOptions {
  /**
   * Base URL of the runbooks; each alert links to `<base>/<runbook>/`. Default:
   * the portal's TechDocs pages of the task-platform system.
   */
  runbookBaseUrl?: string;
  portal?: PortalTarget;
  /** Override `for:` per alert (tests load the rules with short durations). */
  forOverrides?: Record<string, string>;
}

/** The portal's TechDocs runbooks (`docs/runbooks/*.md` of the task-platform system). */
export const DEFAULT_RUNBOOK_BASE_URL =
  'https://portal.taskplatform.io/docs/default/system/task-platform/runbooks';

/** The seed's alerts (`shared/seed/architecture.md`, "Alerting"). */
export function alertDefinitions(
  portal: PortalTarget = DEFAULT_PORTAL_TARGET,
): AlertDefinition[] {
  const job = `job="${portal.job}"`;
  const containers = 'container!="", container!="POD"';
  return [
    {
      alert: 'PodCrashLooping',
      severity: 'critical',
      runbook: 'pod-crash-looping',
      expr: `max by (namespace, pod, container) (max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m])) >= 1`,
      for: '5m',
      summary: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} is crash looping',
      description:
        'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} has been in CrashLoopBackOff for 5 minutes.',
    },
    {
      alert: 'DatabaseConnectionFailures',
      severity: 'critical',
      runbook: 'database-connection-failures',
      expr: `max by (namespace, pod) (tasks_database_up{${job}}) == 0`,
      for: '2m',
      summary:
        'The portal in {{ $labels.namespace }}/{{ $labels.pod }} cannot query its database',
      description:
        'The periodic query of the open-task counts failed on every scrape for 2 minutes (tasks_database_up == 0): RDS is down, unreachable or refuses the credentials.',
    },
    {
      alert: 'HighErrorRate',
      severity: 'critical',
      runbook: 'high-error-rate',
      expr: `sum(rate(http_request_errors_total{${job}}[5m])) / sum(rate(http_requests_total{${job}}[5m])) > 0.05`,
      for: '5m',
      summary: 'More than 5 % of the portal API requests fail',
      description:
        '{{ $value | humanizePercentage }} of the requests to the portal backend ended with a 5xx status over the last 5 minutes.',
    },
    {
      alert: 'HighCpuUsage',
      severity: 'warning',
      runbook: 'high-cpu-usage',
      expr: `sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{${containers}}[5m])) / sum by (namespace, pod) (kube_pod_container_resource_limits{resource="cpu"}) > 0.8`,
      for: '15m',
      summary:
        'Pod {{ $labels.namespace }}/{{ $labels.pod }} uses more than 80 % of its CPU limit',
      description:
        'CPU usage of {{ $labels.namespace }}/{{ $labels.pod }} has been at {{ $value | humanizePercentage }} of its limit for 15 minutes; it is being throttled.',
    },
    {
      alert: 'HighMemoryUsage',
      severity: 'warning',
      runbook: 'high-memory-usage',
      expr: `sum by (namespace, pod) (container_memory_working_set_bytes{${containers}}) / sum by (namespace, pod) (kube_pod_container_resource_limits{resource="memory"}) > 0.8`,
      for: '15m',
      summary:
        'Pod {{ $labels.namespace }}/{{ $labels.pod }} uses more than 80 % of its memory limit',
      description:
        'The working set of {{ $labels.namespace }}/{{ $labels.pod }} has been at {{ $value | humanizePercentage }} of its memory limit for 15 minutes; it will be OOMKilled at 100 %.',
    },
    {
      alert: 'DiskSpaceLow',
      severity: 'warning',
      runbook: 'disk-space-low',
      expr: [
        `node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs"} < 0.2`,
        `kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < 0.2`,
      ].join(' or '),
      for: '10m',
      summary:
        'Less than 20 % disk space left on {{ with $labels.persistentvolumeclaim }}volume {{ $labels.namespace }}/{{ . }}{{ else }}{{ $labels.instance }} {{ $labels.mountpoint }}{{ end }}',
      description:
        'Only {{ $value | humanizePercentage }} of the space is free, for 10 minutes.',
    },
    {
      alert: 'HighLatencyP95',
      severity: 'warning',
      runbook: 'high-latency-p95',
      expr: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${job}}[5m]))) > 2`,
      for: '10m',
      summary: 'The portal API answers slower than 2 s at p95',
      description:
        'The 95th percentile of the portal backend response times has been {{ $value | humanizeDuration }} for 10 minutes.',
    },
  ];
}

/** The rule groups of a Prometheus rule file (and of a PrometheusRule's spec). */
export function alertRuleGroups(options: AlertRuleOptions = {}) {
  const base = (options.runbookBaseUrl ?? DEFAULT_RUNBOOK_BASE_URL).replace(
    /\/+$/,
    '',
  );
  return [
    {
      name: 'task-platform',
      rules: alertDefinitions(options.portal).map(a => ({
        alert: a.alert,
        expr: a.expr,
        for: options.forOverrides?.[a.alert] ?? a.for,
        labels: {
          severity: a.severity,
          team: 'platform',
          system: 'task-platform',
        },
        annotations: {
          summary: a.summary,
          description: a.description,
          runbook_url: `${base}/${a.runbook}/`,
        },
      })),
    },
  ];
}

/**
 * The alerts as a PrometheusRule of the Prometheus operator, labelled so that
 * kube-prometheus-stack's Prometheus (`release: kube-prometheus-stack`) loads it.
 */
export function prometheusRule(
  options: AlertRuleOptions & { namespace: string },
) {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: 'task-platform-alerts',
      namespace: options.namespace,
      labels: {
        release: 'kube-prometheus-stack',
        'app.kubernetes.io/part-of': 'task-platform',
      },
    },
    spec: { groups: alertRuleGroups(options) },
  };
}
