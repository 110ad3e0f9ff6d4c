import type { EnvironmentSpec } from '../spec.ts';

/** A Helm release installed on the cluster by CDK. */
export interface AddonChart {
  /** Construct id. */
  id: string;
  chart: string;
  repository: string;
  version: string;
  namespace: string;
  release: string;
  values: Record<string, unknown>;
}

export const STORAGE_CLASS = 'gp3-encrypted';
export const RUNNERS_NAMESPACE = 'arc-runners';
export const ARC_SYSTEM_NAMESPACE = 'arc-systems';
export const ARC_CONTROLLER_SERVICE_ACCOUNT = 'arc-controller';
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = 'cluster-autoscaler';

const ARC_CHARTS = 'oci://ghcr.io/actions/actions-runner-controller-charts';

/** The cluster name for an environment. */
export function clusterNameFor(spec: EnvironmentSpec): string {
  return `${spec.name}-cluster`;
}

/** In-cluster DNS names of the monitoring services (stack outputs and chart values agree). */
export function monitoringServices(spec: EnvironmentSpec) {
  const ns = spec.monitoring.namespace;
  return {
    grafana: `grafana.${ns}.svc.cluster.local`,
    prometheus: `kube-prometheus-stack-prometheus.${ns}.svc.cluster.local`,
    alertmanager: `kube-prometheus-stack-alertmanager.${ns}.svc.cluster.local`,
    loki: `loki.${ns}.svc.cluster.local`,
  };
}

/** Pod tolerations matching the runners node group taint. */
export function runnerTolerations(spec: EnvironmentSpec) {
  const { taint } = spec.cluster.runnerNodes;
  return [
    {
      key: taint.key,
      operator: 'Equal',
      value: taint.value,
      effect: taint.effect,
    },
  ];
}

function volumeClaim(sizeGiB: number) {
  return {
    spec: {
      storageClassName: STORAGE_CLASS,
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: `${sizeGiB}Gi` } },
    },
  };
}

/**
 * The Helm releases of the in-cluster add-ons, apart from the AWS Load Balancer
 * Controller, which aws-cdk-lib installs together with its IAM policy.
 */
export function addonCharts(spec: EnvironmentSpec): AddonChart[] {
  const { monitoring, github, charts } = spec;
  const services = monitoringServices(spec);
  const clusterName = clusterNameFor(spec);

  return [
    {
      id: 'MetricsServer',
      chart: 'metrics-server',
      repository: 'https://kubernetes-sigs.github.io/metrics-server/',
      version: charts.metricsServer,
      namespace: 'kube-system',
      release: 'metrics-server',
      values: { replicas: spec.stage === 'prod' ? 2 : 1 },
    },
    {
      id: 'ClusterAutoscaler',
      chart: 'cluster-autoscaler',
      repository: 'https://kubernetes.github.io/autoscaler',
      version: charts.clusterAutoscaler,
      namespace: 'kube-system',
      release: 'cluster-autoscaler',
      values: {
        cloudProvider: 'aws',
        awsRegion: spec.region,
        autoDiscovery: { clusterName },
        rbac: {
          serviceAccount: {
            create: false,
            name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
          },
        },
        extraArgs: {
          'balance-similar-node-groups': true,
          'skip-nodes-with-system-pods': false,
          expander: 'least-waste',
        },
      },
    },
    {
      id: 'RunnerController',
      chart: 'gha-runner-scale-set-controller',
      repository: `${ARC_CHARTS}/gha-runner-scale-set-controller`,
      version: charts.actionsRunnerController,
      namespace: ARC_SYSTEM_NAMESPACE,
      release: 'arc',
      values: {
        serviceAccount: { create: true, name: ARC_CONTROLLER_SERVICE_ACCOUNT },
      },
    },
    {
      id: 'RunnerScaleSet',
      chart: 'gha-runner-scale-set',
      repository: `${ARC_CHARTS}/gha-runner-scale-set`,
      version: charts.actionsRunnerController,
      namespace: RUNNERS_NAMESPACE,
      release: github.runners.scaleSetName,
      values: {
        githubConfigUrl: `https://github.com/${github.org}/${github.repo}`,
        githubConfigSecret: github.runners.configSecretName,
        runnerScaleSetName: github.runners.scaleSetName,
        minRunners: github.runners.minRunners,
        maxRunners: github.runners.maxRunners,
        controllerServiceAccount: {
          namespace: ARC_SYSTEM_NAMESPACE,
          name: ARC_CONTROLLER_SERVICE_ACCOUNT,
        },
        template: {
          spec: {
            nodeSelector: spec.cluster.runnerNodes.labels,
            tolerations: runnerTolerations(spec),
            containers: [
              {
                name: 'runner',
                image: 'ghcr.io/actions/actions-runner:latest',
                command: ['/home/runner/run.sh'],
              },
            ],
          },
        },
      },
    },
    {
      id: 'KubePrometheusStack',
      chart: 'kube-prometheus-stack',
      repository: 'https://prometheus-community.github.io/helm-charts',
      version: charts.kubePrometheusStack,
      namespace: monitoring.namespace,
      release: 'kube-prometheus-stack',
      values: {
        fullnameOverride: 'kube-prometheus-stack',
        prometheus: {
          prometheusSpec: {
            retention: `${monitoring.prometheusRetentionDays}d`,
            // Pick up ServiceMonitors from every release, not only this chart's.
            serviceMonitorSelectorNilUsesHelmValues: false,
            podMonitorSelectorNilUsesHelmValues: false,
            storageSpec: {
              volumeClaimTemplate: volumeClaim(monitoring.prometheusStorageGiB),
            },
          },
        },
        alertmanager: {
          enabled: true,
          alertmanagerSpec: {
            storage: { volumeClaimTemplate: volumeClaim(5) },
          },
        },
        grafana: {
          enabled: true,
          fullnameOverride: 'grafana',
          // Empty: the chart generates a random admin password into its secret.
          adminPassword: '',
          persistence: {
            enabled: true,
            storageClassName: STORAGE_CLASS,
            size: '10Gi',
          },
          additionalDataSources: [
            {
              name: 'Loki',
              type: 'loki',
              access: 'proxy',
              url: `http://${services.loki}:3100`,
            },
          ],
        },
        // Node exporter must run on every node, runners included.
        'prometheus-node-exporter': { tolerations: [{ operator: 'Exists' }] },
      },
    },
    {
      id: 'Loki',
      chart: 'loki',
      repository: 'https://grafana.github.io/helm-charts',
      version: charts.loki,
      namespace: monitoring.namespace,
      release: 'loki',
      values: {
        deploymentMode: 'SingleBinary',
        fullnameOverride: 'loki',
        loki: {
          auth_enabled: false,
          commonConfig: { replication_factor: 1 },
          storage: { type: 'filesystem' },
          schemaConfig: {
            configs: [
              {
                from: '2024-04-01',
                store: 'tsdb',
                object_store: 'filesystem',
                schema: 'v13',
                index: { prefix: 'loki_index_', period: '24h' },
              },
            ],
          },
          limits_config: {
            retention_period: `${monitoring.lokiRetentionDays * 24}h`,
          },
          compactor: {
            retention_enabled: true,
            delete_request_store: 'filesystem',
          },
        },
        singleBinary: {
          replicas: 1,
          persistence: {
            storageClass: STORAGE_CLASS,
            size: `${monitoring.lokiStorageGiB}Gi`,
          },
        },
        backend: { replicas: 0 },
        read: { replicas: 0 },
        write: { replicas: 0 },
        gateway: { enabled: false },
        chunksCache: { enabled: false },
        resultsCache: { enabled: false },
        lokiCanary: { enabled: false },
        test: { enabled: false },
      },
    },
    {
      id: 'Promtail',
      chart: 'promtail',
      repository: 'https://grafana.github.io/helm-charts',
      version: charts.promtail,
      namespace: monitoring.namespace,
      release: 'promtail',
      values: {
        config: {
          clients: [{ url: `http://${services.loki}:3100/loki/api/v1/push` }],
        },
        // Collect logs on every node, runners included.
        tolerations: [{ operator: 'Exists' }],
      },
    },
  ];
}
