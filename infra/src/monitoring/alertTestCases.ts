/**
 * promtool unit-test cases of the alerts (alertRules.promtool.test.ts): for
 * each alert, series where one target is sick and another healthy, and
 * healthy-only series.
 */
export const RUNBOOK_BASE =
  'https://portal.example.org/docs/default/system/task-platform/runbooks';
const portalJob = 'job="task-platform-portal"';
const labels = (severity: string) => ({
  severity,
  team: 'platform',
  system: 'task-platform',
});
const runbook = (name: string) => `${RUNBOOK_BASE}/${name}/`;

/** One alert's promtool cases: a group with a sick and a healthy target, and a healthy-only group. */
export interface AlertCase {
  alert: string;
  /** Series where one target breaks the threshold and another does not. */
  firing: Array<{ series: string; values: string }>;
  /** Series that stay under the threshold. */
  healthy: Array<{ series: string; values: string }>;
  /** When the alert must be firing in the first group (after `for:`). */
  evalTime: string;
  /** Before `for:` has passed: no alert yet. */
  pendingTime: string;
  expLabels: Record<string, string>;
  expAnnotations: Record<string, string>;
}

const pod = (name: string, extra = '') =>
  `namespace="portal", pod="${name}"${extra ? `, ${extra}` : ''}`;

export const ALERT_CASES: AlertCase[] = [
  {
    alert: 'PodCrashLooping',
    firing: [
      {
        series: `kube_pod_container_status_waiting_reason{${pod(
          'portal-7d9f-abc',
          'container="portal", reason="CrashLoopBackOff"',
        )}}`,
        values: '1x30',
      },
      {
        series: `kube_pod_container_status_waiting_reason{${pod(
          'portal-7d9f-def',
          'container="portal", reason="CrashLoopBackOff"',
        )}}`,
        values: '0x30',
      },
    ],
    healthy: [
      {
        series: `kube_pod_container_status_waiting_reason{${pod(
          'portal-7d9f-def',
          'container="portal", reason="ContainerCreating"',
        )}}`,
        values: '1x30',
      },
    ],
    evalTime: '10m',
    pendingTime: '4m',
    expLabels: {
      ...labels('critical'),
      namespace: 'portal',
      pod: 'portal-7d9f-abc',
      container: 'portal',
    },
    expAnnotations: {
      summary: 'Pod portal/portal-7d9f-abc is crash looping',
      description:
        'Container portal of portal/portal-7d9f-abc has been in CrashLoopBackOff for 5 minutes.',
      runbook_url: runbook('pod-crash-looping'),
    },
  },
  {
    alert: 'DatabaseConnectionFailures',
    firing: [
      {
        series: `tasks_database_up{${portalJob}, ${pod('portal-a')}}`,
        values: '1 1 0x20',
      },
      {
        series: `tasks_database_up{${portalJob}, ${pod('portal-b')}}`,
        values: '1x22',
      },
    ],
    healthy: [
      {
        series: `tasks_database_up{${portalJob}, ${pod('portal-a')}}`,
        values: '1 0 1 0 1 1 1 1 1 1',
      },
    ],
    evalTime: '6m',
    pendingTime: '3m',
    expLabels: { ...labels('critical'), namespace: 'portal', pod: 'portal-a' },
    expAnnotations: {
      summary: 'The portal in portal/portal-a cannot query its database',
      description:
        'The periodic query of the open-task counts failed on every scrape for 2 minutes (tasks_database_up == 0): RDS is down, unreachable or refuses the credentials.',
      runbook_url: runbook('database-connection-failures'),
    },
  },
  {
    alert: 'HighErrorRate',
    firing: [
      {
        series: `http_requests_total{${portalJob}, ${pod(
          'portal-a',
        )}, route="/api/tasks/tasks", status="200"}`,
        values: '0+90x30',
      },
      {
        series: `http_requests_total{${portalJob}, ${pod(
          'portal-a',
        )}, route="/api/tasks/tasks", status="500"}`,
        values: '0+10x30',
      },
      {
        series: `http_request_errors_total{${portalJob}, ${pod(
          'portal-a',
        )}, route="/api/tasks/tasks", status="500"}`,
        values: '0+10x30',
      },
    ],
    healthy: [
      {
        series: `http_requests_total{${portalJob}, ${pod(
          'portal-a',
        )}, route="/api/tasks/tasks", status="200"}`,
        values: '0+98x30',
      },
      {
        series: `http_requests_total{${portalJob}, ${pod(
          'portal-a',
        )}, route="/api/tasks/tasks", status="500"}`,
        values: '0+2x30',
      },
      {
        series: `http_request_errors_total{${portalJob}, ${pod(
          'portal-a',
        )}, route="/api/tasks/tasks", status="500"}`,
        values: '0+2x30',
      },
      // another service's errors do not count
      {
        series: `http_request_errors_total{job="other", route="/x", status="500"}`,
        values: '0+1000x30',
      },
    ],
    evalTime: '15m',
    pendingTime: '4m',
    expLabels: labels('critical'),
    expAnnotations: {
      summary: 'More than 5 % of the portal API requests fail',
      description:
        '10% of the requests to the portal backend ended with a 5xx status over the last 5 minutes.',
      runbook_url: runbook('high-error-rate'),
    },
  },
  {
    alert: 'HighCpuUsage',
    firing: [
      {
        series: `container_cpu_usage_seconds_total{${pod(
          'portal-a',
          'container="portal"',
        )}}`,
        values: '0+54x40',
      },
      {
        series: `kube_pod_container_resource_limits{${pod(
          'portal-a',
          'container="portal", resource="cpu"',
        )}}`,
        values: '1x40',
      },
      {
        series: `container_cpu_usage_seconds_total{${pod(
          'portal-b',
          'container="portal"',
        )}}`,
        values: '0+30x40',
      },
      {
        series: `kube_pod_container_resource_limits{${pod(
          'portal-b',
          'container="portal", resource="cpu"',
        )}}`,
        values: '1x40',
      },
    ],
    healthy: [
      {
        series: `container_cpu_usage_seconds_total{${pod(
          'portal-b',
          'container="portal"',
        )}}`,
        values: '0+42x40',
      },
      {
        series: `kube_pod_container_resource_limits{${pod(
          'portal-b',
          'container="portal", resource="cpu"',
        )}}`,
        values: '1x40',
      },
    ],
    evalTime: '25m',
    pendingTime: '12m',
    expLabels: { ...labels('warning'), namespace: 'portal', pod: 'portal-a' },
    expAnnotations: {
      summary: 'Pod portal/portal-a uses more than 80 % of its CPU limit',
      description:
        'CPU usage of portal/portal-a has been at 90% of its limit for 15 minutes; it is being throttled.',
      runbook_url: runbook('high-cpu-usage'),
    },
  },
  {
    alert: 'HighMemoryUsage',
    firing: [
      {
        series: `container_memory_working_set_bytes{${pod(
          'portal-a',
          'container="portal"',
        )}}`,
        values: '1800000000x40',
      },
      {
        series: `kube_pod_container_resource_limits{${pod(
          'portal-a',
          'container="portal", resource="memory"',
        )}}`,
        values: '2000000000x40',
      },
      {
        series: `container_memory_working_set_bytes{${pod(
          'portal-b',
          'container="portal"',
        )}}`,
        values: '900000000x40',
      },
      {
        series: `kube_pod_container_resource_limits{${pod(
          'portal-b',
          'container="portal", resource="memory"',
        )}}`,
        values: '2000000000x40',
      },
    ],
    healthy: [
      {
        series: `container_memory_working_set_bytes{${pod(
          'portal-b',
          'container="portal"',
        )}}`,
        values: '1500000000x40',
      },
      {
        series: `kube_pod_container_resource_limits{${pod(
          'portal-b',
          'container="portal", resource="memory"',
        )}}`,
        values: '2000000000x40',
      },
    ],
    evalTime: '20m',
    pendingTime: '10m',
    expLabels: { ...labels('warning'), namespace: 'portal', pod: 'portal-a' },
    expAnnotations: {
      summary: 'Pod portal/portal-a uses more than 80 % of its memory limit',
      description:
        'The working set of portal/portal-a has been at 90% of its memory limit for 15 minutes; it will be OOMKilled at 100 %.',
      runbook_url: runbook('high-memory-usage'),
    },
  },
  {
    alert: 'DiskSpaceLow',
    firing: [
      {
        series:
          'node_filesystem_avail_bytes{instance="10.0.11.12:9100", mountpoint="/", fstype="xfs"}',
        values: '10x30',
      },
      {
        series:
          'node_filesystem_size_bytes{instance="10.0.11.12:9100", mountpoint="/", fstype="xfs"}',
        values: '100x30',
      },
      {
        series:
          'node_filesystem_avail_bytes{instance="10.0.12.7:9100", mountpoint="/", fstype="xfs"}',
        values: '50x30',
      },
      {
        series:
          'node_filesystem_size_bytes{instance="10.0.12.7:9100", mountpoint="/", fstype="xfs"}',
        values: '100x30',
      },
      // tmpfs is not a disk
      {
        series:
          'node_filesystem_avail_bytes{instance="10.0.12.7:9100", mountpoint="/run", fstype="tmpfs"}',
        values: '1x30',
      },
      {
        series:
          'node_filesystem_size_bytes{instance="10.0.12.7:9100", mountpoint="/run", fstype="tmpfs"}',
        values: '100x30',
      },
    ],
    healthy: [
      {
        series:
          'kubelet_volume_stats_available_bytes{namespace="monitoring", persistentvolumeclaim="prometheus-db"}',
        values: '30x30',
      },
      {
        series:
          'kubelet_volume_stats_capacity_bytes{namespace="monitoring", persistentvolumeclaim="prometheus-db"}',
        values: '100x30',
      },
    ],
    evalTime: '15m',
    pendingTime: '9m',
    expLabels: {
      ...labels('warning'),
      instance: '10.0.11.12:9100',
      mountpoint: '/',
      fstype: 'xfs',
    },
    expAnnotations: {
      summary: 'Less than 20 % disk space left on 10.0.11.12:9100 /',
      description: 'Only 10% of the space is free, for 10 minutes.',
      runbook_url: runbook('disk-space-low'),
    },
  },
  {
    alert: 'HighLatencyP95',
    firing: [
      ...['0.5', '1', '2.5'].map(le => ({
        series: `http_request_duration_seconds_bucket{${portalJob}, ${pod(
          'portal-a',
        )}, route="/api/tasks/tasks", le="${le}"}`,
        values: '0x30',
      })),
      ...['5', '+Inf'].map(le => ({
        series: `http_request_duration_seconds_bucket{${portalJob}, ${pod(
          'portal-a',
        )}, route="/api/tasks/tasks", le="${le}"}`,
        values: '0+10x30',
      })),
    ],
    healthy: ['0.5', '1', '2.5', '5', '+Inf'].map(le => ({
      series: `http_request_duration_seconds_bucket{${portalJob}, ${pod(
        'portal-a',
      )}, route="/api/tasks/tasks", le="${le}"}`,
      values: '0+10x30',
    })),
    evalTime: '20m',
    pendingTime: '9m',
    expLabels: labels('warning'),
    expAnnotations: {
      summary: 'The portal API answers slower than 2 s at p95',
      description:
        'The 95th percentile of the portal backend response times has been 4.875s for 10 minutes.',
      runbook_url: runbook('high-latency-p95'),
    },
  },
];
