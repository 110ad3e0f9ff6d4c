import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { EnvironmentsApiClient } from './EnvironmentsApiClient';
import { createCreateEnvironmentAction } from './actions/createEnvironment';
import { createDestroyEnvironmentAction } from './actions/destroyEnvironment';
import { createPlanEnvironmentAction } from './actions/planEnvironment';

/** Adds environments:plan, environments:create and environments:destroy to the Scaffolder. */
export const scaffolderModuleEnvironments = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'environments',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, discovery, auth }) {
        const client = new EnvironmentsApiClient({ discovery, auth });
        const follow = {
          followTimeoutSeconds:
            config.getOptionalNumber(
              'environments.scaffolder.followTimeoutSeconds',
            ) ?? 1800,
          pollIntervalMs:
            config.getOptionalNumber(
              'environments.scaffolder.pollIntervalMs',
            ) ?? 1000,
        };
        scaffolder.addActions(
          createPlanEnvironmentAction({ client }),
          createCreateEnvironmentAction({ client, ...follow }),
          createDestroyEnvironmentAction({ client, ...follow }),
        );
      },
    });
  },
});
