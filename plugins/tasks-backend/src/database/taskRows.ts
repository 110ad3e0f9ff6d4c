import {
  Task,
  TASK_PRIORITIES,
  TaskActivity,
  TaskComment,
  TaskPriority,
  TaskSortField,
  TaskStatus,
} from '@taskplatform/plugin-tasks-common';
import { epochMsToIso } from './isoTime';
import { TaskFields } from './types';

/** A row of `tasks` as the drivers return it (bigints may be strings). */
export type TaskRow = {
  id: string;
  title: string;
  description: string;
  status: TaskStatus;
  priority: number;
  assignee: string | null;
  created_by: string;
  entity_ref: string | null;
  labels: string;
  due_date: string | null;
  created_at: string | number;
  updated_at: string | number;
  completed_at: string | number | null;
  version: number;
};

export const TASK_COLUMNS = [
  'id',
  'title',
  'description',
  'status',
  'priority',
  'assignee',
  'created_by',
  'entity_ref',
  'labels',
  'due_date',
  'created_at',
  'updated_at',
  'completed_at',
  'version',
];

export const SORT_COLUMNS: Record<TaskSortField, string> = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  dueDate: 'due_date',
  priority: 'priority',
  title: 'title',
};

/**
 * The copy of a task's sort columns and assignee that each of its
 * `task_labels` rows carries (for a label's `(label, sort column, task_id)`
 * and `(label, assignee, sort column, task_id)` indexes).
 */
export function labelCopyColumns(row: TaskRow) {
  return { assignee: row.assignee, ...sortColumnsOf(row) };
}

/** A task's sort columns, as the side tables' rows copy them. */
function sortColumnsOf(row: TaskRow) {
  return {
    created_at: row.created_at,
    updated_at: row.updated_at,
    due_date: row.due_date,
    priority: row.priority,
    title: row.title,
  };
}

/** The `task_labels` rows of a task. */
export function labelRows(row: TaskRow) {
  const labels: string[] = JSON.parse(row.labels);
  return labels.map(label => ({
    task_id: row.id,
    label,
    ...labelCopyColumns(row),
  }));
}

/**
 * The columns of `tasks` a `task_refs` row may stand for, in the order a
 * list of one of them prefers to be led by (refLead in listLeads.ts).
 */
export const REF_FIELDS = ['entity_ref', 'created_by', 'assignee'] as const;
export type RefField = (typeof REF_FIELDS)[number];

/**
 * The copy of a task's status and sort columns that each of its
 * `task_refs` rows carries (for the `(field, ref, [status,] sort column,
 * task_id)` indexes).
 */
export function refCopyColumns(row: TaskRow) {
  return { status: row.status, ...sortColumnsOf(row) };
}

/**
 * The pairs of references a list may combine (the "Created by me" view with
 * an assignee, an entity with an assignee or a creator), each with rows of
 * its own in `task_refs`: a list of two references is then one range too,
 * whether or not their tasks overlap. In the order a list of more than one
 * prefers to be led by (refLead in listLeads.ts).
 */
export const REF_PAIRS = [
  { field: 'entity_creator', of: ['entity_ref', 'created_by'] },
  { field: 'entity_assignee', of: ['entity_ref', 'assignee'] },
  { field: 'creator_assignee', of: ['created_by', 'assignee'] },
] as const;
export type RefPairField = (typeof REF_PAIRS)[number]['field'];

/** The `ref` of a pair's row: both refs, space-separated (refs have no spaces). */
export function pairRef(first: string, second: string): string {
  return `${first} ${second}`;
}

/** The `task_refs` rows of a task: one per reference and pair it has. */
export function refRows(row: TaskRow) {
  const refs = REF_FIELDS.filter(field => row[field] !== null).map(field => ({
    field: field as RefField | RefPairField,
    ref: row[field]!,
  }));
  for (const { field, of } of REF_PAIRS) {
    const [first, second] = [row[of[0]], row[of[1]]];
    if (first !== null && second !== null) {
      refs.push({ field, ref: pairRef(first, second) });
    }
  }
  return refs.map(ref => ({ task_id: row.id, ...ref, ...refCopyColumns(row) }));
}

export const FIELD_COLUMNS: Record<keyof TaskFields, string> = {
  title: 'title',
  description: 'description',
  status: 'status',
  priority: 'priority',
  assignee: 'assignee',
  entityRef: 'entity_ref',
  labels: 'labels',
  dueDate: 'due_date',
};

export function toIso(ms: string | number): string {
  return epochMsToIso(Number(ms));
}

/** Most tasks have no labels: skip `JSON.parse` for the empty list. */
function parseLabels(labels: string): string[] {
  return labels === '[]' ? [] : JSON.parse(labels);
}

export function rowToTask(row: TaskRow): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: TASK_PRIORITIES[row.priority] ?? 'medium',
    assignee: row.assignee,
    createdBy: row.created_by,
    entityRef: row.entity_ref,
    labels: parseLabels(row.labels),
    dueDate: row.due_date,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    completedAt: row.completed_at === null ? null : toIso(row.completed_at),
    version: Number(row.version),
  };
}

export function priorityRank(priority: TaskPriority): number {
  return TASK_PRIORITIES.indexOf(priority);
}

/** How a field's value is shown in the activity history. */
export function activityValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length ? value.join(', ') : null;
  return String(value);
}

export function rowToComment(row: any): TaskComment {
  return {
    id: row.id,
    taskId: row.task_id,
    author: row.author,
    body: row.body,
    createdAt: toIso(row.created_at),
  };
}

export function rowToActivity(row: any): TaskActivity {
  return {
    id: String(row.id),
    taskId: row.task_id,
    actor: row.actor,
    action: row.action,
    field: row.field,
    oldValue: row.old_value,
    newValue: row.new_value,
    createdAt: toIso(row.created_at),
  };
}
