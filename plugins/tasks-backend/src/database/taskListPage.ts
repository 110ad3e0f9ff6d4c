import {
  SortOrder,
  TaskListQuery,
  TaskSortField,
} from '@taskplatform/plugin-tasks-common';
import { Knex } from 'knex';
import { decodeCursor, encodeCursor } from './cursor';
import { priorityRank, SORT_COLUMNS, TASK_COLUMNS, TaskRow } from './taskRows';

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, c => `\\${c}`);
}

/** Adds the list filters of a query to a query on `tasks`. */
export function applyListFilters(
  db: Knex,
  query: Knex.QueryBuilder,
  filters: TaskListQuery,
  isPostgres: boolean,
): void {
  if (filters.status?.length) query.whereIn('status', filters.status);
  if (filters.priority?.length) {
    query.whereIn('priority', filters.priority.map(priorityRank));
  }
  if (filters.assignee === 'none') query.whereNull('assignee');
  else if (filters.assignee) query.where('assignee', filters.assignee);
  if (filters.createdBy) query.where('created_by', filters.createdBy);
  if (filters.entityRef) query.where('entity_ref', filters.entityRef);
  if (filters.label) {
    query.whereIn(
      'id',
      db('task_labels').select('task_id').where('label', filters.label),
    );
  }
  if (filters.dueBefore) query.where('due_date', '<=', filters.dueBefore);
  if (filters.dueAfter) query.where('due_date', '>=', filters.dueAfter);
  if (filters.q) {
    if (isPostgres) {
      query.whereRaw("search @@ websearch_to_tsquery('english', ?)", [
        filters.q,
      ]);
    } else {
      const pattern = `%${escapeLike(filters.q)}%`;
      query.where(inner =>
        inner
          .whereRaw("title LIKE ? ESCAPE '\\'", [pattern])
          .orWhereRaw("description LIKE ? ESCAPE '\\'", [pattern]),
      );
    }
  }
}

/**
 * One page of a filtered query on `tasks`, by keyset: `(column, id)` after
 * the cursor's. Missing due dates sort last in both directions; that order
 * is read as two index ranges (tasks with a due date, then those without,
 * by id) because one `ORDER BY due_date DESC NULLS LAST` could not use the
 * ascending `(…, due_date, id)` indexes.
 */
export async function fetchTaskPage(
  base: Knex.QueryBuilder,
  options: {
    sort: TaskSortField;
    order: SortOrder;
    limit: number;
    cursor?: string;
  },
): Promise<{ rows: TaskRow[]; nextCursor?: string }> {
  const { sort, order, limit } = options;
  const column = SORT_COLUMNS[sort];
  const cursor = options.cursor
    ? decodeCursor(options.cursor, { sort, order })
    : undefined;
  const op = order === 'asc' ? '>' : '<';
  const keyset = (q: Knex.QueryBuilder, col: string, after?: unknown[]) => {
    if (after) q.whereRaw(`(${col}, id) ${op} (?, ?)`, after as any);
    return q
      .orderBy([
        { column: col, order },
        { column: 'id', order },
      ])
      .limit(limit + 1);
  };

  let rows: TaskRow[];
  if (sort !== 'dueDate') {
    rows = await keyset(
      base.select(TASK_COLUMNS),
      column,
      cursor && [cursor.value, cursor.id],
    );
  } else {
    rows = [];
    if (!cursor || cursor.value !== null) {
      rows = await keyset(
        base.clone().select(TASK_COLUMNS).whereNotNull('due_date'),
        'due_date',
        cursor && [cursor.value, cursor.id],
      );
    }
    if (rows.length <= limit) {
      const nulls = base.clone().select(TASK_COLUMNS).whereNull('due_date');
      if (cursor?.value === null) nulls.where('id', op, cursor.id);
      // Ordered by (due_date, id), which is by id here (due_date is null),
      // so that a `(…, due_date, id)` index serves the range in order and
      // the scan stops after the page. Ordered by id alone, PostgreSQL may
      // walk the primary key instead and read the whole table when the
      // filter matches no task without a due date (20 s at 1M tasks).
      const rest = await nulls
        .orderBy([
          { column: 'due_date', order },
          { column: 'id', order },
        ])
        .limit(limit + 1 - rows.length);
      rows = rows.concat(rest);
    }
  }

  if (rows.length <= limit) return { rows };
  rows.length = limit;
  const last = rows[limit - 1];
  const raw = (last as Record<string, unknown>)[column];
  return {
    rows,
    nextCursor: encodeCursor({
      sort,
      order,
      value:
        sort === 'createdAt' || sort === 'updatedAt'
          ? Number(raw)
          : (raw as string | number | null),
      id: last.id,
    }),
  };
}
