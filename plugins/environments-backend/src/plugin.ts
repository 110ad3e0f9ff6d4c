import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { environmentsPermissions } from '@taskplatform/plugin-environments-common';
import { Knex } from 'knex';
import { environmentsCatalogBridgeRef } from './catalog/EnvironmentsCatalogBridge';
import { DatabaseEnvironmentStore } from './database/DatabaseEnvironmentStore';
import { createDeployer } from './deployer/createDeployer';
import { Deployer } from './deployer/Deployer';
import { CachedPermissions } from '@taskplatform/backend-permission-cache';
import { EnvironmentPermissionFilters } from './permissions/EnvironmentPermissionFilters';
import {
  environmentPermissionResourceRef,
  environmentPermissionRules,
} from './permissions/rules';
import { AccountsConfig } from './service/AccountsConfig';
import { EnvironmentChanges } from './service/EnvironmentChanges';
import { createRouter } from './service/router';
import { OperationWorker } from './worker/OperationWorker';

/** Options of {@link createEnvironmentsPlugin}; the defaults suit production. */
export interface EnvironmentsPluginOptions {
  /** Check every response against the OpenAPI spec (500 on mismatch); for tests. */
  validateResponses?: boolean;
  /** Replaces the deployer chosen by `environments.deployer`; for tests. */
  deployer?: (knex: Knex) => Deployer;
  /** How long the worker gathers events before writing a batch. */
  eventFlushMs?: number;
}

/**
 * The environments backend plugin with options. Most apps install the
 * package's default export (plugin plus catalog module) instead.
 *
 * @public
 */
export function createEnvironmentsPlugin(
  options: EnvironmentsPluginOptions = {},
) {
  return createBackendPlugin({
    pluginId: 'environments',
    register(env) {
      env.registerInit({
        deps: {
          config: coreServices.rootConfig,
          database: coreServices.database,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          permissions: coreServices.permissions,
          permissionsRegistry: coreServices.permissionsRegistry,
          auditor: coreServices.auditor,
          logger: coreServices.logger,
          scheduler: coreServices.scheduler,
          lifecycle: coreServices.lifecycle,
          signals: signalsServiceRef,
          bridge: environmentsCatalogBridgeRef,
        },
        async init(deps) {
          const { config, logger } = deps;
          const store = await DatabaseEnvironmentStore.create({
            database: deps.database,
          });
          const knex = await deps.database.getClient();
          const deployer = options.deployer
            ? options.deployer(knex)
            : createDeployer({ config, knex, logger });
          const changes = new EnvironmentChanges({
            signals: deps.signals,
            logger,
          });
          deps.bridge.attach({
            listLiveEnvironments: () => store.listLiveEnvironments(),
            onStatusChange: listener => changes.onStatusChange(listener),
          });

          deps.permissionsRegistry.addResourceType({
            resourceRef: environmentPermissionResourceRef,
            permissions: environmentsPermissions,
            rules: Object.values(environmentPermissionRules),
            getResources: async ids => {
              const found = new Map(
                (await store.getEnvironmentsByIds(ids)).map(e => [e.id, e]),
              );
              return ids.map(id => found.get(id));
            },
          });

          const worker = new OperationWorker({
            store,
            deployer,
            changes,
            logger,
            leaseMs:
              (config.getOptionalNumber('environments.worker.leaseSeconds') ??
                30) * 1000,
            maxConcurrent: config.getOptionalNumber(
              'environments.worker.maxConcurrent',
            ),
            eventFlushMs: options.eventFlushMs,
          });
          await worker.start(deps.scheduler);
          deps.lifecycle.addShutdownHook(async () => {
            await worker.stop({ releaseLeases: true });
            await (deployer as Partial<{ close(): Promise<void> }>).close?.();
          });

          deps.httpRouter.use(
            await createRouter({
              store,
              deployer,
              accounts: AccountsConfig.fromConfig(config),
              httpAuth: deps.httpAuth,
              // Decisions per user and permission, cached for a few seconds
              // (`environments.permissionCacheSeconds`, default 5, 0 = off): a
              // follower polls events, and each check is otherwise an HTTP
              // round trip to the permission backend. A changed policy takes
              // effect within that time.
              filters: new EnvironmentPermissionFilters(
                new CachedPermissions(
                  deps.permissions,
                  (config.getOptionalNumber(
                    'environments.permissionCacheSeconds',
                  ) ?? 5) * 1000,
                ),
              ),
              auditor: deps.auditor,
              logger,
              changes,
              onEnqueued: () => worker.kick(),
              validateResponses: options.validateResponses,
            }),
          );
        },
      });
    },
  });
}

/** @public */
export const environmentsPlugin = createEnvironmentsPlugin();
