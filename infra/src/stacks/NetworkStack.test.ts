import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthPreset, type SynthesizedPreset } from '../testing/synthPreset.ts';

describe.each(['dev', 'prod'] as const)('NetworkStack (%s preset)', stage => {
  let synth: SynthesizedPreset;
  let template: Template;

  beforeAll(() => {
    synth = synthPreset(stage);
    template = synth.template(synth.stacks.network);
  });
  afterAll(() => synth.cleanup());

  function subnetsOfTier(tier: string) {
    return Object.values(
      template.findResources('AWS::EC2::Subnet', {
        Properties: {
          Tags: Match.arrayWith([{ Key: 'aws-cdk:subnet-name', Value: tier }]),
        },
      }),
    ).map(subnet => subnet.Properties);
  }

  it('spans 10.0.0.0/16 over the two named zones', () => {
    template.hasResourceProperties('AWS::EC2::VPC', {
      CidrBlock: '10.0.0.0/16',
    });
    const zones = new Set(
      Object.values(template.findResources('AWS::EC2::Subnet')).map(
        s => s.Properties.AvailabilityZone,
      ),
    );
    expect([...zones].sort()).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it.each([
    ['public', ['10.0.1.0/24', '10.0.2.0/24']],
    ['private', ['10.0.11.0/24', '10.0.12.0/24']],
    ['data', ['10.0.21.0/24', '10.0.22.0/24']],
  ])('puts the %s tier on the design CIDRs, one per zone', (tier, cidrs) => {
    const subnets = subnetsOfTier(tier);
    expect(subnets.map(s => [s.AvailabilityZone, s.CidrBlock])).toEqual([
      ['us-east-1a', cidrs[0]],
      ['us-east-1b', cidrs[1]],
    ]);
    for (const subnet of subnets) {
      expect(subnet.MapPublicIpOnLaunch).toBe(false);
    }
  });

  it('tags the subnets for the load balancer controller', () => {
    subnetsOfTier('public').forEach(s =>
      expect(s.Tags).toContainEqual({
        Key: 'kubernetes.io/role/elb',
        Value: '1',
      }),
    );
    subnetsOfTier('private').forEach(s =>
      expect(s.Tags).toContainEqual({
        Key: 'kubernetes.io/role/internal-elb',
        Value: '1',
      }),
    );
    subnetsOfTier('data').forEach(s =>
      expect(JSON.stringify(s.Tags)).not.toContain('kubernetes.io/role'),
    );
    template.hasOutput('AlbSecurityGroupId', {
      Export: { Name: `taskplatform-${stage}-AlbSecurityGroupId` },
      Value: Match.anyValue(),
    });
  });

  it('routes public to the internet gateway, private to NAT and data nowhere', () => {
    const routes = Object.entries(template.findResources('AWS::EC2::Route'));
    const defaultRoutesOf = (tier: string) =>
      routes
        .filter(
          ([id, r]) =>
            id.toLowerCase().startsWith(`vpc${tier}`) &&
            r.Properties.DestinationCidrBlock === '0.0.0.0/0',
        )
        .map(([, r]) => r.Properties);
    expect(defaultRoutesOf('public')).toHaveLength(2);
    defaultRoutesOf('public').forEach(r => expect(r.GatewayId).toBeDefined());
    expect(defaultRoutesOf('private')).toHaveLength(2);
    defaultRoutesOf('private').forEach(r =>
      expect(r.NatGatewayId).toBeDefined(),
    );
    expect(defaultRoutesOf('data')).toHaveLength(0);
    // Nothing but the S3 gateway endpoint is attached to the data route tables.
    expect(
      routes.filter(([id]) => id.toLowerCase().startsWith('vpcdata')),
    ).toHaveLength(0);
  });

  it(`has ${
    stage === 'prod' ? 'one NAT gateway per zone' : 'a single NAT gateway'
  }`, () => {
    template.resourceCountIs('AWS::EC2::NatGateway', stage === 'prod' ? 2 : 1);
    const natSubnets = Object.values(
      template.findResources('AWS::EC2::NatGateway'),
    ).map(n => JSON.stringify(n.Properties.SubnetId));
    natSubnets.forEach(s => expect(s).toMatch(/publicSubnet/));
  });

  it('has VPC endpoints for S3, ECR, STS, Secrets Manager and CloudWatch Logs', () => {
    const services = Object.values(
      template.findResources('AWS::EC2::VPCEndpoint'),
    ).map(e => JSON.stringify(e.Properties.ServiceName));
    for (const service of [
      '.s3',
      '.ecr.api',
      '.ecr.dkr',
      '.sts',
      '.secretsmanager',
      '.logs',
    ]) {
      expect(services.some(s => s.includes(service))).toBe(true);
    }
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
    });
  });

  it('logs all traffic with VPC flow logs', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: synth.spec.network.flowLogRetentionDays,
    });
  });

  it('admits from the internet only HTTPS on the ALB security group, in every stack', () => {
    const open: string[] = [];
    for (const [file, t] of Object.entries(synth.allTemplates())) {
      for (const [id, resource] of Object.entries(t.Resources ?? {})) {
        let rules: any[] = [];
        if (resource.Type === 'AWS::EC2::SecurityGroup') {
          rules = resource.Properties.SecurityGroupIngress ?? [];
        } else if (resource.Type === 'AWS::EC2::SecurityGroupIngress') {
          rules = [resource.Properties];
        }
        for (const rule of rules) {
          if (rule.CidrIp === '0.0.0.0/0' || rule.CidrIpv6 === '::/0') {
            open.push(
              `${file}:${id}:${rule.IpProtocol}:${rule.FromPort}-${rule.ToPort}`,
            );
          }
        }
      }
    }
    expect(open).toEqual([
      expect.stringMatching(
        /^Network\.template\.json:AlbSecurityGroup\w+:tcp:443-443$/,
      ),
    ]);
  });

  it('lets the interface endpoints accept HTTPS from the VPC CIDR only', () => {
    const endpointGroups = Object.entries(
      template.findResources('AWS::EC2::SecurityGroup'),
    ).filter(([id]) => !id.startsWith('AlbSecurityGroup'));
    expect(endpointGroups).toHaveLength(5);
    for (const [, group] of endpointGroups) {
      expect(group.Properties.SecurityGroupIngress).toEqual([
        expect.objectContaining({
          CidrIp: '10.0.0.0/16',
          FromPort: 443,
          ToPort: 443,
        }),
      ]);
    }
  });
});
