import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { TasksExamplePolicy } from './TasksExamplePolicy';

/**
 * Installs {@link TasksExamplePolicy} as the permission policy. Use it
 * instead of the allow-all policy module:
 * `backend.add(tasksExamplePolicyModule)`.
 *
 * @public
 */
export const tasksExamplePolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'tasks-example-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new TasksExamplePolicy());
      },
    });
  },
});
