import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  BulkUpdateTaskStatusRequest,
  BulkUpdateTaskStatusResponse,
  CreateTaskRequest,
  Task,
  TaskActivity,
  TaskComment,
  TaskListQuery,
  TaskListResponse,
  TaskStats,
  TaskStatsQuery,
  UpdateTaskRequest,
} from '@taskplatform/plugin-tasks-common';

/**
 * Access to the tasks backend. Every method rejects with a `ResponseError`
 * (from `@backstage/errors`) when the backend answers with an error;
 * {@link TasksApi.updateTask} rejects with a {@link TaskConflictError} on a
 * version conflict.
 *
 * @public
 */
export interface TasksApi {
  listTasks(query?: TaskListQuery): Promise<TaskListResponse>;
  getTask(id: string): Promise<Task>;
  createTask(request: CreateTaskRequest): Promise<Task>;
  /**
   * Partially updates a task. `version` is the version the caller read; it is
   * sent as `If-Match` so a concurrent change is never overwritten.
   */
  updateTask(
    id: string,
    version: number,
    request: Omit<UpdateTaskRequest, 'version'>,
  ): Promise<Task>;
  deleteTask(id: string): Promise<void>;
  listComments(taskId: string): Promise<TaskComment[]>;
  addComment(taskId: string, body: string): Promise<TaskComment>;
  listActivity(taskId: string): Promise<TaskActivity[]>;
  bulkUpdateStatus(
    request: BulkUpdateTaskStatusRequest,
  ): Promise<BulkUpdateTaskStatusResponse>;
  getStats(query?: TaskStatsQuery): Promise<TaskStats>;
}

/** @public */
export const tasksApiRef = createApiRef<TasksApi>().with({
  id: 'plugin.tasks.api',
  pluginId: 'tasks',
});
