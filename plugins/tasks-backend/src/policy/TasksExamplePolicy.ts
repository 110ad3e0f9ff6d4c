import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  taskDeletePermission,
  taskUpdatePermission,
} from '@taskplatform/plugin-tasks-common';
import {
  createTaskConditionalDecision,
  taskConditions,
} from '../permissions/conditionExports';

/**
 * Example policy "owners edit, everyone reads": anyone signed in may read,
 * create and comment on tasks; a task may be updated or deleted by its
 * creator, its assignee, or the owners of its catalog entity. Everything
 * that is not a task permission is allowed, like the allow-all policy.
 *
 * @public
 */
export class TasksExamplePolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const edit =
      isPermission(request.permission, taskUpdatePermission) ||
      isPermission(request.permission, taskDeletePermission);
    if (!edit) return { result: AuthorizeResult.ALLOW };
    if (!user) return { result: AuthorizeResult.DENY };

    const userRefs = [user.info.userEntityRef];
    return createTaskConditionalDecision(
      request.permission as typeof taskUpdatePermission,
      {
        anyOf: [
          taskConditions.isCreator({ userRefs }),
          taskConditions.isAssignee({ userRefs }),
          taskConditions.isEntityOwner({
            claims: user.info.ownershipEntityRefs,
          }),
        ],
      },
    );
  }
}
