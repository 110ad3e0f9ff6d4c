import type { PluginTokenHandler } from '@backstage/backend-defaults/auth';
import { AuthenticationError } from '@backstage/errors';
import { SignJWT } from 'jose';
import { CachedPluginTokenHandler } from './CachedPluginTokenHandler';

const SECRET = new TextEncoder().encode('test secret, only decoded here');

/** A JWT expiring at `exp` (seconds), with a serial number to tell tokens apart. */
function jwt(exp: number, serial: number): Promise<string> {
  return new SignJWT({ serial })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(exp)
    .sign(SECRET);
}

/** A handler recording its calls; tokens expire `lifeMs` after `clock()`. */
function recordingHandler(clock: () => number, lifeMs = 3_600_000) {
  const issued: string[] = [];
  const verified: string[] = [];
  let serial = 0;
  const handler: PluginTokenHandler = {
    async issueToken({ targetPluginId, onBehalfOf }) {
      issued.push(`${targetPluginId} ${onBehalfOf?.limitedUserToken ?? ''}`);
      if (targetPluginId === 'down') throw new Error('no signing key');
      return { token: await jwt((clock() + lifeMs) / 1000, ++serial) };
    },
    async verifyToken(token) {
      verified.push(token);
      if (token === 'user-token') return undefined;
      if (token.startsWith('forged')) {
        throw new AuthenticationError('Failed plugin token verification');
      }
      return { subject: 'plugin:tasks' };
    },
  };
  return { handler, issued, verified };
}

describe('CachedPluginTokenHandler', () => {
  let now = 1_000_000_000_000;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000_000_000;
  });

  it('reuses an issued token per target and user for at most maxAgeMs', async () => {
    const { handler, issued } = recordingHandler(clock);
    const cached = new CachedPluginTokenHandler(handler, 60_000, 100, clock);
    const issue = (targetPluginId: string, obo?: string) =>
      cached.issueToken({
        pluginId: 'tasks',
        targetPluginId,
        onBehalfOf: obo
          ? { limitedUserToken: obo, expiresAt: new Date(now + 3_600_000) }
          : undefined,
      });

    const first = await issue('notifications');
    expect(await issue('notifications')).toEqual(first);
    // concurrent calls share one signing
    const [a, b] = await Promise.all([issue('catalog'), issue('catalog')]);
    expect(a).toEqual(b);
    const forAlice = await issue('notifications', 'alice');
    expect(forAlice).not.toEqual(first);
    expect(await issue('notifications', 'alice')).toEqual(forAlice);
    expect(issued).toEqual([
      'notifications ',
      'catalog ',
      'notifications alice',
    ]);

    now += 60_000;
    const later = await issue('notifications');
    expect(later).not.toEqual(first);
    expect(issued).toHaveLength(4);
  });

  it('never hands out a token with less than maxAgeMs of its life left', async () => {
    // tokens that live 90 s: reusable for 30 s only
    const { handler, issued } = recordingHandler(clock, 90_000);
    const cached = new CachedPluginTokenHandler(handler, 60_000, 100, clock);
    const issue = () =>
      cached.issueToken({ pluginId: 'tasks', targetPluginId: 'catalog' });
    const first = await issue();
    now += 29_000;
    expect(await issue()).toEqual(first);
    now += 1_000;
    expect(await issue()).not.toEqual(first);
    expect(issued).toHaveLength(2);

    // tokens shorter than maxAgeMs are never reused
    const short = recordingHandler(clock, 30_000);
    const uncached = new CachedPluginTokenHandler(
      short.handler,
      60_000,
      100,
      clock,
    );
    await uncached.issueToken({ pluginId: 'tasks', targetPluginId: 'x' });
    await uncached.issueToken({ pluginId: 'tasks', targetPluginId: 'x' });
    expect(short.issued).toHaveLength(2);
  });

  it('does not remember a failed issue', async () => {
    const { handler, issued } = recordingHandler(clock);
    const cached = new CachedPluginTokenHandler(handler, 60_000, 100, clock);
    const issue = () =>
      cached.issueToken({ pluginId: 'tasks', targetPluginId: 'down' });
    await expect(issue()).rejects.toThrow('no signing key');
    await expect(issue()).rejects.toThrow('no signing key');
    expect(issued).toHaveLength(2);
  });

  it('remembers a verified token until it expires, at most maxAgeMs, and never a failure', async () => {
    const { handler, verified } = recordingHandler(clock);
    const cached = new CachedPluginTokenHandler(handler, 60_000, 100, clock);
    const long = await jwt((now + 3_600_000) / 1000, 1);
    const soon = await jwt((now + 10_000) / 1000, 2);

    expect(await cached.verifyToken(long)).toEqual({
      subject: 'plugin:tasks',
    });
    expect(await cached.verifyToken(long)).toEqual({
      subject: 'plugin:tasks',
    });
    await cached.verifyToken(soon);
    await cached.verifyToken(soon);
    expect(verified).toEqual([long, soon]);

    now += 10_000; // `soon` has expired: verified again (and refused there)
    await cached.verifyToken(soon);
    await cached.verifyToken(long);
    expect(verified).toEqual([long, soon, soon]);
    now += 50_000; // maxAgeMs since `long` was verified
    await cached.verifyToken(long);
    expect(verified).toEqual([long, soon, soon, long]);

    const forged = `forged.${long}`;
    await expect(cached.verifyToken(forged)).rejects.toThrow(
      AuthenticationError,
    );
    await expect(cached.verifyToken(forged)).rejects.toThrow(
      AuthenticationError,
    );
    // not a plugin token: the default handler's answer, each time
    expect(await cached.verifyToken('user-token')).toBeUndefined();
    expect(await cached.verifyToken('user-token')).toBeUndefined();
    expect(verified.slice(4)).toEqual([
      forged,
      forged,
      'user-token',
      'user-token',
    ]);
  });

  it('keeps at most maxEntries tokens, and passes through with maxAgeMs 0', async () => {
    const { handler, verified, issued } = recordingHandler(clock);
    const bounded = new CachedPluginTokenHandler(handler, 60_000, 2, clock);
    const tokens = await Promise.all(
      [1, 2, 3].map(i => jwt(now / 1000 + 3600, i)),
    );
    for (const token of tokens) await bounded.verifyToken(token);
    await bounded.verifyToken(tokens[0]); // the oldest went
    await bounded.verifyToken(tokens[2]);
    expect(verified).toEqual([...tokens, tokens[0]]);

    const off = new CachedPluginTokenHandler(handler, 0, 100, clock);
    await off.verifyToken(tokens[0]);
    await off.verifyToken(tokens[0]);
    await off.issueToken({ pluginId: 'tasks', targetPluginId: 'catalog' });
    await off.issueToken({ pluginId: 'tasks', targetPluginId: 'catalog' });
    expect(verified).toHaveLength(6);
    expect(issued).toHaveLength(2);
  });
});
