import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import {
  startKubernetesApiFixture,
  type KubernetesApiFixture,
} from './__fixtures__/kubernetesApiFixture';
import { kubernetesModuleFetchTimeouts } from './module';

jest.setTimeout(30_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'task-platform-portal',
    annotations: {
      'backstage.io/kubernetes-id': 'task-platform-portal',
      'backstage.io/kubernetes-namespace': 'portal',
    },
  },
  spec: { type: 'website', owner: 'platform-team', lifecycle: 'production' },
};

describe('kubernetesModuleFetchTimeouts in the Kubernetes backend', () => {
  let healthy: KubernetesApiFixture;
  let hanging: KubernetesApiFixture;

  const savedEnv = { ...process.env };
  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY =
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    process.env.AWS_REGION = 'eu-west-1';
    healthy = await startKubernetesApiFixture();
    hanging = await startKubernetesApiFixture({ hang: true });
  });
  afterAll(async () => {
    process.env = savedEnv;
    await healthy.close();
    await hanging.close();
  });

  it('answers with the healthy cluster and an error for the hanging one, within the time limit', async () => {
    // AWS IAM auth as in production: a presigned STS GetCallerIdentity as
    // the bearer token, signed offline with the (fake) credentials below.
    const cluster = (name: string, url: string) => ({
      name,
      url,
      authProvider: 'aws',
      skipMetricsLookup: true,
    });
    const { server } = await startTestBackend({
      features: [
        kubernetesPlugin,
        kubernetesModuleFetchTimeouts,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              fetchTimeoutSeconds: 1,
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    cluster('eks-hanging', hanging.url),
                    cluster('eks-healthy', healthy.url),
                  ],
                },
              ],
            },
          },
        }),
      ],
    });

    const start = Date.now();
    const res = await request(server)
      .post('/api/kubernetes/services/task-platform-portal')
      .set('Authorization', mockCredentials.user.header())
      .send({ entity });
    const elapsed = Date.now() - start;

    expect(res.status).toBe(200);
    expect(elapsed).toBeLessThan(4000);
    const byCluster = Object.fromEntries(
      res.body.items.map((item: any) => [item.cluster.name, item]),
    );
    expect(byCluster['eks-hanging'].errors).toEqual([
      {
        errorType: 'FETCH_ERROR',
        message: "Cluster 'eks-hanging' did not answer within 1 s",
      },
    ]);
    const pods = byCluster['eks-healthy'].resources.find(
      (r: any) => r.type === 'pods',
    );
    expect(pods.resources).toHaveLength(3);
    const hpa = byCluster['eks-healthy'].resources.find(
      (r: any) => r.type === 'horizontalpodautoscalers',
    );
    expect(hpa.resources[0].spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 10,
    });
    // backstage.io/kubernetes-namespace keeps every list call in one namespace
    expect(healthy.requests.length).toBeGreaterThan(5);
    for (const r of healthy.requests) {
      expect(r.path).toMatch(/\/namespaces\/portal\//);
      expect(r.authorization).toMatch(/^Bearer k8s-aws-v1\./);
    }
  });
});
