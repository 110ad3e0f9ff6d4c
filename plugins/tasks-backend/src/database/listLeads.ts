/*
 * Which table and index lead a list page: `tasks` (by status, or a sort
 * index), a label's rows of `task_labels`, or a reference's rows of
 * `task_refs`; and which pages may be prepared once.
 */
import { TaskListQuery } from '@taskplatform/plugin-tasks-common';
import { pairRef, REF_FIELDS, REF_PAIRS, RefField } from './taskRows';

/**
 * Whether a list is read in the order of its label's own
 * `(label, sort column, task_id)` or `(label, assignee, sort column,
 * task_id)` index of `task_labels` (which carries a copy of each task's sort
 * columns and assignee), rather than in another order probing `task_labels`
 * per task: when no creator or entity filter narrows the list to one
 * person's or one entity's tasks. Those lead otherwise (`refLead`, the label
 * probed per task).
 */
export function labelLeads(filters: TaskListQuery): boolean {
  return Boolean(filters.label && !filters.createdBy && !filters.entityRef);
}

/** The list filters that `task_refs` rows stand for. */
export type RefKey = 'entityRef' | 'createdBy' | 'assignee';

/** The list filter of each column a `task_refs` row may stand for. */
const KEY_OF: Record<RefField, RefKey> = {
  entity_ref: 'entityRef',
  created_by: 'createdBy',
  assignee: 'assignee',
};

/**
 * The reference (or pair of references) whose rows of `task_refs` (a copy
 * of each task's status and sort columns) a list is read from, in the
 * order of their `(field, ref, [status,] sort column, task_id)` index,
 * unless the label leads: two of entity, creator and assignee are read from
 * their pair's rows (a third filters), one from its own. Unassigned has no
 * rows: partial indexes of `tasks` serve it.
 */
export function refLead(
  filters: TaskListQuery,
): { keys: RefKey[]; field: string; ref: string } | undefined {
  if (labelLeads(filters)) return undefined;
  const values: Record<RefKey, string | undefined> = {
    entityRef: filters.entityRef,
    createdBy: filters.createdBy,
    assignee: filters.assignee === 'none' ? undefined : filters.assignee,
  };
  for (const { field, of } of REF_PAIRS) {
    const [first, second] = [KEY_OF[of[0]], KEY_OF[of[1]]];
    if (values[first] && values[second]) {
      return {
        keys: [first, second],
        field,
        ref: pairRef(values[first]!, values[second]!),
      };
    }
  }
  for (const field of REF_FIELDS) {
    const key = KEY_OF[field];
    if (values[key]) return { keys: [key], field, ref: values[key]! };
  }
  return undefined;
}

/** The table whose copy of the sort columns orders a list. */
export function leadTable(
  filters: TaskListQuery,
): 'tasks' | 'task_labels' | 'task_refs' {
  if (labelLeads(filters)) return 'task_labels';
  return refLead(filters) ? 'task_refs' : 'tasks';
}

/** The fields of a list query that page it rather than filter it. */
const PAGING = new Set(['sort', 'order', 'limit', 'cursor', 'includeTotal']);

/**
 * Whether no filter of a list is set but those `allowed`: a filter added to
 * `TaskListQuery` later counts as set, so it is never silently dropped.
 */
function onlyFilters(
  filters: TaskListQuery,
  allowed: Array<keyof TaskListQuery>,
): boolean {
  return Object.entries(filters).every(
    ([key, value]) =>
      PAGING.has(key) ||
      allowed.includes(key as keyof TaskListQuery) ||
      !(Array.isArray(value) ? value.length : value),
  );
}

/** Whether a list's filters are all in its label's rows (label, assignee). */
function labelRowsOnly(filters: TaskListQuery): boolean {
  return Boolean(filters.label) && onlyFilters(filters, ['label', 'assignee']);
}

/**
 * Whether a list's filters are all in the rows of the table that leads it
 * (a label and maybe an assignee, or a reference and maybe statuses): a
 * page is then a range of that table's index (per status) and the tasks are
 * read by id (`fetchTaskPage`'s `fromLeadRows`), when no permission
 * condition narrows the list further.
 */
export function leadRowsOnly(filters: TaskListQuery): boolean {
  const ref = refLead(filters);
  return ref
    ? onlyFilters(filters, [...ref.keys, 'status'])
    : labelRowsOnly(filters);
}

/**
 * Whether the plan of a list's page is the same whatever its values, so that
 * it may run as a prepared statement with a generic plan: no filter, a status
 * alone (few values, each read from its own `(status, sort column, id)`
 * index), unassigned alone (a partial index; no value at all), and a list
 * read from its leading rows alone (`leadRowsOnly`: a label, a person or an
 * entity, maybe with an assignee or statuses), whose plan is a range of
 * the leading table's index in order (an index-only scan) and the tasks by
 * primary key. That holds while part of the leading table's pages are
 * all-visible (5 % was enough at 100k tasks): with none, the generic plan's
 * estimate of a few dozen rows made a sort of all of a value's rows look
 * as cheap, and plans flipped with the load order. Autovacuum keeps them
 * visible (migration `20261204120000_lead_rows_autovacuum`); listPlans.test.ts
 * checks every generic plan after a shuffled load and the churn it allows.
 *
 * Not a person, entity or label with other filters: their pages are read
 * from `tasks` joined to the leading rows, and PostgreSQL builds a generic
 * plan for an average value; where values are many with few tasks each,
 * that plan reads and sorts all of the value's tasks, the wrong plan for the
 * one with thousands (a bot's, a popular label's), which a custom plan reads
 * in index order from its statistics. An entity's generic plan on `tasks`
 * did just that in listPlans.test.ts (3,100 rows a page), which checks every
 * generic plan. Nor due-date ranges or priorities, whose best plan depends
 * on how many tasks match. A text search with statuses alone is: the store
 * picks one of two plans by how common its words are (`filteredTasks`,
 * TextSearchFrequency), each the same whatever the words.
 */
export function plannedOnce(filters: TaskListQuery): boolean {
  const { status, assignee } = filters;
  if (leadRowsOnly(filters)) return true;
  if (filters.q) return onlyFilters(filters, ['q', 'status']);
  return (
    onlyFilters(filters, ['status', 'assignee']) &&
    !(status?.length && assignee) &&
    (!assignee || assignee === 'none')
  );
}

/**
 * Whether a list of one status (a branch of `listBranches`) with no person,
 * entity or label filter to lead is ordered by status first and read from a
 * `(status, sort column, id)` index (PostgreSQL). Its status is then written
 * `status = ANY('{s}')`: as `status = s`, PostgreSQL drops a constant from
 * the order and, the `(sort column, id)` index being in table order, often
 * prefers to walk that one and skip the other statuses, reading every newer
 * task of another status first. A one-element `= ANY` on the index's first
 * column still bounds the scan by the later columns (due date present, the
 * cursor), which a range (`BETWEEN s AND s`) would not.
 */
export function statusLeads(
  filters: TaskListQuery,
  isPostgres: boolean,
): boolean {
  return (
    isPostgres &&
    filters.status?.length === 1 &&
    !filters.label &&
    !filters.assignee &&
    !filters.createdBy &&
    !filters.entityRef
  );
}
