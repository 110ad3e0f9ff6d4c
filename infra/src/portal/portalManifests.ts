import { ApiObject, App as Cdk8sApp, Chart } from 'cdk8s';
import type { EnvironmentSpec } from '../index.ts';
import {
  parsePortalDeploymentSpec,
  type PortalDeploymentInput,
  type PortalDeploymentSpec,
} from './portalDeploymentSpec.ts';

export const PORTAL_NAME = 'portal';
const LABELS = {
  'app.kubernetes.io/name': PORTAL_NAME,
  'app.kubernetes.io/part-of': 'task-platform',
  // The portal's catalog entity selects its workloads with this label.
  'backstage.io/kubernetes-id': 'task-platform-portal',
};
const READINESS_PATH = '/.backstage/health/v1/readiness';
const LIVENESS_PATH = '/.backstage/health/v1/liveness';
/** Secrets Manager secret with the portal's own secrets (GitHub OAuth app, tokens). */
export const PORTAL_APP_SECRET_NAME = 'taskplatform/portal';
/** ConfigMap holding the RDS CA bundle (created by deploy.yml). */
export const RDS_CA_CONFIG_MAP = 'portal-rds-ca';

/** The restricted Pod Security Standard, as a container securityContext. */
export const RESTRICTED_CONTAINER_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  privileged: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

function externalSecret(
  chart: Chart,
  name: string,
  namespace: string,
  key: string,
  data: Record<string, string>,
) {
  new ApiObject(chart, `external-secret-${name}`, {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name, namespace, labels: LABELS },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'SecretStore', name: 'aws-secrets-manager' },
      target: { name, creationPolicy: 'Owner' },
      data: Object.entries(data).map(([secretKey, property]) => ({
        secretKey,
        remoteRef: { key, property },
      })),
    },
  });
}

function portalContainer(portal: PortalDeploymentSpec) {
  const probe = (path: string) => ({
    httpGet: { path, port: 'http' },
    periodSeconds: 10,
    timeoutSeconds: 3,
  });
  return {
    name: PORTAL_NAME,
    image: portal.image,
    ports: [
      { name: 'http', containerPort: portal.port },
      { name: 'metrics', containerPort: portal.metricsPort },
    ],
    env: [
      { name: 'NODE_ENV', value: 'production' },
      { name: 'PORTAL_BASE_URL', value: `https://${portal.host}` },
      {
        name: 'POSTGRES_CA_CERT',
        valueFrom: {
          configMapKeyRef: { name: RDS_CA_CONFIG_MAP, key: 'ca.pem' },
        },
      },
    ],
    envFrom: [
      { secretRef: { name: 'portal-database' } },
      { secretRef: { name: 'portal-secrets' } },
    ],
    resources: portal.resources,
    readinessProbe: { ...probe(READINESS_PATH), failureThreshold: 3 },
    livenessProbe: { ...probe(LIVENESS_PATH), failureThreshold: 3 },
    // Until the backend is ready once (migrations on the first start can take a
    // while), liveness waits; a start that never gets ready is restarted.
    startupProbe: { ...probe(READINESS_PATH), failureThreshold: 30 },
    securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
    // The only writable path: the backend's working directory and TechDocs output.
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
}

function networkPolicy(
  chart: Chart,
  env: EnvironmentSpec,
  portal: PortalDeploymentSpec,
  namespace: string,
) {
  const tcp = (port: number) => ({ protocol: 'TCP', port });
  const cidrs = (list: string[]) => list.map(cidr => ({ ipBlock: { cidr } }));
  new ApiObject(chart, 'network-policy', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: PORTAL_NAME, namespace },
    spec: {
      podSelector: { matchLabels: LABELS },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        // The ALB (IP targets) sits in the public subnets.
        { from: cidrs(env.network.subnets.public), ports: [tcp(portal.port)] },
        // Prometheus scrapes the metrics port only.
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: {
                  'kubernetes.io/metadata.name': env.monitoring.namespace,
                },
              },
            },
          ],
          ports: [tcp(portal.metricsPort)],
        },
      ],
      egress: [
        // RDS, in the data subnets.
        {
          to: cidrs(env.network.subnets.data),
          ports: [tcp(env.database.port)],
        },
        // Cluster DNS.
        {
          to: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
              },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
        // The VPC's interface endpoints (STS, Secrets Manager, ECR, Logs) live in
        // the private subnets; nothing else of AWS is reached from the portal.
        { to: cidrs(env.network.subnets.private), ports: [tcp(443)] },
        ...(portal.externalHttpsCidrs.length > 0
          ? [{ to: cidrs(portal.externalHttpsCidrs), ports: [tcp(443)] }]
          : []),
      ],
    },
  });
}

/**
 * The portal's Kubernetes resources (cdk8s), in the environment's application
 * namespace (restricted Pod Security, see platformManifests): IRSA service account, database and app secrets from Secrets Manager (External
 * Secrets), Deployment, Service, HPA, PDB, NetworkPolicy and the ALB Ingress.
 */
export function portalManifests(
  env: EnvironmentSpec,
  input: PortalDeploymentInput,
): Chart {
  const portal = parsePortalDeploymentSpec(input);
  const namespace = portal.namespace ?? env.cluster.appNamespace;
  const chart = new Chart(new Cdk8sApp(), 'portal', {
    disableResourceNameHashes: true,
  });
  const meta = (name: string) => ({ name, namespace, labels: LABELS });

  new ApiObject(chart, 'service-account', {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      ...meta(PORTAL_NAME),
      annotations: {
        'eks.amazonaws.com/role-arn': portal.serviceAccountRoleArn,
        'eks.amazonaws.com/sts-regional-endpoints': 'true',
      },
    },
    // The portal never calls the Kubernetes API of its own cluster with this account.
    automountServiceAccountToken: false,
  });
  new ApiObject(chart, 'secret-store', {
    apiVersion: 'external-secrets.io/v1',
    kind: 'SecretStore',
    metadata: meta('aws-secrets-manager'),
    spec: {
      provider: {
        aws: {
          service: 'SecretsManager',
          region: env.region,
          auth: { jwt: { serviceAccountRef: { name: PORTAL_NAME } } },
        },
      },
    },
  });
  externalSecret(chart, 'portal-database', namespace, portal.databaseSecret, {
    POSTGRES_HOST: 'host',
    POSTGRES_PORT: 'port',
    POSTGRES_USER: 'username',
    POSTGRES_PASSWORD: 'password',
    POSTGRES_DB: 'dbname',
  });
  externalSecret(chart, 'portal-secrets', namespace, PORTAL_APP_SECRET_NAME, {
    AUTH_GITHUB_CLIENT_ID: 'githubClientId',
    AUTH_GITHUB_CLIENT_SECRET: 'githubClientSecret',
    BACKEND_EXTERNAL_TOKEN: 'backendExternalToken',
    GRAFANA_TOKEN: 'grafanaToken',
  });

  new ApiObject(chart, 'deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(PORTAL_NAME),
    spec: {
      replicas: portal.replicas.min,
      selector: { matchLabels: LABELS },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
      },
      template: {
        metadata: {
          labels: LABELS,
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(portal.metricsPort),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          serviceAccountName: PORTAL_NAME,
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            fsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          // Connection draining: the ALB deregisters within 30 s.
          terminationGracePeriodSeconds: 30,
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: LABELS },
            },
          ],
          containers: [portalContainer(portal)],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
        },
      },
    },
  });
  new ApiObject(chart, 'service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(PORTAL_NAME),
    spec: {
      selector: LABELS,
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'metrics', port: portal.metricsPort, targetPort: 'metrics' },
      ],
    },
  });
  new ApiObject(chart, 'hpa', {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta(PORTAL_NAME),
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: PORTAL_NAME,
      },
      minReplicas: portal.replicas.min,
      maxReplicas: portal.replicas.max,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: {
              type: 'Utilization',
              averageUtilization: portal.cpuTargetPercent,
            },
          },
        },
      ],
    },
  });
  new ApiObject(chart, 'pdb', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(PORTAL_NAME),
    spec: {
      minAvailable: portal.replicas.min - 1,
      selector: { matchLabels: LABELS },
    },
  });
  networkPolicy(chart, env, portal, namespace);
  new ApiObject(chart, 'ingress', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      ...meta(PORTAL_NAME),
      annotations: {
        'alb.ingress.kubernetes.io/scheme': 'internet-facing',
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
        'alb.ingress.kubernetes.io/certificate-arn': portal.certificateArn,
        'alb.ingress.kubernetes.io/ssl-policy':
          'ELBSecurityPolicy-TLS13-1-2-2021-06',
        'alb.ingress.kubernetes.io/healthcheck-path': READINESS_PATH,
        'alb.ingress.kubernetes.io/healthcheck-interval-seconds': '30',
        'alb.ingress.kubernetes.io/target-group-attributes':
          'deregistration_delay.timeout_seconds=30',
      },
    },
    spec: {
      ingressClassName: 'alb',
      tls: [{ hosts: [portal.host] }],
      rules: [
        {
          host: portal.host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: {
                  service: { name: PORTAL_NAME, port: { name: 'http' } },
                },
              },
            ],
          },
        },
      ],
    },
  });
  return chart;
}
