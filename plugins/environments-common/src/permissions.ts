import { createPermission } from '@backstage/plugin-permission-common';

/** The permission resource type of environments. @public */
export const ENVIRONMENT_RESOURCE_TYPE = 'environment';

/** Create an environment or bootstrap an account (basic: there is no resource yet). @public */
export const environmentCreatePermission = createPermission({
  name: 'environment.create',
  attributes: { action: 'create' },
});

/** Read an environment, its operations, events and plan; list environments. @public */
export const environmentReadPermission = createPermission({
  name: 'environment.read',
  attributes: { action: 'read' },
  resourceType: ENVIRONMENT_RESOURCE_TYPE,
});

/** Change an environment's spec or retry a failed operation. @public */
export const environmentUpdatePermission = createPermission({
  name: 'environment.update',
  attributes: { action: 'update' },
  resourceType: ENVIRONMENT_RESOURCE_TYPE,
});

/** Destroy an environment. @public */
export const environmentDestroyPermission = createPermission({
  name: 'environment.destroy',
  attributes: { action: 'delete' },
  resourceType: ENVIRONMENT_RESOURCE_TYPE,
});

/** Every permission of the environments plugin. @public */
export const environmentsPermissions = [
  environmentCreatePermission,
  environmentReadPermission,
  environmentUpdatePermission,
  environmentDestroyPermission,
];

/**
 * Names of the conditional rules the backend registers for the
 * `environment` resource type.
 *
 * @public
 */
export const ENVIRONMENT_PERMISSION_RULES = {
  /** Params `{ claims: string[] }`: the environment's owner is one of them. */
  isOwner: 'IS_ENVIRONMENT_OWNER',
} as const;
