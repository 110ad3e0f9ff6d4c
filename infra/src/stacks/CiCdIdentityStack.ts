import { Arn, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { EnvironmentSpec } from '../spec.ts';
import {
  EnvironmentStack,
  type EnvironmentStackProps,
} from './EnvironmentStack.ts';
import { clusterNameFor } from './addonCharts.ts';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

export interface CiCdIdentityStackProps extends EnvironmentStackProps {
  /** Name of the bucket the deploy workflows publish build assets to. */
  assetsBucketName: string;
  /** Key that encrypts that bucket. */
  assetsBucketKey: kms.IKey;
}

/** The `sub` claims of the GitHub OIDC tokens allowed to assume the deploy role. */
export function allowedGithubSubjects(spec: EnvironmentSpec): string[] {
  const repo = `repo:${spec.github.org}/${spec.github.repo}`;
  return [
    ...spec.github.branches.map(branch => `${repo}:ref:refs/heads/${branch}`),
    ...spec.github.environments.map(
      environment => `${repo}:environment:${environment}`,
    ),
  ];
}

/**
 * GitHub Actions federation: the account's GitHub OIDC provider and the deploy role
 * that only the configured repository (branches or environments) can assume. No IAM
 * users or access keys exist anywhere.
 */
export class CiCdIdentityStack extends EnvironmentStack {
  readonly deployRole: iam.Role;
  /** The portal's container images, pushed by deploy.yml with the deploy role. */
  readonly portalImages: ecr.Repository;

  constructor(scope: Construct, id: string, props: CiCdIdentityStackProps) {
    super(scope, id, props);
    const { spec } = props;

    const provider = spec.github.existingOidcProviderArn
      ? iam.OidcProviderNative.fromOidcProviderArn(
          this,
          'GithubOidcProvider',
          spec.github.existingOidcProviderArn,
        )
      : new iam.OidcProviderNative(this, 'GithubOidcProvider', {
          url: `https://${GITHUB_OIDC_HOST}`,
          clientIds: ['sts.amazonaws.com'],
        });

    this.deployRole = new iam.Role(this, 'DeployRole', {
      description: `GitHub Actions deploys of ${spec.github.org}/${spec.github.repo} to ${spec.name}`,
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com',
          [`${GITHUB_OIDC_HOST}:sub`]: allowedGithubSubjects(spec),
        },
      }),
    });

    // Kubernetes rights come from an EKS access entry (ClusterStack); IAM only needs
    // to let the role find the cluster.
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['eks:DescribeCluster'],
        resources: [
          Arn.format(
            {
              service: 'eks',
              resource: 'cluster',
              resourceName: clusterNameFor(spec),
            },
            this,
          ),
        ],
      }),
    );
    const bucketArn = Arn.format(
      {
        service: 's3',
        region: '',
        account: '',
        resource: props.assetsBucketName,
      },
      this,
    );
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucketArn],
      }),
    );
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [`${bucketArn}/*`],
      }),
    );
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [props.assetsBucketKey.keyArn],
      }),
    );

    this.portalImages = new ecr.Repository(this, 'PortalImages', {
      repositoryName: `${spec.name}/portal`,
      imageScanOnPush: true,
      // A tag names one build (the commit); it is never moved to another image.
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      encryption: ecr.RepositoryEncryption.KMS,
      lifecycleRules: [{ description: 'Last 50 builds', maxImageCount: 50 }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.portalImages.grantPullPush(this.deployRole);

    this.exportOutput(
      'PortalImageRepositoryUri',
      this.portalImages.repositoryUri,
      'ECR repository of the portal image (deploy.yml pushes here)',
    );
    this.exportOutput(
      'DeployRoleArn',
      this.deployRole.roleArn,
      'Role for aws-actions/configure-aws-credentials (role-to-assume)',
    );
    this.exportOutput(
      'GithubOidcProviderArn',
      provider.oidcProviderArn,
      'GitHub Actions OIDC provider',
    );
  }
}
