import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  Task,
  TASK_PERMISSION_RULES,
  TASK_RESOURCE_TYPE,
} from '@taskplatform/plugin-tasks-common';
import { z } from 'zod';
import { TaskFilter } from '../database/types';

/**
 * A task as seen by permission rules: the owners of its entity are loaded
 * from the catalog so that `IS_TASK_ENTITY_OWNER` can be applied in memory.
 */
export type TaskResource = Task & { entityOwners: string[] };

/** @public */
export const taskPermissionResourceRef = createPermissionResourceRef<
  TaskResource,
  TaskFilter
>().with({ pluginId: 'tasks', resourceType: TASK_RESOURCE_TYPE });

const isCreator = createPermissionRule({
  name: TASK_PERMISSION_RULES.isCreator,
  description: 'Allow tasks created by one of the given users',
  resourceRef: taskPermissionResourceRef,
  paramsSchema: z.object({
    userRefs: z.array(z.string()).describe('User entity refs to match'),
  }),
  apply: (task, { userRefs }) => userRefs.includes(task.createdBy),
  toQuery: ({ userRefs }) => ({ key: 'created_by', values: userRefs }),
});

const isAssignee = createPermissionRule({
  name: TASK_PERMISSION_RULES.isAssignee,
  description: 'Allow tasks assigned to one of the given users',
  resourceRef: taskPermissionResourceRef,
  paramsSchema: z.object({
    userRefs: z.array(z.string()).describe('User entity refs to match'),
  }),
  apply: (task, { userRefs }) =>
    task.assignee !== null && userRefs.includes(task.assignee),
  toQuery: ({ userRefs }) => ({ key: 'assignee', values: userRefs }),
});

const isEntityOwner = createPermissionRule({
  name: TASK_PERMISSION_RULES.isEntityOwner,
  description:
    'Allow tasks that belong to a catalog entity owned by one of the given claims (user or group refs)',
  resourceRef: taskPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Ownership refs, usually the caller’s ownershipEntityRefs'),
  }),
  apply: (task, { claims }) =>
    task.entityOwners.some(owner => claims.includes(owner)),
  toQuery: ({ claims }) => ({ key: 'entity_owned_by', values: claims }),
});

/** The conditional rules of the `task` resource type. @public */
export const taskPermissionRules = { isCreator, isAssignee, isEntityOwner };
