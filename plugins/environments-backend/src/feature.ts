import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { environmentsCatalogModule } from './catalog/environmentsCatalogModule';
import { environmentsPlugin } from './plugin';

/**
 * The plugin and its catalog module in one feature, so that one
 * `backend.add(import('@taskplatform/plugin-environments-backend'))` installs both.
 *
 * @public
 */
export default createBackendFeatureLoader({
  loader: () => [environmentsPlugin, environmentsCatalogModule],
});
