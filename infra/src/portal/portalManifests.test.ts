import { specFromPreset } from '../index.ts';
import { namespacePodSecurity } from '../stacks/platformManifests.ts';
import { portalManifests } from './portalManifests.ts';

const env = specFromPreset('prod', {
  name: 'acme-prod',
  account: '210987654321',
  region: 'eu-west-1',
});
const input = {
  image: '210987654321.dkr.ecr.eu-west-1.amazonaws.com/portal:abc123',
  host: 'portal.acme.example',
  certificateArn:
    'arn:aws:acm:eu-west-1:210987654321:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc',
  serviceAccountRoleArn: 'arn:aws:iam::210987654321:role/acme-prod-portal',
  databaseSecret:
    'arn:aws:secretsmanager:eu-west-1:210987654321:secret:acme-prod-db-AbCdEf',
};
const objects: any[] = portalManifests(env, input).toJson();
const find = (kind: string, name = 'portal') => {
  const found = objects.find(o => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const deployment = find('Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];

describe('portalManifests', () => {
  it('runs at least 3 replicas with requests and limits', () => {
    expect(deployment.spec.replicas).toBe(3);
    expect(container.resources).toEqual({
      requests: { cpu: '500m', memory: '1Gi' },
      limits: { cpu: '2', memory: '2Gi' },
    });
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    // The catalog's Kubernetes views find the pods by the entity's kubernetes-id.
    expect(deployment.spec.template.metadata.labels).toMatchObject({
      'backstage.io/kubernetes-id': 'task-platform-portal',
    });
  });

  it('probes the Backstage health endpoints', () => {
    expect(container.readinessProbe.httpGet).toEqual({
      path: '/.backstage/health/v1/readiness',
      port: 'http',
    });
    expect(container.livenessProbe.httpGet).toEqual({
      path: '/.backstage/health/v1/liveness',
      port: 'http',
    });
    expect(container.startupProbe.httpGet.path).toBe(
      '/.backstage/health/v1/readiness',
    );
    expect(container.startupProbe.failureThreshold).toBeGreaterThan(
      container.livenessProbe.failureThreshold,
    );
  });

  it('meets the restricted Pod Security Standard in every field', () => {
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    // Read-only root: the only writable mount is an emptyDir at /tmp.
    expect(container.volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
    ]);
    expect(pod.volumes).toEqual([
      { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
    ]);
    // Every object lives in the application namespace, which enforces "restricted".
    expect(new Set(objects.map(o => o.metadata.namespace))).toEqual(
      new Set([env.cluster.appNamespace]),
    );
    expect(namespacePodSecurity(env)[env.cluster.appNamespace]).toBe(
      'restricted',
    );
    expect(pod.hostNetwork).toBeUndefined();
  });

  it('lets Prometheus scrape the metrics port', () => {
    expect(deployment.spec.template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9464',
      'prometheus.io/path': '/metrics',
    });
    expect(container.ports).toContainEqual({
      name: 'metrics',
      containerPort: 9464,
    });
  });

  it('scales 3-10 on CPU 70 % and keeps all but one pod through disruptions', () => {
    const hpa = find('HorizontalPodAutoscaler');
    expect(hpa.spec.minReplicas).toBe(3);
    expect(hpa.spec.maxReplicas).toBe(10);
    expect(hpa.spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 70 },
        },
      },
    ]);
    expect(hpa.spec.scaleTargetRef.name).toBe('portal');
    const pdb = find('PodDisruptionBudget');
    expect(pdb.spec.minAvailable).toBe(2);
    expect(pdb.spec.selector.matchLabels).toEqual(
      deployment.spec.selector.matchLabels,
    );
  });

  it('uses an IRSA service account that does not mount a Kubernetes token', () => {
    const sa = find('ServiceAccount');
    expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toBe(
      input.serviceAccountRoleArn,
    );
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe('portal');
  });

  it('admits traffic only from the ALB subnets, and Prometheus on the metrics port', () => {
    const policy = find('NetworkPolicy');
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([
      {
        from: env.network.subnets.public.map(cidr => ({ ipBlock: { cidr } })),
        ports: [{ protocol: 'TCP', port: 7007 }],
      },
      {
        from: [
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: 9464 }],
      },
    ]);
  });

  it('sends traffic only to RDS, DNS and the AWS endpoints', () => {
    const egress = find('NetworkPolicy').spec.egress;
    expect(egress).toHaveLength(3);
    expect(egress[0]).toEqual({
      to: [
        { ipBlock: { cidr: '10.0.21.0/24' } },
        { ipBlock: { cidr: '10.0.22.0/24' } },
      ],
      ports: [{ protocol: 'TCP', port: env.database.port }],
    });
    expect(egress[1].ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
    expect(egress[1].to[0].podSelector.matchLabels).toEqual({
      'k8s-app': 'kube-dns',
    });
    expect(egress[2]).toEqual({
      to: [
        { ipBlock: { cidr: '10.0.11.0/24' } },
        { ipBlock: { cidr: '10.0.12.0/24' } },
      ],
      ports: [{ protocol: 'TCP', port: 443 }],
    });
    const cidrs = egress.flatMap((rule: any) =>
      (rule.to ?? []).flatMap((peer: any) => peer.ipBlock?.cidr ?? []),
    );
    expect(cidrs).not.toContain('0.0.0.0/0');
  });

  it('serves HTTPS 443 at an ALB with the certificate from the spec', () => {
    const ingress = find('Ingress');
    const annotations = ingress.metadata.annotations;
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(annotations['alb.ingress.kubernetes.io/listen-ports']).toBe(
      '[{"HTTPS":443}]',
    );
    expect(annotations['alb.ingress.kubernetes.io/certificate-arn']).toBe(
      input.certificateArn,
    );
    expect(annotations['alb.ingress.kubernetes.io/healthcheck-path']).toBe(
      '/.backstage/health/v1/readiness',
    );
    expect(ingress.spec.rules[0].host).toBe('portal.acme.example');
  });

  it('takes the database credentials from Secrets Manager', () => {
    const secret = find('ExternalSecret', 'portal-database');
    expect(
      secret.spec.data.map((d: any) => [d.secretKey, d.remoteRef.key]),
    ).toContainEqual(['POSTGRES_PASSWORD', input.databaseSecret]);
    expect(
      find('SecretStore', 'aws-secrets-manager').spec.provider.aws,
    ).toEqual({
      service: 'SecretsManager',
      region: 'eu-west-1',
      auth: { jwt: { serviceAccountRef: { name: 'portal' } } },
    });
    expect(container.envFrom).toContainEqual({
      secretRef: { name: 'portal-database' },
    });
    const plainEnv = container.env.map((e: any) => e.name);
    expect(plainEnv).not.toContain('POSTGRES_PASSWORD');
  });

  it('names the field of bad input', () => {
    expect(() =>
      portalManifests(env, { ...input, replicas: { min: 2, max: 10 } }),
    ).toThrow(/replicas\.min/);
    expect(() =>
      portalManifests(env, { ...input, certificateArn: 'nope' }),
    ).toThrow(/certificateArn: must be an ACM certificate ARN/);
    expect(() =>
      portalManifests(env, { ...input, image: 'portal:latest' }),
    ).toThrow(/image/);
  });
});
