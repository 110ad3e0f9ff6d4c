import { AuthService } from '@backstage/backend-plugin-api';
import { CachedTokenAuth } from './CachedTokenAuth';

const HOUR = 3_600_000;

/** An AuthService whose tokens are `user:<name>:<expiry ms>` or `service`. */
function verifying() {
  const calls: string[] = [];
  const auth = {
    authenticate: jest.fn(async (token: string) => {
      calls.push(token);
      const [kind, name, exp] = token.split(':');
      if (kind === 'service') {
        return {
          $$type: '@backstage/BackstageCredentials',
          principal: { type: 'service', subject: 'plugin:catalog' },
        };
      }
      if (kind !== 'user') throw new Error(`Illegal token ${token}`);
      return {
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: `user:default/${name}` },
        expiresAt: new Date(Number(exp)),
      };
    }),
  } as unknown as AuthService;
  return { auth, calls };
}

describe('CachedTokenAuth', () => {
  it('verifies a user token once within the max age, and again after it', async () => {
    let now = 0;
    const { auth, calls } = verifying();
    const cached = new CachedTokenAuth(auth, 60_000, 100, () => now);
    const token = `user:alice:${HOUR}`;
    const first = await cached.authenticate(token);
    now = 59_999;
    expect(await cached.authenticate(token)).toBe(first);
    expect(calls).toHaveLength(1);
    now = 60_000;
    await cached.authenticate(token);
    expect(calls).toHaveLength(2);
  });

  it('never serves a token past its own expiry', async () => {
    let now = 0;
    const { auth, calls } = verifying();
    const cached = new CachedTokenAuth(auth, 60_000, 100, () => now);
    const token = `user:bob:${10_000}`;
    await cached.authenticate(token);
    now = 9_999;
    await cached.authenticate(token);
    expect(calls).toHaveLength(1);
    now = 10_000;
    await cached.authenticate(token);
    expect(calls).toHaveLength(2);
  });

  it('remembers neither failures nor credentials without an expiry', async () => {
    const { auth, calls } = verifying();
    const cached = new CachedTokenAuth(auth, 60_000);
    await expect(cached.authenticate('forged')).rejects.toThrow('Illegal');
    await expect(cached.authenticate('forged')).rejects.toThrow('Illegal');
    await cached.authenticate('service');
    await cached.authenticate('service');
    expect(calls).toEqual(['forged', 'forged', 'service', 'service']);
  });

  it('keeps limited access apart: a token accepted with it is checked again without it', async () => {
    const { auth } = verifying();
    const cached = new CachedTokenAuth(auth, 60_000);
    const token = `user:carol:${Date.now() + HOUR}`;
    await cached.authenticate(token, { allowLimitedAccess: true });
    await cached.authenticate(token);
    expect((auth.authenticate as jest.Mock).mock.calls).toEqual([
      [token, { allowLimitedAccess: true }],
      [token, undefined],
    ]);
  });

  it('holds at most maxEntries tokens, dropping the oldest', async () => {
    const { auth, calls } = verifying();
    const cached = new CachedTokenAuth(auth, 60_000, 2);
    const exp = Date.now() + HOUR;
    for (const name of ['a', 'b', 'c']) {
      await cached.authenticate(`user:${name}:${exp}`);
    }
    await cached.authenticate(`user:c:${exp}`); // kept
    await cached.authenticate(`user:a:${exp}`); // dropped for c
    expect(calls.map(t => t.split(':')[1])).toEqual(['a', 'b', 'c', 'a']);
  });

  it('with a max age of 0 verifies every request', async () => {
    const { auth, calls } = verifying();
    const cached = new CachedTokenAuth(auth, 0);
    const token = `user:dave:${Date.now() + HOUR}`;
    await cached.authenticate(token);
    await cached.authenticate(token);
    expect(calls).toHaveLength(2);
  });
});
