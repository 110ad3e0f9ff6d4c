import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

/**
 * Installs {@link PortalPermissionPolicy}, with the admin groups of
 * `permission.portalPolicy.adminGroups`.
 */
export const portalPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        const adminGroups = (
          config.getOptionalStringArray(
            'permission.portalPolicy.adminGroups',
          ) ?? []
        ).map(ref =>
          stringifyEntityRef(
            parseEntityRef(ref, {
              defaultKind: 'group',
              defaultNamespace: 'default',
            }),
          ),
        );
        policy.setPolicy(new PortalPermissionPolicy({ adminGroups }));
      },
    });
  },
});
