import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthPreset, type SynthesizedPreset } from '../testing/synthPreset.ts';

/** A JSON property CDK rendered as `Fn::Join` (it embeds tokens), with tokens as "TOKEN". */
function jsonWithTokens(value: unknown): any {
  if (typeof value === 'string') return JSON.parse(value);
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })?.['Fn::Join'];
  if (!join) throw new Error(`Not JSON: ${JSON.stringify(value)}`);
  return JSON.parse(
    join[1]
      .map(part => (typeof part === 'string' ? part : 'TOKEN'))
      .join(join[0]),
  );
}

describe.each(['dev', 'prod'] as const)('ClusterStack (%s preset)', stage => {
  let synth: SynthesizedPreset;
  let template: Template;

  beforeAll(() => {
    synth = synthPreset(stage);
    template = synth.template(synth.stacks.cluster);
  });
  afterAll(() => synth.cleanup());

  function helmCharts(): Record<
    string,
    { Chart: string; Values: any; [k: string]: any }
  > {
    return Object.fromEntries(
      Object.values(template.findResources('Custom::AWSCDK-EKS-HelmChart')).map(
        r => [
          r.Properties.Chart,
          {
            ...r.Properties,
            Values: jsonWithTokens(r.Properties.Values ?? '{}'),
          },
        ],
      ),
    );
  }

  function manifests(): any[] {
    return Object.values(
      template.findResources('Custom::AWSCDK-EKS-KubernetesResource'),
    ).flatMap(r => jsonWithTokens(r.Properties.Manifest));
  }

  it('creates a private EKS 1.35 cluster with encrypted secrets and all control plane logs', () => {
    template.hasResourceProperties('Custom::AWSCDK-EKS-Cluster', {
      Config: Match.objectLike({
        name: `taskplatform-${stage}-cluster`,
        version: '1.35',
        encryptionConfig: [Match.objectLike({ resources: ['secrets'] })],
        resourcesVpcConfig: Match.objectLike({
          endpointPublicAccess: false,
          endpointPrivateAccess: true,
        }),
        logging: {
          clusterLogging: [
            {
              enabled: true,
              types: [
                'api',
                'audit',
                'authenticator',
                'controllerManager',
                'scheduler',
              ],
            },
          ],
        },
      }),
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
    });
  });

  it('sets IRSA up (OIDC provider for the cluster)', () => {
    template.resourceCountIs('Custom::AWSCDKOpenIdConnectProvider', 1);
  });

  it('has the application node group: t3.medium, 2-6 nodes, on demand, untainted', () => {
    template.hasResourceProperties('AWS::EKS::Nodegroup', {
      NodegroupName: `taskplatform-${stage}-app`,
      InstanceTypes: ['t3.medium'],
      CapacityType: 'ON_DEMAND',
      ScalingConfig: { MinSize: 2, DesiredSize: 2, MaxSize: 6 },
      AmiType: 'AL2023_x86_64_STANDARD',
      Taints: Match.absent(),
    });
  });

  it('has the runners node group: t3.small spot, 1-3 nodes, tainted for runner pods only', () => {
    template.hasResourceProperties('AWS::EKS::Nodegroup', {
      NodegroupName: `taskplatform-${stage}-runners`,
      InstanceTypes: ['t3.small'],
      CapacityType: 'SPOT',
      ScalingConfig: { MinSize: 1, DesiredSize: 1, MaxSize: 3 },
      Labels: { 'taskplatform.io/node-group': 'runners' },
      Taints: [
        {
          Key: 'taskplatform.io/runners',
          Value: 'true',
          Effect: 'NO_SCHEDULE',
        },
      ],
    });
  });

  it('gives every node an encrypted gp3 root volume and requires IMDSv2', () => {
    const templates = Object.values(
      template.findResources('AWS::EC2::LaunchTemplate'),
    );
    expect(templates).toHaveLength(2);
    for (const launchTemplate of templates) {
      const data = launchTemplate.Properties.LaunchTemplateData;
      expect(data.BlockDeviceMappings).toEqual([
        {
          DeviceName: '/dev/xvda',
          Ebs: {
            DeleteOnTermination: true,
            Encrypted: true,
            VolumeSize: 50,
            VolumeType: 'gp3',
          },
        },
      ]);
      expect(data.MetadataOptions).toMatchObject({ HttpTokens: 'required' });
    }
    const nodegroups = Object.values(
      template.findResources('AWS::EKS::Nodegroup'),
    );
    nodegroups.forEach(n => expect(n.Properties.LaunchTemplate).toBeDefined());
  });

  it('lets the ALBs reach the nodes and nothing else from outside', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 0,
      ToPort: 65535,
      SourceSecurityGroupId: Match.objectLike({
        'Fn::ImportValue': Match.stringLikeRegexp('AlbSecurityGroup'),
      }),
    });
  });

  it('installs the add-ons as Helm charts', () => {
    expect(Object.keys(helmCharts()).sort()).toEqual([
      'aws-load-balancer-controller',
      'cluster-autoscaler',
      'gha-runner-scale-set',
      'gha-runner-scale-set-controller',
      'kube-prometheus-stack',
      'loki',
      'metrics-server',
      'promtail',
    ]);
    for (const chart of Object.values(helmCharts())) {
      expect(chart.Version).toMatch(/^\d+\.\d+\.\d+/);
    }
  });

  it('runs the load balancer controller and cluster autoscaler with IRSA service accounts', () => {
    const charts = helmCharts();
    expect(charts['aws-load-balancer-controller'].Values).toMatchObject({
      clusterName: 'TOKEN', // Ref to the cluster resource
      region: 'us-east-1',
      image: { tag: synth.spec.charts.awsLoadBalancerController },
      serviceAccount: { create: false, name: 'aws-load-balancer-controller' },
    });
    expect(charts['cluster-autoscaler'].Values).toMatchObject({
      awsRegion: 'us-east-1',
      autoDiscovery: { clusterName: `taskplatform-${stage}-cluster` },
      rbac: { serviceAccount: { create: false, name: 'cluster-autoscaler' } },
    });
    const accounts = manifests().filter(m => m.kind === 'ServiceAccount');
    for (const name of ['aws-load-balancer-controller', 'cluster-autoscaler']) {
      const account = accounts.find(a => a.metadata.name === name);
      expect(account?.metadata.annotations).toHaveProperty(
        ['eks.amazonaws.com/role-arn'],
        'TOKEN',
      );
    }
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: [
              'autoscaling:SetDesiredCapacity',
              'autoscaling:TerminateInstanceInAutoScalingGroup',
            ],
            Condition: {
              StringEquals: {
                [`aws:ResourceTag/k8s.io/cluster-autoscaler/taskplatform-${stage}-cluster`]:
                  'owned',
              },
            },
          }),
        ]),
      },
    });
  });

  it('registers runners for the configured repository, tolerating the runners taint', () => {
    const { Values, Repository, Namespace } =
      helmCharts()['gha-runner-scale-set'];
    expect(Repository).toBe(
      'oci://ghcr.io/actions/actions-runner-controller-charts/gha-runner-scale-set',
    );
    expect(Namespace).toBe('arc-runners');
    expect(Values).toMatchObject({
      githubConfigUrl: 'https://github.com/example-org/task-platform',
      githubConfigSecret: 'github-arc-app',
      minRunners: 0,
      maxRunners: 3,
      controllerServiceAccount: {
        namespace: 'arc-systems',
        name: 'arc-controller',
      },
    });
    expect(Values.template.spec.tolerations).toEqual([
      {
        key: 'taskplatform.io/runners',
        operator: 'Equal',
        value: 'true',
        effect: 'NoSchedule',
      },
    ]);
    expect(Values.template.spec.nodeSelector).toEqual({
      'taskplatform.io/node-group': 'runners',
    });
    expect(
      helmCharts()['gha-runner-scale-set-controller'].Values,
    ).toMatchObject({
      serviceAccount: { name: 'arc-controller' },
    });
  });

  it('configures Prometheus, Grafana, Alertmanager, Loki and Promtail', () => {
    const charts = helmCharts();
    const kps = charts['kube-prometheus-stack'];
    expect(kps.Namespace).toBe('monitoring');
    expect(kps.Values.prometheus.prometheusSpec).toMatchObject({
      retention: '15d',
      storageSpec: {
        volumeClaimTemplate: {
          spec: {
            storageClassName: 'gp3-encrypted',
            resources: { requests: { storage: '50Gi' } },
          },
        },
      },
    });
    expect(kps.Values.alertmanager.enabled).toBe(true);
    expect(kps.Values.grafana).toMatchObject({
      enabled: true,
      fullnameOverride: 'grafana',
      adminPassword: '',
      additionalDataSources: [
        expect.objectContaining({
          type: 'loki',
          url: 'http://loki.monitoring.svc.cluster.local:3100',
        }),
      ],
    });
    expect(charts.loki.Values).toMatchObject({
      deploymentMode: 'SingleBinary',
      loki: { limits_config: { retention_period: '168h' } },
    });
    expect(charts.promtail.Values.config.clients).toEqual([
      { url: 'http://loki.monitoring.svc.cluster.local:3100/loki/api/v1/push' },
    ]);
  });

  it('creates namespaces with Pod Security labels and the encrypted default storage class', () => {
    const all = manifests();
    const namespaces = Object.fromEntries(
      all
        .filter(m => m.kind === 'Namespace')
        .map(m => [
          m.metadata.name,
          m.metadata.labels['pod-security.kubernetes.io/enforce'],
        ]),
    );
    expect(namespaces).toEqual({
      taskplatform: 'restricted',
      'arc-systems': 'baseline',
      'arc-runners': 'baseline',
      monitoring: 'privileged',
    });
    expect(all.find(m => m.kind === 'StorageClass')).toMatchObject({
      metadata: { name: 'gp3-encrypted' },
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', encrypted: 'true' },
    });
    const policies = all.filter(m => m.kind === 'NetworkPolicy');
    expect(
      policies.map(p => `${p.metadata.namespace}/${p.metadata.name}`).sort(),
    ).toEqual([
      'arc-runners/default-deny-ingress',
      'taskplatform/allow-namespace-monitoring-and-alb',
      'taskplatform/default-deny-ingress',
    ]);
  });

  it('enables NetworkPolicy enforcement and the EBS CSI driver as EKS add-ons', () => {
    template.hasResourceProperties('AWS::EKS::Addon', {
      AddonName: 'vpc-cni',
      ConfigurationValues: JSON.stringify({ enableNetworkPolicy: 'true' }),
    });
    template.hasResourceProperties('AWS::EKS::Addon', {
      AddonName: 'aws-ebs-csi-driver',
      ServiceAccountRoleArn: Match.anyValue(),
    });
  });

  it('lets the deploy role edit the application namespace only', () => {
    template.hasResourceProperties('AWS::EKS::AccessEntry', {
      PrincipalArn: Match.objectLike({
        'Fn::ImportValue': Match.stringLikeRegexp('DeployRole'),
      }),
      AccessPolicies: [
        {
          AccessScope: { Type: 'namespace', Namespaces: ['taskplatform'] },
          PolicyArn: Match.objectLike({
            'Fn::Join': [
              '',
              Match.arrayWith([
                ':eks::aws:cluster-access-policy/AmazonEKSEditPolicy',
              ]),
            ],
          }),
        },
      ],
    });
  });

  it('installs the dashboards, alert rules and portal PodMonitor after kube-prometheus-stack', () => {
    const objects = manifests();
    const names = objects
      .filter(m => m.metadata?.namespace === 'monitoring')
      .map(m => `${m.kind}/${m.metadata.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'ConfigMap/grafana-dashboard-task-platform-tasks-api',
        'ConfigMap/grafana-dashboard-task-platform-portal-pods',
        'ConfigMap/grafana-dashboard-task-platform-overview',
        'PrometheusRule/task-platform-alerts',
        'PodMonitor/task-platform-portal',
      ]),
    );
    const [resource] = Object.values(
      template.findResources('Custom::AWSCDK-EKS-KubernetesResource'),
    ).filter(r =>
      jsonWithTokens(r.Properties.Manifest).some(
        (m: any) => m.kind === 'PrometheusRule',
      ),
    );
    expect(resource).toBeDefined();
    const chartIds = Object.keys(
      template.findResources('Custom::AWSCDK-EKS-HelmChart'),
    ).filter(id => id.includes('KubePrometheusStack'));
    expect(chartIds).toHaveLength(1);
    expect(resource.DependsOn).toEqual(expect.arrayContaining(chartIds));
  });

  it('exports the cluster name, API endpoint, CA data, OIDC issuer and monitoring service names', () => {
    const outputs = template.findOutputs('*');
    expect(outputs.ClusterName.Export.Name).toBe(
      `taskplatform-${stage}-ClusterName`,
    );
    expect(outputs.ClusterEndpoint.Value).toEqual({
      'Fn::GetAtt': [expect.any(String), 'Endpoint'],
    });
    expect(outputs.ClusterCertificateAuthority.Value).toEqual({
      'Fn::GetAtt': [expect.any(String), 'CertificateAuthorityData'],
    });
    expect(outputs.ClusterCertificateAuthority.Export.Name).toBe(
      `taskplatform-${stage}-ClusterCertificateAuthority`,
    );
    expect(outputs.ClusterOidcIssuer.Value).toEqual({
      'Fn::GetAtt': [expect.any(String), 'OpenIdConnectIssuerUrl'],
    });
    expect(outputs.GrafanaService.Value).toBe(
      'grafana.monitoring.svc.cluster.local',
    );
    expect(outputs.PrometheusService.Value).toBe(
      'kube-prometheus-stack-prometheus.monitoring.svc.cluster.local',
    );
  });
});
