/** The workflow states of a task. */
export const TASK_STATUSES = [
  'todo',
  'in_progress',
  'blocked',
  'done',
] as const;
/** @public */
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The statuses of tasks that are not done. @public */
export type OpenTaskStatus = Exclude<TaskStatus, 'done'>;

/** The statuses of tasks that are not done, in workflow order. @public */
export const OPEN_TASK_STATUSES: readonly OpenTaskStatus[] =
  TASK_STATUSES.filter((s): s is OpenTaskStatus => s !== 'done');

/** How many tasks of `byStatus` are open (not done). @public */
export function countOpenTasks(byStatus: Record<TaskStatus, number>): number {
  return OPEN_TASK_STATUSES.reduce((sum, s) => sum + (byStatus[s] ?? 0), 0);
}

/** Priorities, lowest first (the backend sorts by this rank). */
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
/** @public */
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/**
 * A task as returned by the API. Timestamps are ISO 8601 strings,
 * `dueDate` is a calendar date `YYYY-MM-DD`, entity refs are full
 * `kind:namespace/name` strings.
 *
 * @public
 */
export interface Task {
  id: string;
  title: string;
  /** Markdown. */
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  /** User entity ref, e.g. `user:default/jane`. */
  assignee: string | null;
  /** Set by the backend from the caller's identity. */
  createdBy: string;
  /** The catalog entity the task belongs to, e.g. `component:default/web`. */
  entityRef: string | null;
  labels: string[];
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** Incremented on every change; send it back (or as `If-Match`) when updating. */
  version: number;
}

/** @public */
export interface TaskComment {
  id: string;
  taskId: string;
  /** User entity ref of the author. */
  author: string;
  /** Markdown. */
  body: string;
  createdAt: string;
}

/** @public */
export type TaskActivityAction = 'created' | 'updated' | 'commented';

/**
 * One entry of a task's history. An update produces one entry per changed
 * field with its old and new value (arrays are joined with `, `).
 *
 * @public
 */
export interface TaskActivity {
  id: string;
  taskId: string;
  /** User (or service) ref of whoever made the change. */
  actor: string;
  action: TaskActivityAction;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  createdAt: string;
}

/** The fields a task list can be sorted by. */
export const TASK_SORT_FIELDS = [
  'createdAt',
  'updatedAt',
  'dueDate',
  'priority',
  'title',
] as const;
/** @public */
export type TaskSortField = (typeof TASK_SORT_FIELDS)[number];

/** @public */
export type SortOrder = 'asc' | 'desc';

/**
 * Filters, sort and paging of `GET /api/tasks/tasks`. Every filter is
 * optional and they combine with AND; array filters match any of the values.
 * Sent as query parameters with the same names (arrays as repeated params).
 *
 * @public
 */
export interface TaskListQuery {
  status?: TaskStatus[];
  priority?: TaskPriority[];
  /** User entity ref; `none` lists unassigned tasks. */
  assignee?: string;
  createdBy?: string;
  entityRef?: string;
  label?: string;
  /** `YYYY-MM-DD`, inclusive. */
  dueBefore?: string;
  /** `YYYY-MM-DD`, inclusive. */
  dueAfter?: string;
  /** Free-text search on title and description. */
  q?: string;
  /** Default `createdAt`. */
  sort?: TaskSortField;
  /** Default `desc`. */
  order?: SortOrder;
  /** Page size, 1–200, default 50. */
  limit?: number;
  /** Opaque `nextCursor` of the previous page (same filters and sort). */
  cursor?: string;
  /** Also count all matching tasks (costs a count query). */
  includeTotal?: boolean;
}

/** @public */
export interface TaskListResponse {
  items: Task[];
  /** Absent on the last page. */
  nextCursor?: string;
  /**
   * Present when `includeTotal` was requested: the number of matching tasks,
   * counted up to {@link TASK_TOTAL_COUNT_CAP}.
   */
  totalCount?: number;
  /** True when more than {@link TASK_TOTAL_COUNT_CAP} tasks match. */
  totalCountCapped?: boolean;
}

/**
 * `includeTotal` counts matching tasks up to this number, so that the count
 * stays cheap for broad filters over large tables.
 *
 * @public
 */
export const TASK_TOTAL_COUNT_CAP = 10_000;

/** @public */
export interface CreateTaskRequest {
  title: string;
  description?: string;
  status?: TaskStatus;
  priority?: TaskPriority;
  assignee?: string | null;
  entityRef?: string | null;
  labels?: string[];
  dueDate?: string | null;
}

/**
 * A partial update. `version` is the version the client read; alternatively
 * send it as the `If-Match` header. A stale version gets 409 (body) or 412
 * (header) and changes nothing.
 *
 * @public
 */
export interface UpdateTaskRequest {
  title?: string;
  description?: string;
  status?: TaskStatus;
  priority?: TaskPriority;
  assignee?: string | null;
  entityRef?: string | null;
  labels?: string[];
  dueDate?: string | null;
  version?: number;
}

/** @public */
export interface CreateTaskCommentRequest {
  body: string;
}

/** @public */
export interface BulkUpdateTaskStatusRequest {
  /** 1–100 task ids. */
  ids: string[];
  status: TaskStatus;
}

/** @public */
export interface BulkUpdateTaskStatusResponse {
  updated: Task[];
  failed: Array<{ id: string; reason: 'not-found' | 'forbidden' }>;
}

/** @public */
export interface TaskCommentListResponse {
  items: TaskComment[];
  /** Absent on the last page; pass as `cursor` for the next one. */
  nextCursor?: string;
}

/** @public */
export interface TaskActivityListResponse {
  items: TaskActivity[];
  /** Absent on the last page; pass as `cursor` for the next one. */
  nextCursor?: string;
}

/**
 * Query of `GET /api/tasks/stats`.
 *
 * @public
 */
export interface TaskStatsQuery {
  entityRef?: string;
  assignee?: string;
  /** How many weeks back `perWeek` goes, 1–52, default 12. */
  weeks?: number;
}

/**
 * Aggregates for charts.
 *
 * @public
 */
export interface TaskStats {
  byStatus: Record<TaskStatus, number>;
  /** Open (not done) and total tasks per assignee (`null` = unassigned), most open first, top 20. */
  byAssignee: Array<{ assignee: string | null; open: number; total: number }>;
  /** Created vs completed per ISO week, oldest first; `week` is the Monday, `YYYY-MM-DD`. */
  perWeek: Array<{ week: string; created: number; completed: number }>;
}
