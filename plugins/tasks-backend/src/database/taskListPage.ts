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
 * The filters of a list, as the queries whose union is the list. A status
 * filter combined with a person or entity filter is split into one query
 * per status (PostgreSQL only): each is then a range of a
 * `(filter, status, sort column, id)` index, and their ordered union reads
 * about a page whatever the data. As one `status IN (…)` query, PostgreSQL
 * walks the filter's sort index and skips the other statuses, every task of
 * that person when none has the status (20k rows, 60 ms at 1M tasks).
 */
export function listBranches(
  filters: TaskListQuery,
  isPostgres: boolean,
): TaskListQuery[] {
  const selective =
    (filters.assignee && filters.assignee !== 'none') ||
    filters.createdBy ||
    filters.entityRef;
  if (!isPostgres || !selective || !filters.status?.length) return [filters];
  return [...new Set(filters.status)].map(status => ({
    ...filters,
    status: [status],
  }));
}

/**
 * One page of a filtered query on `tasks` (the union of `bases`, see
 * `listBranches`), by keyset: `(column, id)` after the cursor's. Missing due
 * dates sort last in both directions; that order is read as two index
 * ranges (tasks with a due date, then those without, by id) because one
 * `ORDER BY due_date DESC NULLS LAST` could not use the ascending
 * `(…, due_date, id)` indexes.
 */
export async function fetchTaskPage(
  db: Knex,
  bases: Knex.QueryBuilder[],
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
  /**
   * The next `count` rows by (col, id) after `after`, of every base narrowed
   * by `narrow`: one query, or the ordered union of the branches, which
   * PostgreSQL merges (Merge Append) reading about `count` rows in all.
   */
  const keyset = (
    narrow: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
    col: string,
    after: unknown[] | undefined,
    count: number,
  ): Promise<TaskRow[]> => {
    const branches = bases.map(b => {
      const q = narrow(b.clone().select(TASK_COLUMNS));
      if (after) q.whereRaw(`(${col}, id) ${op} (?, ?)`, after as any);
      return q;
    });
    const query =
      branches.length === 1
        ? branches[0]
        : db
            .select('*')
            .from(branches[0].unionAll(branches.slice(1)).as('branches'));
    return query
      .orderBy([
        { column: col, order },
        { column: 'id', order },
      ])
      .limit(count);
  };

  let rows: TaskRow[];
  if (sort !== 'dueDate') {
    rows = await keyset(
      q => q,
      column,
      cursor && [cursor.value, cursor.id],
      limit + 1,
    );
  } else {
    rows = [];
    if (!cursor || cursor.value !== null) {
      rows = await keyset(
        q => q.whereNotNull('due_date'),
        'due_date',
        cursor && [cursor.value, cursor.id],
        limit + 1,
      );
    }
    if (rows.length <= limit) {
      // Ordered by (due_date, id), which is by id here (due_date is null),
      // so that a `(…, due_date, id)` index serves the range in order and
      // the scan stops after the page. Ordered by id alone, PostgreSQL may
      // walk the primary key instead and read the whole table when the
      // filter matches no task without a due date (20 s at 1M tasks).
      const rest = await keyset(
        q => {
          q.whereNull('due_date');
          if (cursor?.value === null) q.where('id', op, cursor.id);
          return q;
        },
        'due_date',
        undefined,
        limit + 1 - rows.length,
      );
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
