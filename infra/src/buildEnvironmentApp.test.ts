import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildEnvironmentApp } from './buildEnvironmentApp.ts';
import { listNagAcknowledgements } from './nagAcknowledgements.ts';
import { InvalidEnvironmentSpecError, environmentPresets } from './spec.ts';
import { readNagReport } from './synthesizeEnvironment.ts';
import {
  synthPreset,
  withoutAwsEnvironment,
  type SynthesizedPreset,
} from './testing/synthPreset.ts';

describe.each(['dev', 'prod'] as const)('the %s environment app', stage => {
  let synth: SynthesizedPreset;

  beforeAll(() => {
    synth = synthPreset(stage);
  });
  afterAll(() => synth.cleanup());

  it('passes cdk-nag AwsSolutions with no unacknowledged finding', () => {
    expect(synth.nag.errors).toEqual([]);
    expect(synth.nag.warnings).toEqual([]);
    // CDK's report lists failing plugins only; ask the pack directly as well.
    const report = JSON.parse(
      readFileSync(join(synth.outdir, 'validation-report.json'), 'utf8'),
    );
    expect(report.pluginReports).toEqual([]);
    expect(new AwsSolutionsChecks().validateScope(synth.app)).toEqual({
      success: true,
      violations: [],
    });
  });

  it('gives every acknowledgement a written reason', () => {
    const acknowledgements = listNagAcknowledgements(synth.app);
    expect(acknowledgements.length).toBeGreaterThan(10);
    for (const ack of acknowledgements) {
      expect(ack.id).toMatch(/^AwsSolutions-[A-Z]+\d+/);
      expect(ack.reason.length).toBeGreaterThanOrEqual(60);
    }
    const ids = acknowledgements.map(a => a.id);
    // Cost-driven exceptions exist only where the spec asks for them.
    expect(ids.includes('AwsSolutions-RDS3')).toBe(stage === 'dev');
    expect(ids.includes('AwsSolutions-RDS10')).toBe(stage === 'dev');
  });

  it('synthesizes five stacks with explicit account, region and no context lookups', () => {
    const manifest = JSON.parse(
      readFileSync(join(synth.outdir, 'manifest.json'), 'utf8'),
    );
    expect(manifest.missing).toBeUndefined();
    const stacks = synth.assembly.stacks;
    expect(stacks.map(s => s.stackName).sort()).toEqual(
      ['cicd', 'cluster', 'database', 'network', 'storage'].map(
        c => `taskplatform-${stage}-${c}`,
      ),
    );
    for (const stack of stacks) {
      expect(stack.environment).toMatchObject({
        account: '123456789012',
        region: 'us-east-1',
      });
    }
  });

  it('exports every output later steps need under stable names', () => {
    const exports = synth.assembly.stacks.flatMap(s =>
      Object.values<any>(s.template.Outputs ?? {})
        .map(o => o.Export?.Name)
        .filter(
          (name: unknown) => typeof name === 'string' && !name.includes(':'),
        ),
    );
    for (const name of [
      'ClusterName',
      'ClusterEndpoint',
      'ClusterOidcIssuer',
      'DatabaseEndpoint',
      'DatabaseSecretArn',
      'DeployRoleArn',
      'GrafanaService',
      'PrometheusService',
    ]) {
      expect(exports).toContain(`taskplatform-${stage}-${name}`);
    }
  });
});

describe('buildEnvironmentApp', () => {
  beforeAll(withoutAwsEnvironment);

  it('stays nag-clean with a CIDR-limited public API endpoint and admin roles', () => {
    const synth = synthPreset('prod', {
      cluster: {
        publicEndpointCidrs: ['203.0.113.0/24'],
        adminRoleArns: ['arn:aws:iam::123456789012:role/platform-admins'],
      },
    });
    try {
      expect(synth.nag.errors).toEqual([]);
      expect(synth.nag.warnings).toEqual([]);
      expect(listNagAcknowledgements(synth.app).map(a => a.id)).toContain(
        'AwsSolutions-EKS1',
      );
      const cluster = synth.template(synth.stacks.cluster);
      cluster.hasResourceProperties('Custom::AWSCDK-EKS-Cluster', {
        Config: Match.objectLike({
          resourcesVpcConfig: Match.objectLike({
            endpointPublicAccess: true,
            endpointPrivateAccess: true,
            publicAccessCidrs: ['203.0.113.0/24'],
          }),
        }),
      });
      cluster.hasResourceProperties('AWS::EKS::AccessEntry', {
        PrincipalArn: 'arn:aws:iam::123456789012:role/platform-admins',
        AccessPolicies: [
          Match.objectLike({
            AccessScope: { Type: 'cluster' },
            PolicyArn: Match.objectLike({
              'Fn::Join': [
                '',
                Match.arrayWith([
                  ':eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
                ]),
              ],
            }),
          }),
        ],
      });
    } finally {
      synth.cleanup();
    }
  });

  it('fails the nag report when a stack breaks a rule', () => {
    const { app, stacks } = buildEnvironmentApp(environmentPresets.dev, {
      context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    new s3.Bucket(stacks.storage, 'CarelessBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY,
    });
    const report = readNagReport(app.synth().directory);
    const rules = report.errors.map(e => e.ruleName);
    expect(rules).toEqual(
      expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']),
    );
    expect(report.errors.flatMap(e => e.constructPaths)).toContain(
      'Storage/CarelessBucket/Resource',
    );
  });

  it('rejects an invalid spec before building anything, naming the field', () => {
    const spec = structuredClone(environmentPresets.prod) as any;
    spec.cluster.runnerNodes.minSize = 5;
    expect(() => buildEnvironmentApp(spec)).toThrow(
      InvalidEnvironmentSpecError,
    );
    expect(() => buildEnvironmentApp(spec)).toThrow(
      'cluster.runnerNodes.minSize',
    );
  });
});
