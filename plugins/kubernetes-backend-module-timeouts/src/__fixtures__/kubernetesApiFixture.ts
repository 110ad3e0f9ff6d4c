import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * TEST FIXTURE ONLY: a local HTTP server answering like a Kubernetes API
 * server with responses recorded from a cluster running the portal (pods, one
 * of them crash looping; its Deployment, ReplicaSet, `autoscaling/v2` HPA,
 * Service and events; pod metrics), empty lists for every other kind. With
 * `hang`, it accepts connections and never answers.
 */
const ID = 'task-platform-portal';
const NS = 'portal';
const labels = {
  'app.kubernetes.io/name': 'portal',
  'backstage.io/kubernetes-id': ID,
};
const meta = (name: string, extra: object = {}) => ({
  name,
  namespace: NS,
  uid: `${name}-0d9c`,
  resourceVersion: '5518830',
  creationTimestamp: '2026-12-01T08:00:00Z',
  labels,
  ...extra,
});
const container = {
  name: 'portal',
  image:
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com/task-platform-portal:1.8.0',
  ports: [
    { name: 'http', containerPort: 7007, protocol: 'TCP' },
    { name: 'metrics', containerPort: 9464, protocol: 'TCP' },
  ],
  resources: {
    requests: { cpu: '500m', memory: '1Gi' },
    limits: { cpu: '2', memory: '2Gi' },
  },
};
const pod = (name: string, status: object) => ({
  metadata: meta(name, {
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'portal-6f7d9c8b5d',
        uid: 'portal-6f7d9c8b5d-0d9c',
        controller: true,
      },
    ],
  }),
  spec: {
    containers: [container],
    nodeName: 'ip-10-0-11-23.eu-west-1.compute.internal',
  },
  status,
});
const running = {
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'True' }],
  containerStatuses: [
    {
      name: 'portal',
      ready: true,
      restartCount: 0,
      state: { running: { startedAt: '2026-12-01T08:01:12Z' } },
    },
  ],
};
const crashLooping = {
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'False' }],
  containerStatuses: [
    {
      name: 'portal',
      ready: false,
      restartCount: 7,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: 'back-off 5m0s restarting failed container=portal',
        },
      },
      lastState: { terminated: { reason: 'Error', exitCode: 1 } },
    },
  ],
};

export const RECORDED: Record<string, object> = {
  '/api/v1/pods': {
    kind: 'PodList',
    apiVersion: 'v1',
    items: [
      pod('portal-6f7d9c8b5d-2xkqp', running),
      pod('portal-6f7d9c8b5d-9wz4t', running),
      pod('portal-6f7d9c8b5d-ltm7c', crashLooping),
    ],
  },
  '/apis/apps/v1/deployments': {
    kind: 'DeploymentList',
    apiVersion: 'apps/v1',
    items: [
      {
        metadata: meta('portal', { generation: 12 }),
        spec: {
          replicas: 3,
          selector: { matchLabels: { 'app.kubernetes.io/name': 'portal' } },
          strategy: { type: 'RollingUpdate' },
        },
        status: {
          observedGeneration: 12,
          replicas: 3,
          readyReplicas: 2,
          updatedReplicas: 3,
          availableReplicas: 2,
          unavailableReplicas: 1,
        },
      },
    ],
  },
  '/apis/apps/v1/replicasets': {
    kind: 'ReplicaSetList',
    apiVersion: 'apps/v1',
    items: [
      {
        metadata: meta('portal-6f7d9c8b5d'),
        spec: { replicas: 3 },
        status: { replicas: 3, readyReplicas: 2, availableReplicas: 2 },
      },
    ],
  },
  '/apis/autoscaling/v2/horizontalpodautoscalers': {
    kind: 'HorizontalPodAutoscalerList',
    apiVersion: 'autoscaling/v2',
    items: [
      {
        metadata: meta('portal'),
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'portal',
          },
          minReplicas: 3,
          maxReplicas: 10,
          metrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                target: { type: 'Utilization', averageUtilization: 70 },
              },
            },
          ],
        },
        status: {
          currentReplicas: 3,
          desiredReplicas: 3,
          currentMetrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                current: { averageUtilization: 41, averageValue: '205m' },
              },
            },
          ],
        },
      },
    ],
  },
  '/api/v1/services': {
    kind: 'ServiceList',
    apiVersion: 'v1',
    items: [
      {
        metadata: meta('portal'),
        spec: {
          type: 'ClusterIP',
          clusterIP: '172.20.41.7',
          ports: [{ name: 'http', port: 80, targetPort: 'http' }],
        },
      },
    ],
  },
  '/api/v1/events': {
    kind: 'EventList',
    apiVersion: 'v1',
    items: [
      {
        metadata: meta('portal-6f7d9c8b5d-ltm7c.187c4b1d2e0f'),
        involvedObject: {
          kind: 'Pod',
          namespace: NS,
          name: 'portal-6f7d9c8b5d-ltm7c',
        },
        reason: 'BackOff',
        message:
          'Back-off restarting failed container portal in pod portal-6f7d9c8b5d-ltm7c',
        type: 'Warning',
        count: 31,
        lastTimestamp: '2026-12-02T07:58:40Z',
      },
    ],
  },
  '/apis/metrics.k8s.io/v1beta1/pods': {
    kind: 'PodMetricsList',
    apiVersion: 'metrics.k8s.io/v1beta1',
    items: ['portal-6f7d9c8b5d-2xkqp', 'portal-6f7d9c8b5d-9wz4t'].map(name => ({
      metadata: { name, namespace: NS, labels },
      timestamp: '2026-12-02T08:00:00Z',
      window: '15s',
      containers: [{ name: 'portal', usage: { cpu: '212m', memory: '734Mi' } }],
    })),
  },
};

export interface KubernetesApiFixture {
  url: string;
  /** Paths and query strings received, in order. */
  requests: Array<{ path: string; query: string; authorization?: string }>;
  close(): Promise<void>;
}

/** Starts the fixture on a free port of 127.0.0.1. */
export async function startKubernetesApiFixture(
  options: { hang?: boolean } = {},
): Promise<KubernetesApiFixture> {
  const requests: KubernetesApiFixture['requests'] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    // Namespaced and cluster-wide lists answer the same.
    const path = url.pathname.replace(/\/namespaces\/[^/]+/, '');
    requests.push({
      path: url.pathname,
      query: url.search,
      authorization: req.headers.authorization,
    });
    if (options.hang) return; // never answer
    if (path === '/api/v1/secrets') {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden' }),
      );
      return;
    }
    const recorded = RECORDED[path];
    const kind = `${path.split('/').pop()}List`;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(recorded ?? { kind, apiVersion: 'v1', items: [] }));
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise(resolve => {
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      }),
  };
}
