import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { CachedPermissions } from './CachedPermissions';

const read = createPermission({ name: 'thing.read', attributes: {} });
const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');

function counting() {
  let result: AuthorizeResult = AuthorizeResult.ALLOW;
  const calls: string[] = [];
  const permissions = {
    authorize: jest.fn(async (requests: any[], options: any) => {
      calls.push(options.credentials.principal.userEntityRef);
      if (result === ('fail' as any))
        throw new Error('permission backend down');
      return requests.map(() => ({ result }));
    }),
    authorizeConditional: jest.fn(async (requests: any[]) =>
      requests.map(() => ({ result })),
    ),
  };
  return {
    permissions,
    calls,
    set: (r: AuthorizeResult | 'fail') => {
      result = r as AuthorizeResult;
    },
  };
}

describe('CachedPermissions', () => {
  it('asks once per principal and permission within the TTL, and again after it (a changed policy takes effect)', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      const fake = counting();
      const cached = new CachedPermissions(fake.permissions as any, 5000);
      const ask = (credentials = alice) =>
        cached.authorize([{ permission: read }], { credentials });

      expect((await ask())[0].result).toBe(AuthorizeResult.ALLOW);
      fake.set(AuthorizeResult.DENY); // the policy changes
      expect((await ask())[0].result).toBe(AuthorizeResult.ALLOW); // cached
      expect((await ask(bob))[0].result).toBe(AuthorizeResult.DENY); // bob asks himself
      expect(fake.calls).toEqual(['user:default/alice', 'user:default/bob']);

      jest.setSystemTime(5001);
      expect((await ask())[0].result).toBe(AuthorizeResult.DENY);
      expect(fake.calls).toHaveLength(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not cache requests naming a resource, failed checks, or anything with a TTL of 0', async () => {
    const fake = counting();
    const cached = new CachedPermissions(fake.permissions as any, 5000);
    const withResource = () =>
      cached.authorize([{ permission: read, resourceRef: 'x:y/z' } as any], {
        credentials: alice,
      });
    await withResource();
    await withResource();
    expect(fake.calls).toHaveLength(2);

    fake.set('fail');
    const ask = () =>
      cached.authorize([{ permission: read }], { credentials: bob });
    await expect(ask()).rejects.toThrow('permission backend down');
    fake.set(AuthorizeResult.ALLOW);
    expect((await ask())[0].result).toBe(AuthorizeResult.ALLOW);
    expect(fake.calls).toHaveLength(4);

    const off = new CachedPermissions(fake.permissions as any, 0);
    await off.authorize([{ permission: read }], { credentials: alice });
    await off.authorize([{ permission: read }], { credentials: alice });
    expect(fake.calls).toHaveLength(6);
  });
});
