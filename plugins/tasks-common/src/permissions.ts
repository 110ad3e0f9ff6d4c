import { createPermission } from '@backstage/plugin-permission-common';

/** The permission resource type of tasks. @public */
export const TASK_RESOURCE_TYPE = 'task';

/** Create a task (basic permission: there is no resource yet). @public */
export const taskCreatePermission = createPermission({
  name: 'tasks.task.create',
  attributes: { action: 'create' },
});

/** Read a task, its comments and its activity; list tasks. @public */
export const taskReadPermission = createPermission({
  name: 'tasks.task.read',
  attributes: { action: 'read' },
  resourceType: TASK_RESOURCE_TYPE,
});

/** Edit a task (including status changes). @public */
export const taskUpdatePermission = createPermission({
  name: 'tasks.task.update',
  attributes: { action: 'update' },
  resourceType: TASK_RESOURCE_TYPE,
});

/** Delete a task. @public */
export const taskDeletePermission = createPermission({
  name: 'tasks.task.delete',
  attributes: { action: 'delete' },
  resourceType: TASK_RESOURCE_TYPE,
});

/** Comment on a task. @public */
export const taskCommentCreatePermission = createPermission({
  name: 'tasks.task.comment.create',
  attributes: { action: 'create' },
  resourceType: TASK_RESOURCE_TYPE,
});

/** Every permission of the tasks plugin. @public */
export const tasksPermissions = [
  taskCreatePermission,
  taskReadPermission,
  taskUpdatePermission,
  taskDeletePermission,
  taskCommentCreatePermission,
];

/**
 * Names of the conditional rules the backend registers for the `task`
 * resource type (see the backend README for their params).
 *
 * @public
 */
export const TASK_PERMISSION_RULES = {
  isCreator: 'IS_TASK_CREATOR',
  isAssignee: 'IS_TASK_ASSIGNEE',
  isEntityOwner: 'IS_TASK_ENTITY_OWNER',
} as const;
