import {
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
import { AuditorService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { Knex } from 'knex';
import { tasksPlugin } from '../plugin';

export const alice = 'user:default/alice';
export const bob = 'user:default/bob';
export const carol = 'user:default/carol';
/** carol is in team-a, which owns component:default/web. */
const groupsOf: Record<string, string[]> = {
  [carol]: ['group:default/team-a'],
};

export const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      owner: 'group:default/team-a',
      type: 'website',
      lifecycle: 'production',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
  },
];

export const authHeader = (userRef: string) =>
  mockCredentials.user.header(userRef);

/**
 * Evaluates a real PermissionPolicy in-process, the way the permission
 * backend would (users get their groups as ownership claims).
 */
function policyPermissions(policy: () => PermissionPolicy): PermissionsService {
  const decide = async (permission: any, credentials: any) => {
    const ref: string | undefined = credentials.principal.userEntityRef;
    const user = ref && {
      info: {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(groupsOf[ref] ?? [])],
      },
    };
    return policy().handle({ permission }, user as any);
  };
  return {
    async authorize(requests, { credentials }) {
      return Promise.all(
        requests.map(async r => {
          const d = await decide(r.permission, credentials);
          return {
            result:
              d.result === AuthorizeResult.ALLOW
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          };
        }),
      );
    },
    async authorizeConditional(requests, { credentials }) {
      return Promise.all(
        requests.map(r => decide(r.permission, credentials) as any),
      );
    },
  } as PermissionsService;
}

export async function startTasksBackend(options: {
  knex?: Knex;
  policy?: () => PermissionPolicy;
  /** More features or service factories (e.g. the root health service). */
  features?: any[];
}): Promise<{
  backend: TestBackend;
  server: TestBackend['server'];
  signals: { publish: jest.Mock };
  notifications: { send: jest.Mock };
  auditor: ServiceMock<AuditorService>;
}> {
  const signals = { publish: jest.fn(async () => {}) };
  const notifications = { send: jest.fn(async () => {}) };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => ({
      success: jest.fn(async () => {}),
      fail: jest.fn(async () => {}),
    })),
  });
  const features: any[] = [
    tasksPlugin,
    catalogServiceMock.factory({ entities }),
    auditor.factory,
    // requests without a token are unauthenticated, as in production
    mockServices.httpAuth.factory({
      defaultCredentials: mockCredentials.none(),
    }),
    createServiceFactory({
      service: signalsServiceRef,
      deps: {},
      factory: () => signals,
    }),
    createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => notifications,
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
  features.push(...(options.features ?? []));
  const backend = await startTestBackend({ features });
  return { backend, server: backend.server, signals, notifications, auditor };
}
