import { Entity } from '@backstage/catalog-model';
import { Environment } from '@taskplatform/plugin-environments-common';
import { AccountConfig } from '../service/AccountsConfig';

const SYSTEM = 'task-platform';

/** The stack output whose key is `name` (or ends with `.name`). */
function output(environment: Environment, name: string): string | undefined {
  const key = Object.keys(environment.outputs).find(
    k => k === name || k.endsWith(`.${name}`),
  );
  return key === undefined ? undefined : environment.outputs[key];
}

/** Cluster and database exist once a deploy has succeeded. */
function hasStacks(environment: Environment): boolean {
  return (
    ['ready', 'updating', 'failed'].includes(environment.status) &&
    output(environment, 'ClusterEndpoint') !== undefined
  );
}

export function entityNames(name: string) {
  return {
    environment: name,
    cluster: `${name}-cluster`,
    database: `${name}-database`,
  };
}

/**
 * The catalog entities of an environment: the environment Resource always,
 * its cluster and database once their stacks have outputs.
 */
export function environmentEntities(
  environment: Environment,
  account?: AccountConfig,
  options: { appBaseUrl?: string } = {},
): Entity[] {
  const names = entityNames(environment.name);
  const location = `environments:${environment.name}`;
  const metadata = (
    name: string,
    title: string,
    extra: Record<string, string> = {},
  ) => ({
    name,
    namespace: 'default',
    title,
    annotations: {
      'backstage.io/managed-by-location': location,
      'backstage.io/managed-by-origin-location': location,
      'taskplatform.io/environment': environment.name,
      'taskplatform.io/environment-status': environment.status,
      'taskplatform.io/simulated': String(environment.simulated),
      ...extra,
    },
    ...(environment.simulated ? { tags: ['simulated'] } : {}),
  });
  const resource = (
    name: string,
    title: string,
    type: string,
    extra: Record<string, string>,
    spec: Record<string, unknown> = {},
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: metadata(name, title, extra),
    spec: { type, owner: environment.owner, system: SYSTEM, ...spec },
  });

  const env = resource(
    names.environment,
    environment.title,
    'environment',
    {},
    {
      dependsOn: [
        `resource:default/${names.cluster}`,
        `resource:default/${names.database}`,
      ],
    },
  );
  env.metadata.description = `${environment.preset} environment in AWS account ${environment.account}, ${environment.region} (${environment.status})`;
  // the catalog accepts absolute links only
  if (options.appBaseUrl) {
    env.metadata.links = [
      {
        url: `${options.appBaseUrl.replace(/\/+$/, '')}/environments/${
          environment.name
        }`,
        title: 'Environment',
      },
    ];
  }
  if (!hasStacks(environment)) return [env];

  const clusterAnnotations: Record<string, string> = {
    // shows the Kubernetes tab on the cluster entity
    'backstage.io/kubernetes-id': names.cluster,
    'kubernetes.io/auth-provider': 'aws',
    'kubernetes.io/x-k8s-aws-id':
      output(environment, 'ClusterName') ?? names.cluster,
  };
  const endpoint = output(environment, 'ClusterEndpoint');
  if (endpoint) clusterAnnotations['kubernetes.io/api-server'] = endpoint;
  const ca =
    output(environment, 'ClusterCertificateAuthorityData') ??
    output(environment, 'ClusterCertificateAuthority');
  if (ca)
    clusterAnnotations['kubernetes.io/api-server-certificate-authority'] = ca;
  if (account?.clusterAccessRoleArn) {
    clusterAnnotations['kubernetes.io/aws-assume-role'] =
      account.clusterAccessRoleArn;
  }
  const databaseAnnotations: Record<string, string> = {};
  const dbEndpoint = output(environment, 'DatabaseEndpoint');
  if (dbEndpoint)
    databaseAnnotations['taskplatform.io/database-endpoint'] = dbEndpoint;

  return [
    env,
    resource(
      names.cluster,
      `${environment.title} EKS cluster`,
      'kubernetes-cluster',
      clusterAnnotations,
    ),
    resource(
      names.database,
      `${environment.title} PostgreSQL`,
      'database',
      databaseAnnotations,
    ),
  ];
}
