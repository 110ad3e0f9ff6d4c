import { Match } from 'aws-cdk-lib/assertions';
import { synthPreset, type SynthesizedPreset } from '../testing/synthPreset.ts';

describe('CiCdIdentityStack', () => {
  let synth: SynthesizedPreset;

  beforeAll(() => {
    synth = synthPreset('prod', {
      github: {
        org: 'acme',
        repo: 'tasks',
        branches: ['main', 'release/v1'],
        environments: ['prod'],
      },
    });
  });
  afterAll(() => synth.cleanup());

  const template = () => synth.template(synth.stacks.cicd);

  it('creates the GitHub OIDC provider for sts.amazonaws.com', () => {
    template().hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
  });

  it('lets only the configured repository branches and environments assume the deploy role', () => {
    const role = Object.values(template().findResources('AWS::IAM::Role'))[0];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: {
          Federated: { Ref: expect.stringMatching(/^GithubOidcProvider/) },
        },
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': [
              'repo:acme/tasks:ref:refs/heads/main',
              'repo:acme/tasks:ref:refs/heads/release/v1',
              'repo:acme/tasks:environment:prod',
            ],
          },
        },
      },
    ]);
    expect(role.Properties.MaxSessionDuration).toBe(3600);
    // No wildcard subject: a StringLike condition would let other repositories in.
    expect(
      JSON.stringify(role.Properties.AssumeRolePolicyDocument),
    ).not.toMatch(/StringLike|\*/);
  });

  it('grants the deploy role only the assets bucket, its key, the portal images and describing the cluster', () => {
    const policies = Object.values(
      template().findResources('AWS::IAM::Policy'),
    );
    expect(policies).toHaveLength(1);
    const bucket =
      'arn:aws:s3:::taskplatform-prod-assets-123456789012-us-east-1';
    expect(policies[0].Properties.PolicyDocument.Statement).toEqual([
      {
        Action: 'eks:DescribeCluster',
        Effect: 'Allow',
        Resource:
          'arn:aws:eks:us-east-1:123456789012:cluster/taskplatform-prod-cluster',
      },
      { Action: 's3:ListBucket', Effect: 'Allow', Resource: bucket },
      {
        Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Effect: 'Allow',
        Resource: `${bucket}/*`,
      },
      {
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Effect: 'Allow',
        Resource: { 'Fn::ImportValue': expect.stringMatching(/StorageKey/) },
      },
      {
        Action: expect.arrayContaining([
          'ecr:BatchGetImage',
          'ecr:PutImage',
          'ecr:UploadLayerPart',
        ]),
        Effect: 'Allow',
        Resource: {
          'Fn::GetAtt': [expect.stringMatching(/^PortalImages/), 'Arn'],
        },
      },
      {
        Action: 'ecr:GetAuthorizationToken',
        Effect: 'Allow',
        Resource: '*',
      },
    ]);
  });

  it('keeps portal images scanned, immutable and encrypted', () => {
    template().hasResourceProperties('AWS::ECR::Repository', {
      RepositoryName: 'taskplatform-prod/portal',
      ImageScanningConfiguration: { ScanOnPush: true },
      ImageTagMutability: 'IMMUTABLE',
      EncryptionConfiguration: { EncryptionType: 'KMS' },
    });
    template().hasOutput('PortalImageRepositoryUri', {
      Export: { Name: 'taskplatform-prod-PortalImageRepositoryUri' },
    });
  });

  it('exports the deploy role ARN', () => {
    template().hasOutput('DeployRoleArn', {
      Export: { Name: 'taskplatform-prod-DeployRoleArn' },
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DeployRole'), 'Arn'] },
    });
  });

  it('has no IAM users or access keys in any stack', () => {
    for (const t of Object.values(synth.allTemplates())) {
      const types = Object.values(t.Resources ?? {}).map(r => r.Type);
      expect(types).not.toContain('AWS::IAM::User');
      expect(types).not.toContain('AWS::IAM::AccessKey');
    }
  });
});

describe('CiCdIdentityStack with an existing OIDC provider', () => {
  it('reuses the provider instead of creating a second one', () => {
    const arn =
      'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const synth = synthPreset('dev', {
      github: { existingOidcProviderArn: arn },
    });
    try {
      const template = synth.template(synth.stacks.cicd);
      template.resourceCountIs('AWS::IAM::OIDCProvider', 0);
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Principal: { Federated: arn } })],
        },
      });
    } finally {
      synth.cleanup();
    }
  });
});
