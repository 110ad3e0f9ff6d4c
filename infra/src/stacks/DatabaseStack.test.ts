import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthPreset, type SynthesizedPreset } from '../testing/synthPreset.ts';

describe.each(['dev', 'prod'] as const)('DatabaseStack (%s preset)', stage => {
  const prod = stage === 'prod';
  let synth: SynthesizedPreset;
  let template: Template;

  beforeAll(() => {
    synth = synthPreset(stage);
    template = synth.template(synth.stacks.database);
  });
  afterAll(() => synth.cleanup());

  const instance = () =>
    Object.values(template.findResources('AWS::RDS::DBInstance'))[0];
  const dbLogicalId = () =>
    Object.keys(template.findResources('AWS::RDS::DBInstance'))[0];

  it('runs PostgreSQL 15+ in the isolated data subnets', () => {
    expect(instance().Properties).toMatchObject({
      Engine: 'postgres',
      EngineVersion: '17.6',
      DBInstanceClass: 'db.t3.micro',
      PubliclyAccessible: false,
      Port: '5432',
    });
    expect(
      Number(instance().Properties.EngineVersion.split('.')[0]),
    ).toBeGreaterThanOrEqual(15);
    const subnetGroup = Object.values(
      template.findResources('AWS::RDS::DBSubnetGroup'),
    )[0];
    expect(JSON.stringify(subnetGroup.Properties.SubnetIds)).toMatch(
      /dataSubnet1.*dataSubnet2/,
    );
  });

  it(`is ${prod ? '' : 'not '}Multi-AZ and ${
    prod ? 'has' : 'has no'
  } deletion protection`, () => {
    expect(instance().Properties.MultiAZ).toBe(prod);
    expect(instance().Properties.DeletionProtection).toBe(prod);
    expect(instance().DeletionPolicy).toBe(prod ? 'Snapshot' : 'Delete');
  });

  it('encrypts storage with a rotating customer KMS key', () => {
    expect(instance().Properties.StorageEncrypted).toBe(true);
    expect(instance().Properties.KmsKeyId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^DatabaseKey/), 'Arn'],
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
    });
  });

  it('keeps automated backups 7 days and autoscales storage from 20 to 100 GB', () => {
    expect(instance().Properties).toMatchObject({
      BackupRetentionPeriod: 7,
      AllocatedStorage: '20',
      MaxAllocatedStorage: 100,
      StorageType: 'gp3',
    });
  });

  it('enforces TLS with rds.force_ssl', () => {
    template.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Family: 'postgres17',
      Parameters: { 'rds.force_ssl': '1' },
    });
  });

  it('generates the credentials into Secrets Manager and rotates them', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: `taskplatform-${stage}/rds/admin`,
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'password' }),
    });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
  });

  it('admits 5432 from the cluster nodes (and the rotation function) only', () => {
    const rules = Object.values(
      template.findResources('AWS::EC2::SecurityGroupIngress'),
    ).map(r => r.Properties);
    const dbGroupRules = rules.filter(r =>
      JSON.stringify(r.GroupId).includes('DatabaseSecurityGroup'),
    );
    expect(dbGroupRules).toHaveLength(2);
    // The port is the literal or the instance's own endpoint port (which is 5432).
    for (const rule of dbGroupRules) {
      expect(rule.IpProtocol).toBe('tcp');
      for (const bound of [rule.FromPort, rule.ToPort]) {
        expect([
          5432,
          JSON.stringify({ 'Fn::GetAtt': [dbLogicalId(), 'Endpoint.Port'] }),
        ]).toContain(typeof bound === 'number' ? bound : JSON.stringify(bound));
      }
      expect(rule.CidrIp).toBeUndefined();
      expect(rule.SourceSecurityGroupId).toBeDefined();
    }
    const sources = dbGroupRules.map(r =>
      JSON.stringify(r.SourceSecurityGroupId),
    );
    expect(sources.some(s => s.includes('ClusterSecurityGroupId'))).toBe(true);
    expect(sources.some(s => s.includes('RotationSingleUser'))).toBe(true);
    const groups = Object.values(
      template.findResources('AWS::EC2::SecurityGroup'),
    );
    for (const group of groups) {
      for (const rule of group.Properties.SecurityGroupIngress ?? []) {
        expect(rule.CidrIp).toBeUndefined();
      }
    }
  });

  it('exports the endpoint and the secret ARN', () => {
    const outputs = template.findOutputs('*');
    expect(outputs.DatabaseEndpoint).toMatchObject({
      Value: { 'Fn::GetAtt': [expect.any(String), 'Endpoint.Address'] },
      Export: { Name: `taskplatform-${stage}-DatabaseEndpoint` },
    });
    expect(outputs.DatabaseSecretArn.Export.Name).toBe(
      `taskplatform-${stage}-DatabaseSecretArn`,
    );
  });
});
