import {
  DashboardBuilder,
  RowBuilder,
} from '@grafana/grafana-foundation-sdk/dashboard';
import {
  DEFAULT_PORTAL_TARGET,
  portalPodMatchers,
  type PortalTarget,
} from '../portalTarget.ts';
import { promStat, promTimeseries } from './panels.ts';

export const PORTAL_PODS_DASHBOARD_UID = 'task-platform-portal-pods';

/** The portal's pods: CPU and memory against requests and limits, restarts. */
export function portalPodsDashboard(
  portal: PortalTarget = DEFAULT_PORTAL_TARGET,
) {
  const pods = portalPodMatchers(portal);
  const containers = `${pods}, container!="", container!="POD"`;
  return new DashboardBuilder('Task Platform / Portal pods')
    .uid(PORTAL_PODS_DASHBOARD_UID)
    .tags(['task-platform', 'portal', 'kubernetes'])
    .description(
      `CPU, memory and restarts of the ${portal.namespace}/${portal.workload} pods`,
    )
    .refresh('30s')
    .time({ from: 'now-6h', to: 'now' })
    .withRow(new RowBuilder('Pods'))
    .withPanel(
      promStat('Ready pods', {
        expr: `sum(kube_pod_status_ready{${pods}, condition="true"})`,
      }),
    )
    .withPanel(
      promStat('Restarts (1 h)', {
        expr: `sum(increase(kube_pod_container_status_restarts_total{${pods}}[1h]))`,
      }),
    )
    .withPanel(
      promStat('Pods crash looping', {
        expr: `sum(kube_pod_container_status_waiting_reason{${pods}, reason="CrashLoopBackOff"}) or vector(0)`,
      }),
    )
    .withPanel(
      promStat('OOM kills (last state)', {
        expr: `sum(kube_pod_container_status_last_terminated_reason{${pods}, reason="OOMKilled"}) or vector(0)`,
      }),
    )
    .withRow(new RowBuilder('Resources'))
    .withPanel(
      promTimeseries(
        'CPU by pod',
        [
          {
            expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{${containers}}[5m]))`,
            legend: '{{pod}}',
          },
          {
            expr: `max(kube_pod_container_resource_limits{${pods}, resource="cpu"})`,
            legend: 'limit',
          },
          {
            expr: `max(kube_pod_container_resource_requests{${pods}, resource="cpu"})`,
            legend: 'request',
          },
        ],
        { unit: 'cores' },
      ),
    )
    .withPanel(
      promTimeseries(
        'Memory (working set) by pod',
        [
          {
            expr: `sum by (pod) (container_memory_working_set_bytes{${containers}})`,
            legend: '{{pod}}',
          },
          {
            expr: `max(kube_pod_container_resource_limits{${pods}, resource="memory"})`,
            legend: 'limit',
          },
        ],
        { unit: 'bytes' },
      ),
    )
    .withPanel(
      promTimeseries('Restarts by pod', [
        {
          expr: `sum by (pod) (increase(kube_pod_container_status_restarts_total{${pods}}[15m]))`,
          legend: '{{pod}}',
        },
      ]),
    )
    .withPanel(
      promTimeseries(
        'CPU throttling by pod',
        [
          {
            expr: `sum by (pod) (rate(container_cpu_cfs_throttled_periods_total{${containers}}[5m])) / sum by (pod) (rate(container_cpu_cfs_periods_total{${containers}}[5m]))`,
            legend: '{{pod}}',
          },
        ],
        { unit: 'percentunit' },
      ),
    )
    .build();
}
