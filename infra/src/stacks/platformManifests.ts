import { ApiObject, App as Cdk8sApp, Chart } from 'cdk8s';
import type { EnvironmentSpec } from '../spec.ts';
import {
  ARC_SYSTEM_NAMESPACE,
  RUNNERS_NAMESPACE,
  STORAGE_CLASS,
} from './addonCharts.ts';

type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** Pod Security Standard level enforced in each namespace this package creates. */
export function namespacePodSecurity(
  spec: EnvironmentSpec,
): Record<string, PodSecurityLevel> {
  return {
    [spec.cluster.appNamespace]: 'restricted',
    [ARC_SYSTEM_NAMESPACE]: 'baseline',
    [RUNNERS_NAMESPACE]: 'baseline',
    // node-exporter and promtail need host namespaces and hostPath mounts.
    [spec.monitoring.namespace]: 'privileged',
  };
}

function denyAllIngress(chart: Chart, namespace: string) {
  new ApiObject(chart, `${namespace}-default-deny-ingress`, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny-ingress', namespace },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  });
}

/**
 * Cluster-level objects written with cdk8s: namespaces with Pod Security labels, the
 * encrypted gp3 default storage class, and NetworkPolicies (enforced by the VPC CNI).
 */
export function platformManifests(spec: EnvironmentSpec): Chart {
  const chart = new Chart(new Cdk8sApp(), 'platform', {
    disableResourceNameHashes: true,
  });

  for (const [name, level] of Object.entries(namespacePodSecurity(spec))) {
    new ApiObject(chart, `namespace-${name}`, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        labels: {
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });
  }

  new ApiObject(chart, 'storage-class', {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: STORAGE_CLASS,
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    },
    provisioner: 'ebs.csi.aws.com',
    parameters: {
      type: 'gp3',
      encrypted: 'true',
      'csi.storage.k8s.io/fstype': 'ext4',
    },
    reclaimPolicy: 'Retain',
    allowVolumeExpansion: true,
    volumeBindingMode: 'WaitForFirstConsumer',
  });

  const app = spec.cluster.appNamespace;
  denyAllIngress(chart, app);
  new ApiObject(chart, `${app}-allow-ingress`, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-namespace-monitoring-and-alb', namespace: app },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: {} }] },
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: {
                  'kubernetes.io/metadata.name': spec.monitoring.namespace,
                },
              },
            },
          ],
        },
        // ALBs in IP target mode reach pods from the public subnets.
        {
          from: spec.network.subnets.public.map(cidr => ({
            ipBlock: { cidr },
          })),
        },
      ],
    },
  });
  // Runners only make outbound calls (GitHub, registries, AWS APIs).
  denyAllIngress(chart, RUNNERS_NAMESPACE);

  return chart;
}
