import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  Task,
  TaskActivity,
  TaskComment,
  TaskListQuery,
  TaskListResponse,
  TaskStats,
  TaskStatsQuery,
  OpenTaskStatus,
  TaskStatus,
} from '@taskplatform/plugin-tasks-common';

/**
 * A permission condition translated into something SQL can check: the task
 * column `key` is one of `values`. `entity_owned_by` carries ownership claims
 * and must be resolved into `entity_ref` (via the catalog) before it reaches
 * the store.
 */
export type TaskFilter = {
  key: 'created_by' | 'assignee' | 'entity_ref' | 'entity_owned_by';
  values: string[];
};

/** A permission filter; `undefined` means unrestricted. */
export type TaskPermissionFilter = PermissionCriteria<TaskFilter> | undefined;

/** The fields of a task the API may set. */
export type TaskFields = {
  title: string;
  description: string;
  status: TaskStatus;
  priority: Task['priority'];
  assignee: string | null;
  entityRef: string | null;
  labels: string[];
  dueDate: string | null;
};

/** A page of comments or activity: size (default 50) and the previous page's cursor. */
export type PageQuery = { limit?: number; cursor?: string };

export type UpdateTaskResult =
  | { type: 'updated'; task: Task; previous: Task }
  | { type: 'unchanged'; task: Task }
  | { type: 'not-found' }
  | { type: 'forbidden' }
  | { type: 'conflict'; current: Task };

/** Storage of tasks, their comments and their history. */
export interface TaskStore {
  listTasks(options: {
    query: TaskListQuery;
    filter?: TaskPermissionFilter;
  }): Promise<TaskListResponse>;

  /** Returns undefined if the task does not exist or does not match the filter. */
  getTask(id: string, filter?: TaskPermissionFilter): Promise<Task | undefined>;

  /** Returns the tasks that exist among `ids` (no filter). */
  getTasks(ids: string[]): Promise<Task[]>;

  createTask(options: {
    fields: Partial<TaskFields> & { title: string };
    createdBy: string;
  }): Promise<Task>;

  /**
   * Applies a partial update if the task matches `filter` and, when given,
   * has version `expectedVersion`. Records one activity row per changed
   * field in the same transaction.
   */
  updateTask(options: {
    id: string;
    patch: Partial<TaskFields>;
    expectedVersion?: number;
    actor: string;
    filter?: TaskPermissionFilter;
  }): Promise<UpdateTaskResult>;

  deleteTask(options: {
    id: string;
    filter?: TaskPermissionFilter;
  }): Promise<
    | { type: 'deleted'; task: Task }
    | { type: 'not-found' }
    | { type: 'forbidden' }
  >;

  /** Oldest first, a page at a time. */
  listComments(
    taskId: string,
    page?: PageQuery,
  ): Promise<{ items: TaskComment[]; nextCursor?: string }>;

  addComment(options: {
    taskId: string;
    author: string;
    body: string;
  }): Promise<TaskComment>;

  /** Oldest first, a page at a time. */
  listActivity(
    taskId: string,
    page?: PageQuery,
  ): Promise<{ items: TaskActivity[]; nextCursor?: string }>;

  getStats(options: {
    query: TaskStatsQuery;
    filter?: TaskPermissionFilter;
    now?: Date;
  }): Promise<TaskStats>;

  /** Counts of open (not done) tasks per status, for the metrics gauge. */
  countOpenByStatus(): Promise<Record<OpenTaskStatus, number>>;
}
