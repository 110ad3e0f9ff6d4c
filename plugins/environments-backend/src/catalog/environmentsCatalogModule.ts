import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AccountsConfig } from '../service/AccountsConfig';
import { EnvironmentEntityProvider } from './EnvironmentEntityProvider';
import { environmentsCatalogBridgeRef } from './EnvironmentsCatalogBridge';

/**
 * Catalog module publishing environments, clusters and databases. Installed
 * together with the plugin by the package's default export.
 *
 * @public
 */
export const environmentsCatalogModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'environments',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        bridge: environmentsCatalogBridgeRef,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, bridge, config, logger, scheduler }) {
        const provider = new EnvironmentEntityProvider({
          accounts: AccountsConfig.fromConfig(config),
          appBaseUrl: config.getOptionalString('app.baseUrl'),
          logger,
          source: () => bridge.whenAttached(),
        });
        catalog.addEntityProvider(provider);
        // deltas carry every change; a periodic full mutation repairs drift
        await scheduler.scheduleTask({
          id: 'environments-entity-provider-refresh',
          frequency: { minutes: 10 },
          timeout: { minutes: 2 },
          initialDelay: { minutes: 10 },
          fn: () => provider.refresh(),
        });
      },
    });
  },
});
