/**
 * Token caches for a whole Backstage backend: an HTTP auth service that
 * remembers verified user tokens, and plugin-to-plugin tokens reused by
 * their issuer and remembered by their target, until they expire (at most
 * `authTokenCache.seconds`, default 60).
 * `backend.add(import('@taskplatform/backend-token-cache'))`.
 *
 * @packageDocumentation
 */

import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { cachedHttpAuthServiceFactory } from './cachedHttpAuthServiceFactory';
import { cachedPluginTokenHandlerFactory } from './cachedPluginTokenHandlerFactory';

/**
 * Both caches, as one feature.
 *
 * @public
 */
export default createBackendFeatureLoader({
  *loader() {
    yield cachedHttpAuthServiceFactory;
    yield cachedPluginTokenHandlerFactory;
  },
});
export { cachedHttpAuthServiceFactory } from './cachedHttpAuthServiceFactory';
export { cachedPluginTokenHandlerFactory } from './cachedPluginTokenHandlerFactory';
export { CachedPluginTokenHandler } from './CachedPluginTokenHandler';
export { CachedTokenAuth } from './CachedTokenAuth';
