import { createConditionExports } from '@backstage/plugin-permission-node';
import { taskPermissionResourceRef, taskPermissionRules } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: taskPermissionResourceRef,
  rules: taskPermissionRules,
});

/**
 * Conditions for use in permission policies, e.g.
 * `taskConditions.isCreator({ userRefs: [user.info.userEntityRef] })`.
 *
 * @public
 */
export const taskConditions = conditions;

/** @public */
export const createTaskConditionalDecision = createConditionalDecision;
