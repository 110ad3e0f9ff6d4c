import { DefaultHttpAuthService } from '@backstage/backend-defaults/httpAuth';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { CachedTokenAuth } from './CachedTokenAuth';
import { tokenCacheOptions } from './tokenCacheOptions';

/**
 * Backstage's own HTTP auth service (`DefaultHttpAuthService`) over a
 * `CachedTokenAuth`: every plugin's requests, and the HTTP router's
 * credentials barrier, verify a user's token once per
 * `authTokenCache.seconds` (default 60, never past the token's expiry,
 * 0 = every request). One cache per plugin, since a plugin token is
 * verified against its target plugin.
 *
 * @public
 */
export const cachedHttpAuthServiceFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: {
    auth: coreServices.auth,
    discovery: coreServices.discovery,
    plugin: coreServices.pluginMetadata,
    config: coreServices.rootConfig,
  },
  factory({ auth, discovery, plugin, config }) {
    const { maxAgeMs, maxEntries } = tokenCacheOptions(config);
    return DefaultHttpAuthService.create({
      auth: new CachedTokenAuth(auth, maxAgeMs, maxEntries),
      discovery,
      pluginId: plugin.getId(),
    });
  },
});
