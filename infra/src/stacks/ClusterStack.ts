import { KubectlV35Layer } from '@aws-cdk/lambda-layer-kubectl-v35';
import { CfnJson, Duration, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { NodeGroupSpec } from '../spec.ts';
import {
  EnvironmentStack,
  type EnvironmentStackProps,
} from './EnvironmentStack.ts';
import { monitoringManifests } from '../monitoring/monitoringManifests.ts';
import {
  CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
  RUNNERS_NAMESPACE,
  addonCharts,
  clusterNameFor,
  monitoringServices,
} from './addonCharts.ts';
import { SUBNET_GROUPS } from './NetworkStack.ts';
import { platformManifests } from './platformManifests.ts';

export interface ClusterStackProps extends EnvironmentStackProps {
  vpc: ec2.IVpc;
  albSecurityGroup: ec2.ISecurityGroup;
  /** Role assumed by GitHub Actions; gets edit rights in the application namespace. */
  deployRole: iam.IRole;
  /** Base URL of the alerts' runbooks (default: the portal's TechDocs pages). */
  runbookBaseUrl?: string;
}

const TAINT_EFFECTS: Record<string, eks.TaintEffect> = {
  NoSchedule: eks.TaintEffect.NO_SCHEDULE,
  NoExecute: eks.TaintEffect.NO_EXECUTE,
  PreferNoSchedule: eks.TaintEffect.PREFER_NO_SCHEDULE,
};

const ALL_CONTROL_PLANE_LOGS = [
  eks.ClusterLoggingTypes.API,
  eks.ClusterLoggingTypes.AUDIT,
  eks.ClusterLoggingTypes.AUTHENTICATOR,
  eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
  eks.ClusterLoggingTypes.SCHEDULER,
];

/** EKS cluster, its two managed node groups and the in-cluster add-ons. */
export class ClusterStack extends EnvironmentStack {
  readonly cluster: eks.Cluster;
  readonly appNodes: eks.Nodegroup;
  readonly runnerNodes: eks.Nodegroup;

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id, props);
    const { spec, vpc } = props;
    const clusterName = clusterNameFor(spec);
    const privateSubnets = { subnetGroupName: SUBNET_GROUPS.private };

    const secretsKey = new kms.Key(this, 'SecretsKey', {
      description: `Envelope encryption of Kubernetes secrets in ${clusterName}`,
      enableKeyRotation: true,
    });

    const albVersion = Object.values(eks.AlbControllerVersion).find(
      (v): v is eks.AlbControllerVersion =>
        v instanceof eks.AlbControllerVersion &&
        v.version === spec.charts.awsLoadBalancerController,
    );
    if (!albVersion) {
      throw new Error(
        `Unknown AWS Load Balancer Controller ${spec.charts.awsLoadBalancerController}`,
      );
    }

    const { publicEndpointCidrs } = spec.cluster;
    this.cluster = new eks.Cluster(this, 'Cluster', {
      clusterName,
      version: eks.KubernetesVersion.V1_35,
      kubectlLayer: new KubectlV35Layer(this, 'KubectlLayer'),
      // Charts like kube-prometheus-stack carry large CRDs.
      kubectlMemory: Size.gibibytes(2),
      vpc,
      vpcSubnets: [privateSubnets],
      defaultCapacity: 0,
      endpointAccess:
        publicEndpointCidrs.length > 0
          ? eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(
              ...publicEndpointCidrs,
            )
          : eks.EndpointAccess.PRIVATE,
      secretsEncryptionKey: secretsKey,
      clusterLogging: ALL_CONTROL_PLANE_LOGS,
      authenticationMode: eks.AuthenticationMode.API_AND_CONFIG_MAP,
      albController: { version: albVersion },
    });

    // Nodes accept traffic from the ALBs (IP targets on any container port).
    this.cluster.clusterSecurityGroup.addIngressRule(
      props.albSecurityGroup,
      ec2.Port.allTcp(),
      'From the internet-facing ALBs',
    );

    this.appNodes = this.addNodeGroup(
      'AppNodes',
      `${spec.name}-app`,
      spec.cluster.appNodes,
    );
    this.runnerNodes = this.addNodeGroup(
      'RunnerNodes',
      `${spec.name}-runners`,
      spec.cluster.runnerNodes,
    );

    this.cluster.grantAccess('DeployRoleAccess', props.deployRole.roleArn, [
      eks.AccessPolicy.fromAccessPolicyName('AmazonEKSEditPolicy', {
        accessScopeType: eks.AccessScopeType.NAMESPACE,
        namespaces: [spec.cluster.appNamespace],
      }),
    ]);
    spec.cluster.adminRoleArns.forEach((roleArn, i) =>
      this.cluster.grantAccess(`AdminAccess${i}`, roleArn, [
        eks.AccessPolicy.fromAccessPolicyName('AmazonEKSClusterAdminPolicy', {
          accessScopeType: eks.AccessScopeType.CLUSTER,
        }),
      ]),
    );

    const managedAddons = this.addManagedAddons();
    const manifests = this.cluster.addCdk8sChart(
      'PlatformManifests',
      platformManifests(spec),
    );
    managedAddons.forEach(addon => manifests.node.addDependency(addon));

    const autoscalerAccount =
      this.addClusterAutoscalerServiceAccount(clusterName);
    const charts = new Map<string, eks.HelmChart>();
    for (const addon of addonCharts(spec)) {
      const chart = this.cluster.addHelmChart(addon.id, {
        chart: addon.chart,
        repository: addon.repository,
        version: addon.version,
        namespace: addon.namespace,
        release: addon.release,
        values: addon.values,
        // Namespaces come from the platform manifests, with Pod Security labels.
        createNamespace: false,
        wait: false,
        timeout: Duration.minutes(15),
      });
      chart.node.addDependency(manifests, this.appNodes);
      charts.set(addon.id, chart);
    }
    charts.get('ClusterAutoscaler')?.node.addDependency(autoscalerAccount);
    charts
      .get('RunnerScaleSet')
      ?.node.addDependency(charts.get('RunnerController')!);

    // Dashboards, alert rules and the portal's PodMonitor, for
    // kube-prometheus-stack (which brings the CRDs and the Grafana sidecar).
    const monitoring = this.cluster.addManifest(
      'MonitoringManifests',
      ...monitoringManifests({
        namespace: spec.monitoring.namespace,
        runnersNamespace: RUNNERS_NAMESPACE,
        region: spec.region,
        runbookBaseUrl: props.runbookBaseUrl,
      }),
    );
    monitoring.node.addDependency(charts.get('KubePrometheusStack')!);

    const services = monitoringServices(spec);
    this.exportOutput(
      'ClusterName',
      this.cluster.clusterName,
      'EKS cluster name',
    );
    this.exportOutput(
      'ClusterEndpoint',
      this.cluster.clusterEndpoint,
      'Kubernetes API endpoint',
    );
    this.exportOutput(
      'ClusterCertificateAuthority',
      this.cluster.clusterCertificateAuthorityData,
      'Base64 certificate authority data of the Kubernetes API (catalog cluster entity)',
    );
    this.exportOutput(
      'ClusterOidcIssuer',
      this.cluster.clusterOpenIdConnectIssuerUrl,
      'OIDC issuer URL of the cluster (IRSA)',
    );
    this.exportOutput(
      'ClusterSecurityGroupId',
      this.cluster.clusterSecurityGroupId,
      'Node security group',
    );
    this.exportOutput(
      'GrafanaService',
      services.grafana,
      'Grafana service (port 80) inside the cluster',
    );
    this.exportOutput(
      'PrometheusService',
      services.prometheus,
      'Prometheus service (port 9090) inside the cluster',
    );
    this.exportOutput(
      'LokiService',
      services.loki,
      'Loki service (port 3100) inside the cluster',
    );
  }

  private addNodeGroup(
    id: string,
    nodegroupName: string,
    group: NodeGroupSpec,
  ): eks.Nodegroup {
    // A launch template for what the node group API cannot set: encrypted gp3 root
    // volumes and IMDSv2.
    const launchTemplate = new ec2.LaunchTemplate(this, `${id}LaunchTemplate`, {
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(group.diskSizeGiB, {
            encrypted: true,
            volumeType: ec2.EbsDeviceVolumeType.GP3,
            deleteOnTermination: true,
          }),
        },
      ],
      httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
      httpPutResponseHopLimit: 2,
    });
    const instanceTypes = group.instanceTypes.map(t => new ec2.InstanceType(t));
    const arm = instanceTypes.every(
      t => t.architecture === ec2.InstanceArchitecture.ARM_64,
    );
    return this.cluster.addNodegroupCapacity(id, {
      nodegroupName,
      instanceTypes,
      amiType: arm
        ? eks.NodegroupAmiType.AL2023_ARM_64_STANDARD
        : eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
      capacityType:
        group.capacityType === 'SPOT'
          ? eks.CapacityType.SPOT
          : eks.CapacityType.ON_DEMAND,
      minSize: group.minSize,
      desiredSize: group.desiredSize,
      maxSize: group.maxSize,
      labels: group.labels,
      taints: group.taint
        ? [
            {
              key: group.taint.key,
              value: group.taint.value,
              effect: TAINT_EFFECTS[group.taint.effect],
            },
          ]
        : undefined,
      subnets: { subnetGroupName: SUBNET_GROUPS.private },
      launchTemplateSpec: {
        id: launchTemplate.launchTemplateId!,
        version: launchTemplate.latestVersionNumber,
      },
    });
  }

  /** EKS-managed add-ons: VPC CNI with NetworkPolicy enforcement, EBS CSI driver (IRSA). */
  private addManagedAddons(): eks.CfnAddon[] {
    const cluster = this.cluster;
    const issuer = cluster.clusterOpenIdConnectIssuer;
    const ebsCsiServiceAccount =
      'system:serviceaccount:kube-system:ebs-csi-controller-sa';
    const ebsCsiRole = new iam.Role(this, 'EbsCsiDriverRole', {
      description: 'IRSA role of the EBS CSI driver controller',
      assumedBy: new iam.OpenIdConnectPrincipal(
        cluster.openIdConnectProvider,
      ).withConditions({
        StringEquals: new CfnJson(this, 'EbsCsiDriverRoleCondition', {
          value: {
            [`${issuer}:sub`]: ebsCsiServiceAccount,
            [`${issuer}:aud`]: 'sts.amazonaws.com',
          },
        }),
      }),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName(
          'service-role/AmazonEBSCSIDriverPolicy',
        ),
      ],
    });

    const vpcCni = new eks.CfnAddon(this, 'VpcCniAddon', {
      clusterName: cluster.clusterName,
      addonName: 'vpc-cni',
      resolveConflicts: 'OVERWRITE',
      configurationValues: JSON.stringify({ enableNetworkPolicy: 'true' }),
    });
    const ebsCsi = new eks.CfnAddon(this, 'EbsCsiDriverAddon', {
      clusterName: cluster.clusterName,
      addonName: 'aws-ebs-csi-driver',
      resolveConflicts: 'OVERWRITE',
      serviceAccountRoleArn: ebsCsiRole.roleArn,
    });
    for (const addon of [vpcCni, ebsCsi]) {
      addon.node.addDependency(this.appNodes);
    }
    return [vpcCni, ebsCsi];
  }

  private addClusterAutoscalerServiceAccount(
    clusterName: string,
  ): eks.ServiceAccount {
    const account = this.cluster.addServiceAccount(
      'ClusterAutoscalerServiceAccount',
      {
        name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
        namespace: 'kube-system',
      },
    );
    account.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities',
          'autoscaling:DescribeTags',
          'ec2:DescribeImages',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplateVersions',
          'ec2:GetInstanceTypesFromInstanceRequirements',
          'eks:DescribeNodegroup',
        ],
        resources: ['*'],
      }),
    );
    account.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'autoscaling:SetDesiredCapacity',
          'autoscaling:TerminateInstanceInAutoScalingGroup',
        ],
        resources: ['*'],
        conditions: {
          StringEquals: {
            [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]:
              'owned',
          },
        },
      }),
    );
    return account;
  }
}
