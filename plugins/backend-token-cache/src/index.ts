/**
 * An HTTP auth service for a whole Backstage backend that remembers verified
 * tokens until they expire (at most `authTokenCache.seconds`, default 60).
 * `backend.add(import('@taskplatform/backend-token-cache'))`.
 *
 * @packageDocumentation
 */

export { cachedHttpAuthServiceFactory as default } from './cachedHttpAuthServiceFactory';
export { CachedTokenAuth } from './CachedTokenAuth';
