import { Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { EnvironmentSpec } from '../spec.ts';
import {
  EnvironmentStack,
  type EnvironmentStackProps,
} from './EnvironmentStack.ts';

/** Subnet group names; the subnet tiers of the design. */
export const SUBNET_GROUPS = {
  public: 'public',
  private: 'private',
  data: 'data',
} as const;

/**
 * Hands the VPC the exact subnet CIDRs of the spec (10.0.1.0/24, 10.0.11.0/24, ...)
 * instead of letting CDK carve the VPC range in order.
 */
class SpecSubnetCidrs implements ec2.IIpAddresses {
  private readonly network: EnvironmentSpec['network'];

  constructor(network: EnvironmentSpec['network']) {
    this.network = network;
  }

  allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.network.vpcCidr };
  }

  allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    return {
      allocatedSubnets: input.requestedSubnets.map(requested => {
        const tier = requested.configuration.name as keyof typeof SUBNET_GROUPS;
        const zone = this.network.availabilityZones.indexOf(
          requested.availabilityZone,
        );
        const cidr = this.network.subnets[tier]?.[zone];
        if (!cidr) {
          throw new Error(
            `No CIDR in network.subnets.${tier} for zone ${requested.availabilityZone}`,
          );
        }
        return { cidr };
      }),
    };
  }
}

export interface NetworkStackProps extends EnvironmentStackProps {}

/** VPC over the spec's zones with public, private and isolated data subnets. */
export class NetworkStack extends EnvironmentStack {
  readonly vpc: ec2.Vpc;
  /** The only security group open to the internet: HTTPS for the ALBs. */
  readonly albSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const { network } = props.spec;

    const flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      retention: network.flowLogRetentionDays,
    });

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: new SpecSubnetCidrs(network),
      availabilityZones: network.availabilityZones,
      natGateways: network.natGateways,
      natGatewaySubnets: { subnetGroupName: SUBNET_GROUPS.public },
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        {
          name: SUBNET_GROUPS.public,
          subnetType: ec2.SubnetType.PUBLIC,
          cidrMask: 24,
          mapPublicIpOnLaunch: false,
        },
        {
          name: SUBNET_GROUPS.private,
          subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS,
          cidrMask: 24,
        },
        {
          name: SUBNET_GROUPS.data,
          subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
          cidrMask: 24,
        },
      ],
      gatewayEndpoints: {
        S3: {
          service: ec2.GatewayVpcEndpointAwsService.S3,
          subnets: [
            { subnetGroupName: SUBNET_GROUPS.private },
            { subnetGroupName: SUBNET_GROUPS.data },
          ],
        },
      },
      flowLogs: {
        All: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup),
          trafficType: ec2.FlowLogTrafficType.ALL,
        },
      },
    });

    const interfaceEndpoints: Record<
      string,
      ec2.InterfaceVpcEndpointAwsService
    > = {
      Ecr: ec2.InterfaceVpcEndpointAwsService.ECR,
      EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
      Sts: ec2.InterfaceVpcEndpointAwsService.STS,
      SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      CloudWatchLogs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
    };
    for (const [name, service] of Object.entries(interfaceEndpoints)) {
      const endpoint = this.vpc.addInterfaceEndpoint(name, {
        service,
        subnets: { subnetGroupName: SUBNET_GROUPS.private },
        privateDnsEnabled: true,
        open: false,
      });
      // HTTPS from inside the VPC only (the literal CIDR, so rules stay checkable).
      endpoint.connections.allowFrom(
        ec2.Peer.ipv4(network.vpcCidr),
        ec2.Port.tcp(443),
        'HTTPS from the VPC',
      );
    }

    // Subnet discovery of the AWS Load Balancer Controller: internet-facing load
    // balancers go to the public tier, internal ones to the private tier.
    for (const subnet of this.vpc.publicSubnets) {
      Tags.of(subnet).add('kubernetes.io/role/elb', '1');
    }
    for (const subnet of this.vpc.privateSubnets) {
      Tags.of(subnet).add('kubernetes.io/role/internal-elb', '1');
    }

    this.albSecurityGroup = new ec2.SecurityGroup(this, 'AlbSecurityGroup', {
      vpc: this.vpc,
      description:
        'Internet-facing ALBs: HTTPS in from anywhere, out to the VPC only',
      allowAllOutbound: false,
    });
    this.albSecurityGroup.addIngressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'HTTPS from the internet',
    );
    this.albSecurityGroup.addEgressRule(
      ec2.Peer.ipv4(network.vpcCidr),
      ec2.Port.allTcp(),
      'To targets inside the VPC',
    );

    this.exportOutput(
      'AlbSecurityGroupId',
      this.albSecurityGroup.securityGroupId,
      'Security group for internet-facing ALBs (alb.ingress.kubernetes.io/security-groups)',
    );
    this.exportOutput('VpcId', this.vpc.vpcId);
  }
}
