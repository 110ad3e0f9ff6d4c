import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import tasksPlugin from '@taskplatform/plugin-tasks-backend';
import environmentsPlugin from '@taskplatform/plugin-environments-backend';
import path from 'node:path';
import request from 'supertest';
import portalPermissionPolicyModule from '.';

jest.setTimeout(120_000);

/**
 * The authorization matrix: the real permission backend with the portal's
 * policy, and the real catalog, tasks and scaffolder plugins, asked by three
 * users of the test catalog (__fixtures__/catalog.yaml).
 */
const owner = 'user:default/owen'; // team-a: owns component web, template hello
const other = 'user:default/olga'; // team-b: owns component billing
const admin = 'user:default/ada'; // platform-team: the admin group

const groupsOf: Record<string, string[]> = {
  [owner]: ['group:default/team-a'],
  [other]: ['group:default/team-b'],
  [admin]: ['group:default/platform-team'],
};

const fixture = (name: string) => path.resolve(__dirname, '__fixtures__', name);

/** Ownership claims as the catalog's sign-in resolver would issue them. */
const userInfoFromTestCatalog = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const ref: string = credentials.principal.userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(groupsOf[ref] ?? [])],
      };
    },
  }),
});

/**
 * Mock auth whose plugin-to-plugin tokens carry the calling plugin as the
 * actor, like real on-behalf-of tokens: the permission backend accepts
 * conditional requests only from a plugin acting for a user.
 */
const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return Object.assign(Object.create(auth), {
      async getPluginRequestToken(options: any) {
        const { principal } = options.onBehalfOf;
        if (principal.type === 'user') {
          return {
            token: mockCredentials.user.token(principal.userEntityRef, {
              actor: { subject: plugin.getId() },
            }),
          };
        }
        return auth.getPluginRequestToken(options);
      },
    });
  },
});

/** Lets the admin register the test's second file as a location. */
const fileLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-file-locations',
  register(reg) {
    reg.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});

type Server = Parameters<typeof request>[0];
let server: Server;
let stop: () => Promise<void>;

const as = (user: string) => ({
  get: (url: string) =>
    request(server)
      .get(url)
      .set('Authorization', mockCredentials.user.header(user)),
  post: (url: string, body?: object) =>
    request(server)
      .post(url)
      .set('Authorization', mockCredentials.user.header(user))
      .send(body),
  patch: (url: string, body: object) =>
    request(server)
      .patch(url)
      .set('Authorization', mockCredentials.user.header(user))
      .send(body),
  delete: (url: string) =>
    request(server)
      .delete(url)
      .set('Authorization', mockCredentials.user.header(user)),
});

const jsonBody = (
  res: any,
  done: (err: Error | null, body: unknown) => void,
) => {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, JSON.parse(text)));
};

const names = (items: { metadata: { name: string } }[]) =>
  items.map(e => e.metadata.name).sort();

beforeAll(async () => {
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          environments: {
            deployer: 'simulated',
            simulated: { eventIntervalMs: 1 },
            accounts: [{ accountId: '123456789012', regions: ['us-east-1'] }],
          },
          permission: {
            enabled: true,
            portalPolicy: { adminGroups: ['group:default/platform-team'] },
          },
          catalog: {
            rules: [
              {
                allow: ['Component', 'Group', 'User', 'Template', 'Location'],
              },
            ],
            locations: [{ type: 'file', target: fixture('catalog.yaml') }],
          },
        },
      }),
      permissionsServiceFactory,
      permissionsRegistryServiceFactory,
      userInfoFromTestCatalog,
      authWithActors,
      permissionPlugin,
      portalPermissionPolicyModule,
      catalogPlugin,
      fileLocations,
      scaffolderEntityModel,
      scaffolderPlugin,
      notificationsPlugin,
      tasksPlugin,
      environmentsPlugin,
    ],
  });
  server = backend.server;
  stop = () => backend.stop();

  // the catalog processes the file location in the background
  for (let i = 0; ; i++) {
    const res = await as(admin).get(
      '/api/catalog/entities/by-query?filter=kind=template',
    );
    if (res.status === 200 && res.body.items?.length === 2) break;
    if (i > 300 || res.status !== 200) {
      throw new Error(
        `the test catalog was not loaded: ${res.status} ${res.text}`,
      );
    }
    await new Promise(r => setTimeout(r, 100));
  }
});

afterAll(async () => {
  await stop?.();
});

describe('catalog', () => {
  it('lists every entity but the restricted template to non-admins (in the query)', async () => {
    for (const [user, expected] of [
      [owner, ['hello']],
      [other, ['hello']],
      [admin, ['hello', 'restricted-hello']],
    ] as const) {
      // the full list is streamed without a content type
      const all = await as(user)
        .get('/api/catalog/entities')
        .buffer(true)
        .parse(jsonBody);
      expect(all.status).toBe(200);
      expect(names(all.body.filter((e: any) => e.kind === 'Template'))).toEqual(
        expected,
      );
      expect(names(all.body)).toEqual(
        expect.arrayContaining(['web', 'billing', 'owen', 'team-a']),
      );

      const page = await as(user).get(
        '/api/catalog/entities/by-query?filter=kind=template&limit=10',
      );
      expect(page.status).toBe(200);
      expect(names(page.body.items)).toEqual(expected);
      expect(page.body.totalItems).toBe(expected.length);

      // facets are computed by the database: no trace of the restricted tag
      const facets = await as(user).get(
        '/api/catalog/entity-facets?facet=metadata.tags',
      );
      expect(facets.status).toBe(200);
      const tags = facets.body.facets['metadata.tags'].map((f: any) => f.value);
      expect(tags.includes('restricted')).toBe(user === admin);
    }
  });

  it.each([
    [owner, 404],
    [other, 404],
    [admin, 200],
  ])('%s reads the restricted template: %i', async (user, status) => {
    const res = await as(user).get(
      '/api/catalog/entities/by-name/template/default/restricted-hello',
    );
    expect(res.status).toBe(status);
    const byRefs = await as(user).post('/api/catalog/entities/by-refs', {
      entityRefs: [
        'template:default/restricted-hello',
        'component:default/web',
      ],
    });
    expect(byRefs.status).toBe(200);
    expect(byRefs.body.items[0] === null).toBe(status === 404);
    expect(byRefs.body.items[1].metadata.name).toBe('web');
  });

  it.each([
    [owner, 'component:default/web', 200],
    [other, 'component:default/web', 403],
    [admin, 'component:default/web', 200],
    [owner, 'component:default/billing', 403],
    [other, 'component:default/billing', 200],
  ])('%s refreshes %s: %i', async (user, entityRef, status) => {
    const res = await as(user).post('/api/catalog/refresh', { entityRef });
    expect(res.status).toBe(status);
  });

  it('validates entities for everyone', async () => {
    for (const user of [owner, other, admin]) {
      const res = await as(user).post('/api/catalog/validate-entity', {
        location: 'url:https://example.com/catalog-info.yaml',
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'x' },
          spec: { type: 'service', lifecycle: 'test', owner: 'team-a' },
        },
      });
      expect(res.status).toBe(200);
    }
  });

  it('registers and removes locations for admins only', async () => {
    const body = { type: 'file', target: fixture('extra-location.yaml') };
    expect((await as(owner).post('/api/catalog/locations', body)).status).toBe(
      403,
    );
    const created = await as(admin).post('/api/catalog/locations', body);
    expect(created.status).toBe(201);
    const id = created.body.location.id;

    for (const user of [owner, other, admin]) {
      const list = await as(user).get('/api/catalog/locations');
      expect(list.status).toBe(200);
      const res = await as(user).get(`/api/catalog/locations/${id}`);
      expect(res.status).toBe(200);
    }
    expect(
      (await as(other).delete(`/api/catalog/locations/${id}`)).status,
    ).toBe(403);
    expect(
      (await as(admin).delete(`/api/catalog/locations/${id}`)).status,
    ).toBe(204);
  });

  it('unregisters an entity for its owners only', async () => {
    const { body: billing } = await as(admin).get(
      '/api/catalog/entities/by-name/component/default/billing',
    );
    const uid = billing.metadata.uid;
    expect(
      (await as(owner).delete(`/api/catalog/entities/by-uid/${uid}`)).status,
    ).toBe(403);
    expect(
      (await as(other).delete(`/api/catalog/entities/by-uid/${uid}`)).status,
    ).toBe(204);
    expect(
      (
        await as(admin).get(
          '/api/catalog/entities/by-name/component/default/billing',
        )
      ).status,
    ).toBe(404);
  });
});

describe('tasks', () => {
  let ownersTask: { id: string };

  beforeAll(async () => {
    const res = await as(other).post('/api/tasks/tasks', {
      title: 'Rotate the web certificate',
      entityRef: 'component:default/web',
    });
    if (res.status !== 201) throw new Error(`create failed: ${res.text}`);
    ownersTask = res.body;
  });

  it('everyone signed in reads, lists, creates and comments', async () => {
    for (const user of [owner, other, admin]) {
      expect(
        (await as(user).get(`/api/tasks/tasks/${ownersTask.id}`)).status,
      ).toBe(200);
      const list = await as(user).get(
        '/api/tasks/tasks?entityRef=component:default/web',
      );
      expect(list.status).toBe(200);
      expect(list.body.items.map((t: any) => t.id)).toContain(ownersTask.id);
      expect((await as(user).get('/api/tasks/stats')).status).toBe(200);
      expect(
        (await as(user).get(`/api/tasks/tasks/${ownersTask.id}/comments`))
          .status,
      ).toBe(200);
      expect(
        (await as(user).get(`/api/tasks/tasks/${ownersTask.id}/activity`))
          .status,
      ).toBe(200);
      expect(
        (
          await as(user).post(`/api/tasks/tasks/${ownersTask.id}/comments`, {
            body: `seen by ${user}`,
          })
        ).status,
      ).toBe(201);
    }
    expect(
      (await as(owner).post('/api/tasks/tasks', { title: 'Mine' })).status,
    ).toBe(201);
  });

  it('members of another team may not edit or delete', async () => {
    const task = await as(owner).post('/api/tasks/tasks', {
      title: 'Owned by team-a',
      entityRef: 'component:default/web',
    });
    const url = `/api/tasks/tasks/${task.body.id}`;
    expect((await as(other).patch(url, { title: 'Hijacked' })).status).toBe(
      403,
    );
    expect((await as(other).delete(url)).status).toBe(403);
    const bulk = await as(other).post('/api/tasks/bulk-status', {
      ids: [task.body.id],
      status: 'done',
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.failed).toEqual([
      { id: task.body.id, reason: 'forbidden' },
    ]);
    expect((await as(other).get(url)).body.title).toBe('Owned by team-a');
  });

  it('owners of the entity edit a task someone else created; admins too', async () => {
    const url = `/api/tasks/tasks/${ownersTask.id}`;
    expect((await as(owner).patch(url, { status: 'in_progress' })).status).toBe(
      200,
    );
    const bulk = await as(admin).post('/api/tasks/bulk-status', {
      ids: [ownersTask.id],
      status: 'done',
    });
    expect(bulk.body.updated.map((t: any) => t.id)).toEqual([ownersTask.id]);
    expect((await as(admin).delete(url)).status).toBe(204);
    expect((await as(owner).get(url)).status).toBe(404);
  });
});

describe('scaffolder', () => {
  it.each([
    [owner, 200, ['Name']],
    [other, 200, ['Name']],
    [admin, 200, ['Name', 'Admin settings']],
  ])(
    '%s reads the template hello: %i, restricted parameters hidden',
    async (user, status, titles) => {
      const res = await as(user).get(
        '/api/scaffolder/v2/templates/default/template/hello/parameter-schema',
      );
      expect(res.status).toBe(status);
      expect(res.body.steps.map((s: any) => s.title)).toEqual(titles);
    },
  );

  it.each([
    [owner, 404],
    [other, 404],
    [admin, 200],
  ])('%s reads the restricted template: %i', async (user, status) => {
    const res = await as(user).get(
      '/api/scaffolder/v2/templates/default/template/restricted-hello/parameter-schema',
    );
    expect(res.status).toBe(status);
  });

  it('runs templates, lists and cancels tasks by their creator (in the query)', async () => {
    const denied = await as(owner).post('/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/restricted-hello',
      values: {},
    });
    expect(denied.status).toBe(404);
    const adminsTask = await as(admin).post('/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/restricted-hello',
      values: {},
    });
    expect(adminsTask.status).toBe(201);
    const ownersTask = await as(owner).post('/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/hello',
      values: { name: 'x' },
    });
    expect(ownersTask.status).toBe(201);

    const listed = async (user: string) => {
      const res = await as(user).get('/api/scaffolder/v2/tasks');
      expect(res.status).toBe(200);
      return res.body.tasks.map((t: any) => t.id).sort();
    };
    expect(await listed(owner)).toEqual([ownersTask.body.id]);
    expect(await listed(other)).toEqual([]);
    expect(await listed(admin)).toEqual(
      [ownersTask.body.id, adminsTask.body.id].sort(),
    );

    const taskUrl = `/api/scaffolder/v2/tasks/${ownersTask.body.id}`;
    expect((await as(owner).get(taskUrl)).status).toBe(200);
    expect((await as(other).get(taskUrl)).status).toBe(403);
    expect((await as(admin).get(taskUrl)).status).toBe(200);
    expect((await as(other).post(`${taskUrl}/cancel`)).status).toBe(403);
    expect((await as(owner).post(`${taskUrl}/cancel`)).status).toBe(200);
  });
});

describe('environments', () => {
  const url = '/api/environments/environments';
  const create = (user: string, name: string, ownerGroup: string) =>
    as(user).post(url, {
      owner: ownerGroup,
      preset: 'dev',
      spec: { name, account: '123456789012', region: 'us-east-1' },
    });

  const settled = async (name: string) => {
    for (let i = 0; i < 600; i++) {
      const res = await as(admin).get(`${url}/${name}`);
      if (['ready', 'failed'].includes(res.body.status)) return res.body;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(`${name} did not settle`);
  };

  beforeAll(async () => {
    const owners = await create(owner, 'team-a-dev', 'group:default/team-a');
    const others = await create(other, 'team-b-dev', 'group:default/team-b');
    if (owners.status !== 202 || others.status !== 202) {
      throw new Error(`create failed: ${owners.text} ${others.text}`);
    }
    for (const name of ['team-a-dev', 'team-b-dev']) {
      const { status } = await settled(name);
      if (status !== 'ready') throw new Error(`${name} is ${status}`);
    }
  });

  it('everyone signed in lists and reads every environment', async () => {
    for (const user of [owner, other, admin]) {
      const list = await as(user).get(url);
      expect(list.status).toBe(200);
      expect(list.body.items.map((e: any) => e.name).sort()).toEqual([
        'team-a-dev',
        'team-b-dev',
      ]);
      expect((await as(user).get(`${url}/team-a-dev`)).status).toBe(200);
      expect((await as(user).get(`${url}/team-a-dev/operations`)).status).toBe(
        200,
      );
      expect((await as(user).get(`${url}/nothing-here`)).status).toBe(404);
    }
  });

  it.each([
    [owner, 'team-a-dev', 202],
    [other, 'team-a-dev', 403],
    [owner, 'team-b-dev', 403],
    [admin, 'team-b-dev', 202],
  ])('%s updates %s: %i', async (user, name, status) => {
    const res = await as(user).post(`${url}/${name}/update`, {
      spec: { tags: { touchedBy: user.replace(/\W/g, '-') } },
    });
    expect(res.status).toBe(status);
    await settled(name);
  });

  it.each([
    [other, 'team-a-dev', 403],
    [owner, 'team-b-dev', 403],
    [owner, 'team-a-dev', 202],
    [admin, 'team-b-dev', 202],
  ])('%s destroys %s: %i', async (user, name, status) => {
    const res = await as(user).post(`${url}/${name}/destroy`, {
      confirm: name,
    });
    expect(res.status).toBe(status);
  });
});
