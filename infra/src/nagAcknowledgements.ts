import { Validations } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks';
import type { IConstruct } from 'constructs';
import type { EnvironmentStacks } from './EnvironmentStacks.ts';
import type { EnvironmentSpec } from './environmentSpecSchema.ts';
import { bucketNames } from './stacks/StorageStack.ts';
import { clusterNameFor } from './stacks/addonCharts.ts';

/** One cdk-nag acknowledgement as recorded in the construct tree. */
export interface NagAcknowledgement {
  id: string;
  reason: string;
  constructPath: string;
}

/**
 * `Validations.of(scope).acknowledge()`, except for finding ids with more than one
 * "::" (managed policy ARNs, `arn:aws:s3:::...`), which aws-cdk-lib 2.261 rejects
 * (cdklabs/cdk-nag#2351). Those are recorded under the same public metadata key that
 * `acknowledge()` writes and cdk-nag reads.
 */
function acknowledge(scopes: IConstruct[], reason: string, ...ids: string[]) {
  for (const scope of scopes) {
    for (const id of ids) {
      if (id.split('::').length > 2) {
        scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, {
          [id]: reason,
        });
      } else {
        Validations.of(scope).acknowledge({ id, reason });
      }
    }
  }
}

/** A child construct by path; throws if aws-cdk-lib moved it, so no ack goes stale silently. */
function child(scope: IConstruct, path: string): IConstruct {
  return path.split('/').reduce((node, id) => node.node.findChild(id), scope);
}

function childEndingWith(scope: IConstruct, suffix: string): IConstruct {
  const found = scope.node.children.find(c => c.node.id.endsWith(suffix));
  if (!found) {
    throw new Error(
      `No construct ending with ${suffix} under ${scope.node.path}`,
    );
  }
  return found;
}

const managedPolicy = (name: string) =>
  `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`;

/**
 * The cdk-nag (AwsSolutions) findings accepted on purpose, each on the narrowest
 * construct and with its reason. Everything else fails synthesis.
 */
export function acknowledgeNagFindings(
  spec: EnvironmentSpec,
  stacks: EnvironmentStacks,
): void {
  // Network
  acknowledge(
    [stacks.network.albSecurityGroup],
    'The internet-facing ALBs must accept HTTPS (443) from anywhere; this is the only ' +
      'security group open to 0.0.0.0/0 and it admits nothing but 443.',
    'AwsSolutions-EC23',
  );

  // CI/CD identity
  acknowledge(
    [stacks.cicd.deployRole],
    'Deploy workflows read and write any object of the one assets bucket of this ' +
      'environment; object keys are not known in advance.',
    `AwsSolutions-IAM5[Resource::arn:aws:s3:::${bucketNames(spec).assets}/*]`,
  );
  acknowledge(
    [stacks.cicd.deployRole],
    'ecr:GetAuthorizationToken has no resource-level permissions: AWS requires "*". ' +
      'Pushing and pulling is limited to the portal image repository.',
    'AwsSolutions-IAM5[Resource::*]',
  );

  // Cluster
  const clusterStack = stacks.cluster;
  const cluster = clusterStack.cluster;
  const clusterProvider = childEndingWith(
    clusterStack,
    'ClusterResourceProvider',
  );
  const kubectlProvider = childEndingWith(clusterStack, 'KubectlProvider');
  const albController = clusterStack.node.children.find(
    c => c instanceof eks.AlbController,
  );
  if (!albController) throw new Error('AWS Load Balancer Controller not found');
  const cdkCustomResources = [cluster, clusterProvider, kubectlProvider];

  acknowledge(
    cdkCustomResources,
    'Lambda functions of the aws-eks custom resources (cluster creation, kubectl/helm) ' +
      'use the AWS-managed basic and VPC execution policies that aws-cdk-lib attaches; ' +
      'they only grant CloudWatch Logs and ENI management.',
    managedPolicy('service-role/AWSLambdaBasicExecutionRole'),
    managedPolicy('service-role/AWSLambdaVPCAccessExecutionRole'),
  );
  acknowledge(
    [child(cluster, 'KubectlHandlerRole')],
    'The kubectl handler pulls Helm charts from ECR (private and public) with the ' +
      'AWS-managed read-only registry policies that aws-cdk-lib attaches.',
    managedPolicy('AmazonEC2ContainerRegistryPullOnly'),
    'AwsSolutions-IAM4[Policy::{"Fn::If":["ClusterHasEcrPublic8EE1114E",{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::aws:policy/AmazonElasticContainerRegistryPublicReadOnly"]]},{"Ref":"AWS::NoValue"}]}]',
  );
  acknowledge(
    [child(cluster, 'Role')],
    'AmazonEKSClusterPolicy is the policy EKS requires for the cluster service role; ' +
      'AWS keeps it in step with the control plane.',
    managedPolicy('AmazonEKSClusterPolicy'),
  );
  acknowledge(
    [stacks.cluster.appNodes.role, stacks.cluster.runnerNodes.role],
    'Managed node groups need the AWS-managed worker, CNI and ECR read-only policies; ' +
      'pods get their own permissions through IRSA, not through the node role.',
    managedPolicy('AmazonEKSWorkerNodePolicy'),
    managedPolicy('AmazonEKS_CNI_Policy'),
    managedPolicy('AmazonEC2ContainerRegistryReadOnly'),
  );
  acknowledge(
    [child(clusterStack, 'EbsCsiDriverRole')],
    'AmazonEBSCSIDriverPolicy is the AWS-maintained policy for the EBS CSI driver; it ' +
      'is only assumable by the driver service account through IRSA.',
    managedPolicy('service-role/AmazonEBSCSIDriverPolicy'),
  );
  acknowledge(
    [child(cluster, 'Resource/CreationRole')],
    'The role aws-cdk-lib uses to create the cluster must manage this cluster and its ' +
      'sub-resources (cluster/<name>/*, fargateprofile/<name>/*) and describe EC2/IAM ' +
      'resources, which have no resource-level permissions.',
    'AwsSolutions-IAM5[Resource::*]',
    `AwsSolutions-IAM5[Resource::arn:aws:eks:${spec.region}:${
      spec.account
    }:cluster/${clusterNameFor(spec)}/*]`,
    `AwsSolutions-IAM5[Resource::arn:aws:eks:${spec.region}:${
      spec.account
    }:fargateprofile/${clusterNameFor(spec)}/*]`,
  );
  acknowledge(
    [clusterProvider],
    'The aws-cdk-lib provider framework invokes its own handler functions by ARN ' +
      'including versions/aliases (<function arn>:*).',
    'AwsSolutions-IAM5[Resource::<IsCompleteHandler7073F4DA.Arn>:*]',
    'AwsSolutions-IAM5[Resource::<OnEventHandler42BEBAE0.Arn>:*]',
    'AwsSolutions-IAM5[Resource::<ProviderframeworkisComplete26D7B0CB.Arn>:*]',
    'AwsSolutions-IAM5[Resource::<ProviderframeworkonTimeout0B47CA38.Arn>:*]',
  );
  acknowledge(
    [kubectlProvider],
    'The aws-cdk-lib provider framework invokes the kubectl handler by ARN including ' +
      'versions/aliases (<function arn>:*).',
    'AwsSolutions-IAM5[Resource::<Handler886CB40B.Arn>:*]',
  );
  acknowledge(
    [clusterProvider],
    'The waiter state machine of the aws-cdk-lib provider framework only polls the ' +
      'cluster creation handler during deployments; its failures surface in ' +
      'CloudFormation events, so no extra log group or X-Ray tracing is kept.',
    'AwsSolutions-SF1',
    'AwsSolutions-SF2',
  );
  acknowledge(
    [kubectlProvider],
    'The kubectl/helm handler runtime is chosen by aws-cdk-lib together with the ' +
      'kubectl layer; it is upgraded by upgrading aws-cdk-lib.',
    'AwsSolutions-L1',
  );
  acknowledge(
    [albController],
    'The AWS Load Balancer Controller policy ships with aws-cdk-lib (upstream ' +
      'iam_policy.json): describe calls need "*", and ELB/security-group ARNs use ' +
      'wildcards narrowed by the elbv2.k8s.aws/cluster tag conditions.',
    'AwsSolutions-IAM5[Resource::*]',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:*:*:security-group/*]',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:elasticloadbalancing:*:*:loadbalancer/app/*/*]',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:elasticloadbalancing:*:*:loadbalancer/net/*/*]',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:elasticloadbalancing:*:*:targetgroup/*/*]',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:elasticloadbalancing:*:*:listener-rule/app/*/*/*]',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:elasticloadbalancing:*:*:listener-rule/net/*/*/*]',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:elasticloadbalancing:*:*:listener/app/*/*/*]',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:elasticloadbalancing:*:*:listener/net/*/*/*]',
  );
  acknowledge(
    [child(cluster, 'ClusterAutoscalerServiceAccount')],
    'Cluster autoscaler describe calls have no resource-level permissions; the scaling ' +
      'actions are limited to groups tagged k8s.io/cluster-autoscaler/<cluster>=owned.',
    'AwsSolutions-IAM5[Resource::*]',
  );

  if (spec.cluster.publicEndpointCidrs.length > 0) {
    acknowledge(
      [cluster],
      'The spec opens the Kubernetes API endpoint to ' +
        `${spec.cluster.publicEndpointCidrs.join(', ')} only ` +
        '(cluster.publicEndpointCidrs); the private endpoint stays on.',
      'AwsSolutions-EKS1',
    );
  }

  // Database
  const database = stacks.database.instance;
  acknowledge(
    [database],
    'AmazonRDSEnhancedMonitoringRole is the AWS-managed policy for RDS Enhanced ' +
      'Monitoring; it only lets RDS write OS metrics to CloudWatch Logs.',
    managedPolicy('service-role/AmazonRDSEnhancedMonitoringRole'),
  );
  acknowledge(
    [database],
    `The design fixes PostgreSQL on port ${spec.database.port}; the instance sits in ` +
      'isolated subnets and its security group admits only the EKS nodes and the ' +
      'rotation function.',
    'AwsSolutions-RDS11',
  );
  if (!spec.database.multiAz) {
    acknowledge(
      [database],
      `Single-AZ by choice of the ${spec.stage} spec (database.multiAz=false) to save ` +
        'cost; prod specs are rejected unless Multi-AZ.',
      'AwsSolutions-RDS3',
    );
  }
  if (!spec.database.deletionProtection) {
    acknowledge(
      [database],
      `No deletion protection by choice of the ${spec.stage} spec ` +
        '(database.deletionProtection=false) so the environment can be torn down; prod ' +
        'specs are rejected without it.',
      'AwsSolutions-RDS10',
    );
  }
}

/** Every acknowledgement recorded under a scope (for audits and tests). */
export function listNagAcknowledgements(
  scope: IConstruct,
): NagAcknowledgement[] {
  const found: NagAcknowledgement[] = [];
  for (const node of scope.node.findAll()) {
    for (const entry of node.node.metadata) {
      if (
        entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY ||
        !entry.data
      )
        continue;
      for (const [id, value] of Object.entries(
        entry.data as Record<string, unknown>,
      )) {
        const reason =
          typeof value === 'string'
            ? value
            : String((value as { reason?: unknown })?.reason ?? '');
        found.push({
          id: id.replace(/^annotation::/i, ''),
          reason,
          constructPath: node.node.path,
        });
      }
    }
  }
  return found;
}
