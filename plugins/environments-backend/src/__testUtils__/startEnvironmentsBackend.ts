import {
  AuditorService,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  ServiceMock,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import type { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { Deployer } from '../deployer/Deployer';
import { createEnvironmentsPlugin } from '../plugin';

export const alice = 'user:default/alice';
export const carol = 'user:default/carol';
/** carol is in team-a; alice in no group. */
const groupsOf: Record<string, string[]> = {
  [carol]: ['group:default/team-a'],
};

export const authHeader = (userRef: string) =>
  mockCredentials.user.header(userRef);

export const environmentsConfig = {
  accounts: [
    {
      accountId: '123456789012',
      regions: ['us-east-1', 'eu-west-1'],
      clusterAccessRoleArn: 'arn:aws:iam::123456789012:role/portal-k8s',
    },
  ],
  worker: { leaseSeconds: 2 },
};

/** Evaluates a real PermissionPolicy in-process (users get their groups as claims). */
function policyPermissions(policy: PermissionPolicy): PermissionsService {
  const decide = async (permission: any, credentials: any) => {
    const ref: string | undefined = credentials.principal.userEntityRef;
    const user = ref && {
      info: {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(groupsOf[ref] ?? [])],
      },
    };
    return policy.handle({ permission }, user as any);
  };
  return {
    async authorize(requests, { credentials }) {
      return Promise.all(
        requests.map(async r => ({
          result:
            (await decide(r.permission, credentials)).result ===
            AuthorizeResult.ALLOW
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
      );
    },
    async authorizeConditional(requests, { credentials }) {
      return Promise.all(
        requests.map(r => decide(r.permission, credentials) as any),
      );
    },
  } as PermissionsService;
}

export async function startEnvironmentsBackend(options: {
  deployer: (knex: Knex) => Deployer;
  knex?: Knex;
  policy?: PermissionPolicy;
  /** Replaces `environments.accounts` of {@link environmentsConfig}. */
  accounts?: JsonObject[];
}): Promise<{
  backend: TestBackend;
  server: TestBackend['server'];
  signals: { publish: jest.Mock };
  auditor: ServiceMock<AuditorService>;
}> {
  const signals = { publish: jest.fn(async () => {}) };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => ({
      success: jest.fn(async () => {}),
      fail: jest.fn(async () => {}),
    })),
  });
  const features: any[] = [
    createEnvironmentsPlugin({
      validateResponses: true,
      deployer: options.deployer,
      eventFlushMs: 20,
    }),
    mockServices.rootConfig.factory({
      data: {
        environments: {
          ...environmentsConfig,
          accounts: options.accounts ?? environmentsConfig.accounts,
        },
      },
    }),
    auditor.factory,
    mockServices.httpAuth.factory({
      defaultCredentials: mockCredentials.none(),
    }),
    createServiceFactory({
      service: signalsServiceRef,
      deps: {},
      factory: () => signals,
    }),
  ];
  if (options.knex) {
    features.push(mockServices.database.factory({ knex: options.knex }));
  }
  if (options.policy) {
    const permissions = policyPermissions(options.policy);
    features.push(
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => permissions,
      }),
    );
  }
  const backend = await startTestBackend({ features });
  return { backend, server: backend.server, signals, auditor };
}
