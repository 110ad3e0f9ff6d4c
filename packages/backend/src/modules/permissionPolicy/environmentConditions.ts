import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  PermissionCriteria,
  PermissionCondition,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ENVIRONMENT_PERMISSION_RULES,
  ENVIRONMENT_RESOURCE_TYPE,
} from '@taskplatform/plugin-environments-common';

type EnvironmentCondition = PermissionCondition<
  typeof ENVIRONMENT_RESOURCE_TYPE,
  { claims: string[] }
>;

/**
 * Conditions of the environments backend's rules, built from the rule names
 * in environments-common so that the policy does not import the backend.
 */
export const environmentConditions = {
  /** The environment's owner (a group ref) is one of the claims. */
  isOwner: ({ claims }: { claims: string[] }): EnvironmentCondition => ({
    rule: ENVIRONMENT_PERMISSION_RULES.isOwner,
    resourceType: ENVIRONMENT_RESOURCE_TYPE,
    params: { claims },
  }),
};

export function createEnvironmentConditionalDecision(
  permission: ResourcePermission<typeof ENVIRONMENT_RESOURCE_TYPE>,
  conditions: PermissionCriteria<
    PermissionCondition<typeof ENVIRONMENT_RESOURCE_TYPE>
  >,
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'environments',
    resourceType: permission.resourceType,
    conditions,
  };
}
