import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * TEST FIXTURE ONLY: a scrape target that answers like kube-state-metrics,
 * the kubelet's cAdvisor and node-exporter of a small cluster running the
 * portal (three portal pods in `portal`, one crash looping; two nodes; runner
 * pods in `arc-runners`), in Prometheus text format, with `namespace`/`pod`
 * labels as those exporters set them (scrape with `honor_labels: true`).
 * Counters grow with time so that `rate()` and `increase()` have data.
 */
export function clusterMetricsText(secondsSinceStart: number): string {
  const t = secondsSinceStart;
  const lines: string[] = [];
  const add = (name: string, labels: Record<string, string>, value: number) =>
    lines.push(
      `${name}{${Object.entries(labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',')}} ${value}`,
    );
  const portalPods = [
    'portal-6f7d9c8b5d-2xkqp',
    'portal-6f7d9c8b5d-9wz4t',
    'portal-6f7d9c8b5d-ltm7c',
  ];
  const nodes = ['ip-10-0-11-23.ec2.internal', 'ip-10-0-12-41.ec2.internal'];

  // kube-state-metrics
  for (const node of nodes) {
    add(
      'kube_node_status_condition',
      { node, condition: 'Ready', status: 'true' },
      1,
    );
    add('kube_node_spec_unschedulable', { node }, 0);
  }
  portalPods.forEach((pod, i) => {
    const crashLooping = i === 2;
    const c = { namespace: 'portal', pod, container: 'portal' };
    add(
      'kube_pod_status_phase',
      { namespace: 'portal', pod, phase: 'Running' },
      1,
    );
    add(
      'kube_pod_status_ready',
      { namespace: 'portal', pod, condition: 'true' },
      crashLooping ? 0 : 1,
    );
    add(
      'kube_pod_container_status_restarts_total',
      c,
      crashLooping ? 7 + Math.floor(t / 2) : 0,
    );
    add(
      'kube_pod_container_status_waiting_reason',
      { ...c, reason: 'CrashLoopBackOff' },
      crashLooping ? 1 : 0,
    );
    add(
      'kube_pod_container_status_last_terminated_reason',
      { ...c, reason: 'OOMKilled' },
      crashLooping ? 1 : 0,
    );
    add(
      'kube_pod_container_resource_requests',
      { ...c, node: nodes[i % 2], resource: 'cpu', unit: 'core' },
      0.5,
    );
    add(
      'kube_pod_container_resource_limits',
      { ...c, node: nodes[i % 2], resource: 'cpu', unit: 'core' },
      2,
    );
    add(
      'kube_pod_container_resource_limits',
      { ...c, node: nodes[i % 2], resource: 'memory', unit: 'byte' },
      2147483648,
    );
  });
  for (const [pod, phase] of [
    ['taskplatform-runners-x7k2p-runner-4mfq9', 'Running'],
    ['taskplatform-runners-x7k2p-runner-8vd2c', 'Pending'],
  ]) {
    add('kube_pod_status_phase', { namespace: 'arc-runners', pod, phase }, 1);
  }

  // cAdvisor (kubelet)
  const containers: Array<[string, string, number]> = [
    ...portalPods.map((pod): [string, string, number] => ['portal', pod, 0.21]),
    ['arc-runners', 'taskplatform-runners-x7k2p-runner-4mfq9', 0.9],
  ];
  for (const [namespace, pod, cores] of containers) {
    const c = {
      namespace,
      pod,
      container: namespace === 'portal' ? 'portal' : 'runner',
    };
    add('container_cpu_usage_seconds_total', c, 1000 + cores * t);
    add('container_cpu_cfs_periods_total', c, 50000 + 10 * t);
    add(
      'container_cpu_cfs_throttled_periods_total',
      c,
      100 + Math.floor(t / 3),
    );
    add('container_memory_working_set_bytes', c, 769654784 + 1024 * t);
    // the pause container and the pod-level series are left out by the queries
    add(
      'container_cpu_usage_seconds_total',
      { namespace, pod, container: 'POD' },
      3 + 0.001 * t,
    );
  }

  // node-exporter
  nodes.forEach((node, n) => {
    const instance = `10.0.1${n + 1}.23:9100`;
    for (const cpu of ['0', '1']) {
      add(
        'node_cpu_seconds_total',
        { instance, node, cpu, mode: 'idle' },
        50000 + 0.6 * t,
      );
      add(
        'node_cpu_seconds_total',
        { instance, node, cpu, mode: 'user' },
        20000 + 0.3 * t,
      );
    }
    add('node_memory_MemAvailable_bytes', { instance, node }, 2147483648);
    add('node_memory_MemTotal_bytes', { instance, node }, 4102029312);
    for (const [mountpoint, fstype] of [
      ['/', 'xfs'],
      ['/run', 'tmpfs'],
    ]) {
      add(
        'node_filesystem_avail_bytes',
        { instance, node, mountpoint, fstype },
        32212254720,
      );
      add(
        'node_filesystem_size_bytes',
        { instance, node, mountpoint, fstype },
        53687091200,
      );
    }
  });
  return `${lines.join('\n')}\n`;
}

/** Serves {@link clusterMetricsText} at `/metrics` on a free port of 127.0.0.1. */
export async function startClusterMetricsFixture(): Promise<{
  target: string;
  close(): Promise<void>;
}> {
  const start = Date.now();
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(clusterMetricsText((Date.now() - start) / 1000));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
