import { mockServices } from '@backstage/backend-test-utils';
import {
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { Environment } from '@taskplatform/plugin-environments-common';
import { AccountsConfig } from '../service/AccountsConfig';
import { EnvironmentEntityProvider } from './EnvironmentEntityProvider';

const base: Environment = {
  id: '6f1c7a52-5d1e-4a0e-9a43-2f0d7d1f4a10',
  name: 'dev-1',
  title: 'Dev one',
  owner: 'group:default/team-a',
  account: '123456789012',
  region: 'us-east-1',
  preset: 'dev',
  spec: {},
  status: 'provisioning',
  simulated: true,
  outputs: {},
  version: 2,
  createdAt: '2026-12-02T08:00:00.000Z',
  updatedAt: '2026-12-02T08:00:00.000Z',
};

const readyOutputs = {
  ClusterName: 'dev-1-cluster',
  ClusterEndpoint: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
  ClusterCertificateAuthorityData: 'LS0tLS1CRUdJTi',
  DatabaseEndpoint: 'dev-1.abc.us-east-1.rds.amazonaws.com',
};

function setup(live: Environment[]) {
  let listener: ((e: Environment) => void) | undefined;
  const provider = new EnvironmentEntityProvider({
    accounts: new AccountsConfig([
      {
        accountId: '123456789012',
        regions: ['us-east-1'],
        clusterAccessRoleArn: 'arn:aws:iam::123456789012:role/portal-k8s',
      },
    ]),
    appBaseUrl: 'https://portal.example.com/',
    logger: mockServices.logger.mock(),
    source: async () => ({
      listLiveEnvironments: async () => live,
      onStatusChange: l => {
        listener = l;
        return () => {};
      },
    }),
  });
  const connection = {
    applyMutation: jest.fn(async () => {}),
    refresh: jest.fn(),
  };
  return { provider, connection, change: (e: Environment) => listener!(e) };
}

const flush = () => new Promise(r => setTimeout(r, 10));

describe('EnvironmentEntityProvider', () => {
  it('publishes a full mutation at start: the environment, and cluster + database once deployed', async () => {
    const { provider, connection } = setup([
      base,
      {
        ...base,
        id: 'x',
        name: 'prod-1',
        status: 'ready',
        simulated: false,
        outputs: readyOutputs,
      },
    ]);
    await provider.connect(connection);
    await flush();
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const mutation = (connection.applyMutation.mock.calls[0] as any)[0];
    expect(mutation.type).toBe('full');
    const names = mutation.entities.map((d: any) => d.entity.metadata.name);
    expect(names).toEqual([
      'dev-1',
      'prod-1',
      'prod-1-cluster',
      'prod-1-database',
    ]);
    // the catalog's own policies accept every entity (e.g. absolute links only)
    const policy = EntityPolicies.allOf([
      new SchemaValidEntityPolicy(),
      new FieldFormatEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
    ]);
    for (const { entity } of mutation.entities) {
      await expect(policy.enforce(entity)).resolves.toBe(entity);
    }
    const [env] = mutation.entities;
    expect(env.locationKey).toBe('environments:dev-1');
    expect(env.entity).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'dev-1',
        namespace: 'default',
        tags: ['simulated'],
        annotations: {
          'taskplatform.io/environment': 'dev-1',
          'taskplatform.io/environment-status': 'provisioning',
          'taskplatform.io/simulated': 'true',
          'backstage.io/managed-by-location': 'environments:dev-1',
          'backstage.io/managed-by-origin-location': 'environments:dev-1',
        },
        links: [
          {
            url: 'https://portal.example.com/environments/dev-1',
            title: 'Environment',
          },
        ],
      },
      spec: {
        type: 'environment',
        owner: 'group:default/team-a',
        system: 'task-platform',
        dependsOn: [
          'resource:default/dev-1-cluster',
          'resource:default/dev-1-database',
        ],
      },
    });
    const cluster = mutation.entities[2].entity;
    expect(cluster.spec).toMatchObject({
      type: 'kubernetes-cluster',
      owner: 'group:default/team-a',
    });
    expect(cluster.metadata.tags).toBeUndefined();
    expect(cluster.metadata.annotations).toMatchObject({
      'backstage.io/kubernetes-id': 'prod-1-cluster',
      'kubernetes.io/api-server': readyOutputs.ClusterEndpoint,
      'kubernetes.io/api-server-certificate-authority':
        readyOutputs.ClusterCertificateAuthorityData,
      'kubernetes.io/auth-provider': 'aws',
      'kubernetes.io/x-k8s-aws-id': 'dev-1-cluster',
      'kubernetes.io/aws-assume-role':
        'arn:aws:iam::123456789012:role/portal-k8s',
      'taskplatform.io/simulated': 'false',
    });
    expect(mutation.entities[3].entity.spec).toMatchObject({
      type: 'database',
      owner: 'group:default/team-a',
    });
  });

  it('applies a delta on every change and removes a destroyed environment', async () => {
    const { provider, connection, change } = setup([]);
    await provider.connect(connection);
    await flush();
    change({ ...base, status: 'ready', outputs: readyOutputs });
    await flush();
    const delta = (connection.applyMutation.mock.calls[1] as any)[0];
    expect(delta.type).toBe('delta');
    expect(delta.added.map((d: any) => d.entity.metadata.name)).toEqual([
      'dev-1',
      'dev-1-cluster',
      'dev-1-database',
    ]);
    expect(
      delta.added[0].entity.metadata.annotations[
        'taskplatform.io/environment-status'
      ],
    ).toBe('ready');
    expect(delta.removed).toEqual([]);

    change({ ...base, status: 'destroyed', outputs: {} });
    await flush();
    const removal = (connection.applyMutation.mock.calls[2] as any)[0];
    expect(removal).toEqual({
      type: 'delta',
      added: [],
      removed: ['dev-1', 'dev-1-cluster', 'dev-1-database'].map(n => ({
        entityRef: `resource:default/${n}`,
        locationKey: 'environments:dev-1',
      })),
    });
  });
});
