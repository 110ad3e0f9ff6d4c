import { createConditionExports } from '@backstage/plugin-permission-node';
import {
  environmentPermissionResourceRef,
  environmentPermissionRules,
} from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: environmentPermissionResourceRef,
  rules: environmentPermissionRules,
});

/**
 * Conditions for permission policies, e.g.
 * `environmentConditions.isOwner({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const environmentConditions = conditions;

/** @public */
export const createEnvironmentConditionalDecision = createConditionalDecision;
