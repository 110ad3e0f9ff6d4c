import {
  SortOrder,
  TaskListQuery,
  TaskSortField,
} from '@taskplatform/plugin-tasks-common';
import { Knex } from 'knex';
import { decodeCursor, encodeCursor } from './cursor';
import { runNamed, StatementNames } from './StatementNames';
import { SEARCH_QUERY_SQL } from './TextSearchFrequency';
import { priorityRank, SORT_COLUMNS, TASK_COLUMNS, TaskRow } from './taskRows';
import {
  labelLeads,
  leadTable,
  refLead,
  RefKey,
  statusLeads,
} from './listLeads';

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, c => `\\${c}`);
}

/** Narrows `query` to a list's assignee (`none`: unassigned) in `column`. */
function whereAssignee(
  query: Knex.QueryBuilder,
  column: string,
  assignee: string | undefined,
): Knex.QueryBuilder {
  if (assignee === 'none') query.whereNull(column);
  else if (assignee) query.where(column, assignee);
  return query;
}

/**
 * The tasks matching the list filters of a query: a query on `tasks`, joined
 * to the label's rows of `task_labels` when the label leads (`labelLeads`),
 * or to the reference's rows of `task_refs` when a person or an entity does
 * (`refLead`). Columns are qualified (`tasks.…`): those tables have the sort
 * columns too.
 */
export function filteredTasks(
  db: Knex,
  filters: TaskListQuery,
  isPostgres: boolean,
  /**
   * Whether the text search's words are common (`TextSearchFrequency`): its
   * tasks are then read in the order of a sort index, each one's text
   * tested. Otherwise they are found through the GIN index first, then read
   * by id and sorted. Either plan is the same whatever the words.
   */
  commonText = false,
): Knex.QueryBuilder {
  const query = db('tasks');
  const ref = refLead(filters);
  /** Whether the leading rows stand for a filter (it is not applied again). */
  const byRef = (key: RefKey) => Boolean(ref?.keys.includes(key));
  if (ref) {
    // the status of its rows' copy: their index has it
    query.join('task_refs', 'task_refs.task_id', 'tasks.id');
    whereRef(query, filters);
  } else if (statusLeads(filters, isPostgres)) {
    query.whereRaw('tasks.status = ANY(?)', [[...filters.status!] as string[]]);
  } else if (filters.status?.length) {
    query.whereIn('tasks.status', filters.status);
  }
  if (filters.priority?.length) {
    query.whereIn('tasks.priority', filters.priority.map(priorityRank));
  }
  const viaLabels = labelLeads(filters);
  // the label rows' copy when they lead: their index has the assignee
  if (!byRef('assignee')) {
    whereAssignee(
      query,
      viaLabels ? 'task_labels.assignee' : 'tasks.assignee',
      filters.assignee,
    );
  }
  if (filters.createdBy && !byRef('createdBy')) {
    query.where('tasks.created_by', filters.createdBy);
  }
  if (filters.entityRef && !byRef('entityRef')) {
    query.where('tasks.entity_ref', filters.entityRef);
  }
  if (viaLabels) {
    query
      .join('task_labels', 'task_labels.task_id', 'tasks.id')
      .where('task_labels.label', filters.label);
  } else if (filters.label) {
    query.whereIn(
      'tasks.id',
      db('task_labels').select('task_id').where('label', filters.label),
    );
  }
  if (filters.dueBefore) query.where('tasks.due_date', '<=', filters.dueBefore);
  if (filters.dueAfter) query.where('tasks.due_date', '>=', filters.dueAfter);
  if (filters.q) {
    if (isPostgres && commonText) {
      // `ts_match_vq` is the function behind `@@`, which no index serves:
      // the plan walks a sort index, whatever words a prepared statement
      // gets; the query is an InitPlan, parsed once per page, not per task
      query.whereRaw(
        `ts_match_vq(tasks.search, (SELECT ${SEARCH_QUERY_SQL}))`,
        [filters.q],
      );
    } else if (isPostgres) {
      // an InitPlan: the ids of the matching tasks, from the GIN index. As
      // `search @@ …`, the planner takes a word it has no statistics for as
      // one task in 200 and walks a sort index for it: 0.9 s for a rare
      // word at 1M tasks, against 0.3 ms by id
      query.whereRaw(
        `tasks.id = ANY(ARRAY(SELECT matching.id FROM tasks AS matching
           WHERE matching.search @@ ${SEARCH_QUERY_SQL}))`,
        [filters.q],
      );
    } else {
      const pattern = `%${escapeLike(filters.q)}%`;
      query.where(inner =>
        inner
          .whereRaw("tasks.title LIKE ? ESCAPE '\\'", [pattern])
          .orWhereRaw("tasks.description LIKE ? ESCAPE '\\'", [pattern]),
      );
    }
  }
  return query;
}

/** Narrows `query` to the `task_refs` rows of a list's reference and status. */
function whereRef(
  query: Knex.QueryBuilder,
  filters: TaskListQuery,
): Knex.QueryBuilder {
  const { field, ref } = refLead(filters)!;
  query.where('task_refs.field', field).where('task_refs.ref', ref);
  if (filters.status?.length) query.whereIn('task_refs.status', filters.status);
  return query;
}

/**
 * The rows of the table leading a list (`leadTable`) that match its
 * filters: a label's (and assignee's) rows of `task_labels`, or a
 * reference's (and status's) rows of `task_refs`.
 */
function leadRowsOf(db: Knex, filters: TaskListQuery): Knex.QueryBuilder {
  if (refLead(filters)) return whereRef(db('task_refs'), filters);
  return whereAssignee(
    db('task_labels').where('task_labels.label', filters.label),
    'task_labels.assignee',
    filters.assignee,
  );
}

/**
 * The filters of a list, as the queries whose union is the list. A status
 * filter is split into one query per status (PostgreSQL only): each is then
 * a range of a `(status, sort column, id)` index, or of a
 * `(filter, status, sort column, id)` index with a person or entity filter,
 * and their ordered union reads about a page whatever the data. As one
 * `status IN (…)` query, PostgreSQL walks a sort index and skips the other
 * statuses: every task of that person when none has the status (20k rows,
 * 60 ms at 1M tasks), or most of the table for a rare status.
 */
export function listBranches(
  filters: TaskListQuery,
  isPostgres: boolean,
): TaskListQuery[] {
  if (!isPostgres || !filters.status?.length) return [filters];
  return [...new Set(filters.status)].map(status => ({
    ...filters,
    status: [status],
  }));
}

/**
 * One page of a filtered query on `tasks` (the union of `bases`, see
 * `listBranches`), by keyset: `(column, id)` after the cursor's, read from
 * the copies of the sort columns in `task_labels` when the label leads
 * (`labelLeads`; the same values, so cursors do not change). Missing due
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
    /**
     * The filters the bases were built from by `filteredTasks` (one base's,
     * the bases differ only in status): they say which index leads.
     */
    filters: TaskListQuery;
    /**
     * Read a page as a range of the leading table's rows (`leadRowsOnly`)
     * and then its tasks by id, in one statement (whose planning weighs only
     * the primary key of `tasks`, not its twenty indexes): the filters of
     * each branch, given only when the bases add nothing to them (no
     * permission condition). The bases are not used then.
     */
    fromLeadRows?: TaskListQuery[];
    /**
     * Prepared statements for the page queries (PostgreSQL), given only when
     * the list's plan does not depend on its values (`plannedOnce`):
     * planning a query on `tasks` and its fifty indexes was most of a page's
     * cost (StatementNames).
     */
    statementNames?: StatementNames;
  },
): Promise<{ rows: TaskRow[]; nextCursor?: string }> {
  const { sort, order, limit, filters } = options;
  const orderedBy = leadTable(filters);
  const statusFirst = statusLeads(filters, db.client.config.client === 'pg');
  const id = orderedBy === 'tasks' ? 'tasks.id' : `${orderedBy}.task_id`;
  const columns = TASK_COLUMNS.map(c => `tasks.${c}`);
  const column = SORT_COLUMNS[sort];
  const cursor = options.cursor
    ? decodeCursor(options.cursor, { sort, order })
    : undefined;
  const op = order === 'asc' ? '>' : '<';
  const run = (q: Knex.QueryBuilder): Promise<TaskRow[]> =>
    options.statementNames
      ? runNamed<TaskRow>(db, q, options.statementNames)
      : q;
  /**
   * The next `count` rows by (col, id) after `after`, of every base narrowed
   * by `narrow`: one query, or the union of the branches, each limited to
   * `count` rows, which PostgreSQL merges (Merge Append) or, for branches
   * ordered by status first, sorts (at most `count` rows of each). The
   * count is written into the text, so that a generic plan sees it too.
   */
  const keyset = (
    narrow: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
    col: string,
    after: unknown[] | undefined,
    count: number,
  ): Promise<TaskRow[]> => {
    const ordered = (
      q: Knex.QueryBuilder,
      sortKey: string,
      idKey: string,
      byStatus = false,
    ) =>
      q
        .orderBy([
          ...(byStatus ? [{ column: 'tasks.status', order }] : []),
          { column: sortKey, order },
          { column: idKey, order },
        ])
        .limit(count, { skipBinding: true });
    const sortKey = `${orderedBy}.${col}`;
    /**
     * One branch, or the union of the branches (each already ordered and
     * limited in its own parentheses: PostgreSQL plans a union of bare
     * branches as a sort of all their rows) ordered by (col, idKey).
     */
    const merged = (qs: Knex.QueryBuilder[], idKey: string) =>
      qs.length === 1
        ? qs[0]
        : ordered(
            db
              .select('*')
              .from(db.queryBuilder().unionAll(qs, true).as('branches')),
            col,
            idKey,
          );
    if (options.fromLeadRows) {
      const pages = options.fromLeadRows.map(branch => {
        const p = narrow(leadRowsOf(db, branch).select(id, sortKey));
        if (after) p.whereRaw(`(${sortKey}, ${id}) ${op} (?, ?)`, after as any);
        return ordered(p, sortKey, id);
      });
      const page = merged(pages, 'task_id');
      return run(
        db
          .select(columns)
          .from(page.as('page'))
          .join('tasks', 'tasks.id', 'page.task_id')
          .orderBy([
            { column: `page.${col}`, order },
            { column: 'page.task_id', order },
          ]),
      );
    }
    const branches = bases.map(b => {
      const q = narrow(b.clone().select(columns));
      if (after) q.whereRaw(`(${sortKey}, ${id}) ${op} (?, ?)`, after as any);
      return ordered(q, sortKey, id, statusFirst);
    });
    return run(merged(branches, 'id'));
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
        q => q.whereNotNull(`${orderedBy}.due_date`),
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
      // A whole page again (the rows past the page are dropped below): one
      // SQL text whatever the dated rows' count.
      const rest = await keyset(
        q => {
          q.whereNull(`${orderedBy}.due_date`);
          if (cursor?.value === null) q.where(id, op, cursor.id);
          return q;
        },
        'due_date',
        undefined,
        limit + 1,
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
