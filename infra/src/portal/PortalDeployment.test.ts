import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { specFromPreset, synthesizeEnvironment } from '../index.ts';
import { withoutAwsEnvironment } from '../testing/synthPreset.ts';

describe('PortalDeployment (the cluster stack deploys the portal)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'taskplatform-portal-'));
  let result: ReturnType<typeof synthesizeEnvironment>;
  let template: Template;

  beforeAll(() => {
    withoutAwsEnvironment();
    result = synthesizeEnvironment(specFromPreset('dev', {}), {
      outdir,
      portal: {
        image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/portal:v1',
        host: 'portal.taskplatform.example.com',
        certificateArn:
          'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc',
        deployerRoleArns: [
          'arn:aws:iam::210987654321:role/taskplatform-environments-deployer',
        ],
      },
    });
    template = Template.fromJSON(
      result.assembly.getStackArtifact(result.stacks.cluster.artifactId)
        .template,
    );
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('stays cdk-nag clean', () => {
    expect(result.nag.errors).toEqual([]);
  });

  it('gives the portal service account, and only it, an IRSA role', () => {
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { RoleName: 'taskplatform-dev-portal' },
    });
    expect(Object.keys(roles)).toHaveLength(1);
    const [condition] = Object.entries(
      template.findResources('Custom::AWSCDKCfnJson'),
    )
      .filter(([id]) => id.startsWith('PortalServiceAccountCondition'))
      .map(([, r]) => JSON.stringify(r.Properties.Value));
    // {"<issuer>:sub":"system:serviceaccount:...","<issuer>:aud":"sts..."}, escaped
    expect(condition).toContain(
      ':sub\\":\\"system:serviceaccount:taskplatform:portal\\"',
    );
    expect(condition).toContain(':aud\\":\\"sts.amazonaws.com\\"');
  });

  it('lets the role read its two secrets and assume the deployer roles', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter(p =>
        JSON.stringify(p.Properties.Roles).includes('PortalServiceAccountRole'),
      )
      .flatMap(p => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([
      {
        Action: [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
        ],
        Effect: 'Allow',
        Resource: [
          'arn:aws:secretsmanager:us-east-1:123456789012:secret:taskplatform-dev/rds/admin-*',
          'arn:aws:secretsmanager:us-east-1:123456789012:secret:taskplatform/portal-*',
        ],
      },
      {
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Effect: 'Allow',
        Resource:
          'arn:aws:iam::210987654321:role/taskplatform-environments-deployer',
      },
    ]);
  });

  it('installs External Secrets and applies the portal resources after it', () => {
    template.hasResourceProperties('Custom::AWSCDK-EKS-HelmChart', {
      Chart: 'external-secrets',
      Release: 'external-secrets',
    });
    const manifests = Object.values(
      template.findResources('Custom::AWSCDK-EKS-KubernetesResource'),
    ).map(r => JSON.stringify(r.Properties.Manifest));
    const portal = manifests.find(m => m.includes('HorizontalPodAutoscaler'));
    expect(portal).toBeDefined();
    expect(portal).toContain(
      'arn:aws:iam::123456789012:role/taskplatform-dev-portal',
    );
    expect(portal).toContain('taskplatform-dev/rds/admin');
  });
});
