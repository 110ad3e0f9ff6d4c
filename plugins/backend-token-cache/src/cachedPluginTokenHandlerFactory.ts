import { pluginTokenHandlerDecoratorServiceRef } from '@backstage/backend-defaults/auth';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { CachedPluginTokenHandler } from './CachedPluginTokenHandler';
import { tokenCacheOptions } from './tokenCacheOptions';

/**
 * Decorates each plugin's handler of plugin-to-plugin tokens, through
 * Backstage's own extension point of its auth service, with a
 * `CachedPluginTokenHandler`: the tokens a plugin issues to another are
 * reused, and the ones it verifies remembered, for `authTokenCache.seconds`
 * (default 60, never past a token's expiry, 0 = sign and verify every call).
 *
 * @public
 */
export const cachedPluginTokenHandlerFactory = createServiceFactory({
  service: pluginTokenHandlerDecoratorServiceRef,
  deps: { config: coreServices.rootConfig },
  factory({ config }) {
    const { maxAgeMs, maxEntries } = tokenCacheOptions(config);
    return handler =>
      new CachedPluginTokenHandler(handler, maxAgeMs, maxEntries);
  },
});
