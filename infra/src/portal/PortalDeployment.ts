import { Arn, ArnFormat, CfnJson, Duration, Validations } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { EnvironmentSpec } from '../environmentSpecSchema.ts';
import type { PortalDeploymentInput } from './portalDeploymentSpec.ts';
import {
  PORTAL_APP_SECRET_NAME,
  PORTAL_NAME,
  portalManifests,
} from './portalManifests.ts';

/** External Secrets Operator, which turns the Secrets Manager secrets into Secrets. */
export const EXTERNAL_SECRETS_CHART = {
  chart: 'external-secrets',
  repository: 'https://charts.external-secrets.io',
  version: '0.19.2',
  namespace: 'external-secrets',
};

/** What the stack derives itself: the IRSA role and the database secret. */
export type PortalOnClusterInput = Omit<
  PortalDeploymentInput,
  'serviceAccountRoleArn' | 'databaseSecret'
> & {
  /** IAM roles the portal's environments deployer may assume (per account). */
  deployerRoleArns?: string[];
};

export interface PortalDeploymentProps {
  spec: EnvironmentSpec;
  cluster: eks.Cluster;
  portal: PortalOnClusterInput;
}

/**
 * Deploys the portal onto the environment's cluster from the cluster stack: the
 * IRSA role of its service account (its Secrets Manager secrets, and the roles of
 * the environments deployer), External Secrets Operator, and the portal's
 * resources of {@link portalManifests}. deploy.yml later rolls new images out
 * with the same rendered resources.
 */
export class PortalDeployment extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: PortalDeploymentProps) {
    super(scope, id);
    const { spec, cluster } = props;
    const { deployerRoleArns = [], ...portal } = props.portal;
    const namespace = portal.namespace ?? spec.cluster.appNamespace;
    const roleName = `${spec.name}-portal`;
    const issuer = cluster.clusterOpenIdConnectIssuer;

    this.role = new iam.Role(this, 'ServiceAccountRole', {
      roleName,
      description: `IRSA role of the portal in ${spec.name}`,
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.OpenIdConnectPrincipal(
        cluster.openIdConnectProvider,
      ).withConditions({
        StringEquals: new CfnJson(this, 'ServiceAccountCondition', {
          value: {
            [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${PORTAL_NAME}`,
            [`${issuer}:aud`]: 'sts.amazonaws.com',
          },
        }),
      }),
    });
    const databaseSecret = `${spec.name}/rds/admin`;
    const secretArn = (name: string) =>
      Arn.format(
        {
          service: 'secretsmanager',
          resource: 'secret',
          resourceName: `${name}-*`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        },
        cluster.stack,
      );
    const secretArns = [databaseSecret, PORTAL_APP_SECRET_NAME].map(secretArn);
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'secretsmanager:GetSecretValue',
          'secretsmanager:DescribeSecret',
        ],
        resources: secretArns,
      }),
    );
    for (const arn of secretArns) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${arn}]`,
        reason:
          'Secrets Manager appends a random suffix to every secret ARN: the secret ' +
          'is named exactly, only its suffix is a wildcard.',
      });
    }
    if (deployerRoleArns.length > 0) {
      this.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['sts:AssumeRole', 'sts:TagSession'],
          resources: deployerRoleArns,
        }),
      );
    }
    const operator = cluster.addHelmChart('ExternalSecrets', {
      ...EXTERNAL_SECRETS_CHART,
      release: 'external-secrets',
      createNamespace: true,
      wait: true,
      timeout: Duration.minutes(10),
      values: { installCRDs: true },
    });
    const manifests = cluster.addCdk8sChart(
      'Portal',
      portalManifests(spec, {
        ...portal,
        serviceAccountRoleArn: `arn:aws:iam::${spec.account}:role/${roleName}`,
        databaseSecret,
      }),
    );
    manifests.node.addDependency(operator, this.role);
  }
}
