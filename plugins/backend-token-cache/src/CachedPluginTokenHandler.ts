import type { PluginTokenHandler } from '@backstage/backend-defaults/auth';
import { decodeJwt } from 'jose';
import { ExpiringMap } from './ExpiringMap';

type Verified = { subject: string; limitedUserToken?: string };

/**
 * A plugin's handler of plugin-to-plugin tokens (Backstage's
 * `PluginTokenHandler`, decorated through
 * `pluginTokenHandlerDecoratorServiceRef`) that reuses the tokens it issues
 * and remembers the ones it verified. Backstage signs a new ES256 token for
 * every call a plugin makes to another (`importJWK` and `SignJWT` each
 * time) and the target verifies each one: in the portal's production build
 * a task's create, which sends an assignment notification, spent a third of
 * its backend CPU in `jose` and WebCrypto.
 *
 * - An issued token is reused for the same target (and the same user, when
 *   on behalf of one) for at most `maxAgeMs`, and only while at least
 *   `maxAgeMs` of its life is left, so that a caller never gets a token
 *   closer to its expiry than that.
 * - A verified token's subject is remembered until the token expires, and
 *   at most `maxAgeMs`. Failures are never remembered, nor tokens that are
 *   not plugin tokens (the default handler answers those from the header).
 *   As with user tokens (`CachedTokenAuth`), the one difference is a
 *   signing key withdrawn from the issuer's JWKS, whose tokens stay
 *   accepted for up to `maxAgeMs`.
 *
 * @public
 */
export class CachedPluginTokenHandler implements PluginTokenHandler {
  private readonly issued: ExpiringMap<Promise<{ token: string }>>;
  private readonly verified: ExpiringMap<Verified>;

  constructor(
    private readonly handler: PluginTokenHandler,
    private readonly maxAgeMs: number,
    maxEntries = 5000,
    private readonly now: () => number = Date.now,
  ) {
    this.issued = new ExpiringMap(maxEntries);
    this.verified = new ExpiringMap(maxEntries);
  }

  async verifyToken(token: string): Promise<Verified | undefined> {
    if (this.maxAgeMs <= 0) return this.handler.verifyToken(token);
    const now = this.now();
    const hit = this.verified.get(token, now);
    if (hit) return hit;
    const result = await this.handler.verifyToken(token);
    const expiresAt = expiryOf(token);
    if (result && expiresAt > now) {
      this.verified.set(
        token,
        result,
        Math.min(expiresAt, now + this.maxAgeMs),
      );
    }
    return result;
  }

  issueToken(options: {
    pluginId: string;
    targetPluginId: string;
    onBehalfOf?: { limitedUserToken: string; expiresAt: Date };
  }): Promise<{ token: string }> {
    if (this.maxAgeMs <= 0) return this.handler.issueToken(options);
    const { pluginId, targetPluginId, onBehalfOf } = options;
    const key = `${pluginId} ${targetPluginId} ${
      onBehalfOf?.limitedUserToken ?? ''
    }`;
    const now = this.now();
    const hit = this.issued.get(key, now);
    if (hit) return hit;
    // the promise is remembered, so that concurrent calls share one signing
    const token = this.handler.issueToken(options);
    this.issued.set(key, token, now + this.maxAgeMs);
    token.then(
      ({ token: issued }) =>
        this.issued.expireBy(key, token, expiryOf(issued) - this.maxAgeMs),
      () => this.issued.expireBy(key, token, now),
    );
    return token;
  }
}

/** A JWT's `exp` in milliseconds (0 without one). */
function expiryOf(token: string): number {
  try {
    return (decodeJwt(token).exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}
