import type { RootConfigService } from '@backstage/backend-plugin-api';

/**
 * The caches' bounds from `authTokenCache` (config.d.ts): how long an entry
 * lives at most (`seconds`, default 60, 0 = off) and how many a cache keeps
 * (`maxEntries`, default 5000). Both caches read them here.
 */
export function tokenCacheOptions(config: RootConfigService): {
  maxAgeMs: number;
  maxEntries: number;
} {
  const seconds = config.getOptionalNumber('authTokenCache.seconds') ?? 60;
  const maxEntries =
    config.getOptionalNumber('authTokenCache.maxEntries') ?? 5000;
  return { maxAgeMs: seconds * 1000, maxEntries };
}
