import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { tasksPermissions } from '@taskplatform/plugin-tasks-common';
import { DatabaseTaskStore } from './database/DatabaseTaskStore';
import { vacuumNeverVacuumed } from './database/vacuumNeverVacuumed';
import { TaskMetrics } from './metrics/TaskMetrics';
import {
  taskPermissionResourceRef,
  taskPermissionRules,
} from './permissions/rules';
import { readinessChecksServiceRef } from './health/readinessChecks';
import { createRouter } from './service/router';
import { CachedPermissions } from '@taskplatform/backend-permission-cache';
import { DatabaseHealth } from './service/DatabaseHealth';
import { TaskEvents } from './service/TaskEvents';
import { TaskPermissionFilterResolver } from './service/TaskPermissionFilterResolver';

/**
 * The tasks backend plugin: task API under `/api/tasks`.
 *
 * @public
 */
export const tasksPlugin = createBackendPlugin({
  pluginId: 'tasks',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        config: coreServices.rootConfig,
        readinessChecks: readinessChecksServiceRef,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const store = await DatabaseTaskStore.create({
          database: deps.database,
        });
        // side tables a migration filled and nothing vacuumed: in the
        // background, so that startup does not wait
        vacuumNeverVacuumed(await deps.database.getClient()).then(
          tables =>
            tables.length &&
            deps.logger.info(`Vacuumed ${tables.join(', ')} after a bulk fill`),
          error =>
            deps.logger.warn('Could not vacuum the tasks side tables', error),
        );
        // Decisions per user and permission, cached for a few seconds
        // (`tasks.permissionCacheSeconds`, default 5, 0 = off): a changed
        // policy takes effect within that time.
        const permissions = new CachedPermissions(
          deps.permissions,
          (deps.config.getOptionalNumber('tasks.permissionCacheSeconds') ?? 5) *
            1000,
        );
        const filters = new TaskPermissionFilterResolver({
          ...deps,
          permissions,
        });
        const health = new DatabaseHealth(
          await deps.database.getClient(),
          deps.logger,
        );
        health.start();
        deps.lifecycle.addShutdownHook(() => health.stop());
        deps.readinessChecks.add('tasks-database', () =>
          health.isUp
            ? { ready: true }
            : { ready: false, message: 'the tasks database is unreachable' },
        );

        deps.permissionsRegistry.addResourceType({
          resourceRef: taskPermissionResourceRef,
          permissions: tasksPermissions,
          rules: Object.values(taskPermissionRules),
          async getResources(ids) {
            const tasks = new Map(
              (await store.getTasks(ids)).map(t => [t.id, t]),
            );
            const owners = await filters.ownersOf(
              [...tasks.values()].flatMap(t =>
                t.entityRef ? [t.entityRef] : [],
              ),
            );
            return ids.map(id => {
              const task = tasks.get(id);
              return (
                task && {
                  ...task,
                  entityOwners:
                    (task.entityRef && owners.get(task.entityRef)) || [],
                }
              );
            });
          },
        });

        const events = new TaskEvents({
          signals: deps.signals,
          notifications: deps.notifications,
          logger: deps.logger,
          metrics: TaskMetrics.create({ store }),
        });
        deps.httpRouter.use(
          await createRouter({
            ...deps,
            permissions,
            store,
            filters,
            events,
            health,
            // under jest every response is checked against the OpenAPI spec
            validateResponses: process.env.NODE_ENV === 'test',
          }),
        );
      },
    });
  },
});
