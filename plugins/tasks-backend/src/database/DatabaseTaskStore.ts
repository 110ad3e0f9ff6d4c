import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  OPEN_TASK_STATUSES,
  OpenTaskStatus,
  SortOrder,
  Task,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TASK_TOTAL_COUNT_CAP,
  TaskActivity,
  TaskComment,
  TaskListQuery,
  TaskListResponse,
  TaskPriority,
  TaskSortField,
  TaskStats,
  TaskStatsQuery,
  TaskStatus,
} from '@taskplatform/plugin-tasks-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { decodeCursor, encodeCursor } from './cursor';
import { epochMsToIso } from './isoTime';
import {
  TaskFields,
  TaskFilter,
  TaskPermissionFilter,
  TaskStore,
  UpdateTaskResult,
} from './types';

const migrationsDir = resolvePackagePath(
  '@taskplatform/plugin-tasks-backend',
  'migrations',
);

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday after the epoch: weeks start on Mondays. */
const FIRST_MONDAY_MS = 4 * DAY_MS;
/**
 * How long identical stats requests gather before their one computation
 * starts (see getStats).
 */
const STATS_GATHER_MS = 25;

const SORT_COLUMNS: Record<TaskSortField, string> = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  dueDate: 'due_date',
  priority: 'priority',
  title: 'title',
};

const FIELD_COLUMNS: Record<keyof TaskFields, string> = {
  title: 'title',
  description: 'description',
  status: 'status',
  priority: 'priority',
  assignee: 'assignee',
  entityRef: 'entity_ref',
  labels: 'labels',
  dueDate: 'due_date',
};

type TaskRow = {
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

const TASK_COLUMNS = [
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

function toIso(ms: string | number): string {
  return epochMsToIso(Number(ms));
}

/** Most tasks have no labels: skip `JSON.parse` for the empty list. */
function parseLabels(labels: string): string[] {
  return labels === '[]' ? [] : JSON.parse(labels);
}

function rowToTask(row: TaskRow): Task {
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

function priorityRank(priority: TaskPriority): number {
  return TASK_PRIORITIES.indexOf(priority);
}

/** How a field's value is shown in the activity history. */
function activityValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length ? value.join(', ') : null;
  return String(value);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, c => `\\${c}`);
}

/** Stores tasks in the plugin's database (PostgreSQL or SQLite). */
export class DatabaseTaskStore implements TaskStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /** `includeTotal` counts up to this many tasks (default TASK_TOTAL_COUNT_CAP). */
    totalCountCap?: number;
  }): Promise<DatabaseTaskStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseTaskStore(
      client,
      options.totalCountCap ?? TASK_TOTAL_COUNT_CAP,
    );
  }

  private readonly isPostgres: boolean;

  private constructor(
    private readonly db: Knex,
    private readonly totalCountCap: number,
  ) {
    this.isPostgres = db.client.config.client === 'pg';
  }

  async listTasks(options: {
    query: TaskListQuery;
    filter?: TaskPermissionFilter;
  }): Promise<TaskListResponse> {
    const { query } = options;
    const sort: TaskSortField = query.sort ?? 'createdAt';
    const order: SortOrder = query.order ?? 'desc';
    const limit = query.limit ?? 50;
    const column = SORT_COLUMNS[sort];

    const base = this.db('tasks');
    this.applyListFilters(base, query);
    this.applyPermissionFilter(base, options.filter);

    let totalCount: number | undefined;
    let totalCountCapped = false;
    if (query.includeTotal) {
      // Counts at most one more than the cap: an index scan of at most
      // totalCountCap + 1 entries however many tasks match.
      const matches = base
        .clone()
        .clearSelect()
        .select(this.db.raw('1'))
        .limit(this.totalCountCap + 1)
        .as('matches');
      const [{ count }] = await this.db.from(matches).count({ count: '*' });
      totalCount = Math.min(Number(count), this.totalCountCap);
      totalCountCapped = Number(count) > this.totalCountCap;
    }

    const page = (query.includeTotal ? base.clone() : base).select(
      TASK_COLUMNS,
    );
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor, { sort, order });
      const op = order === 'asc' ? '>' : '<';
      if (sort === 'dueDate') {
        // Missing due dates sort last in both directions.
        if (cursor.value === null) {
          page.whereNull('due_date').where('id', op, cursor.id);
        } else {
          page.where(inner =>
            inner
              .whereNull('due_date')
              .orWhereRaw(`(due_date, id) ${op} (?, ?)`, [
                cursor.value,
                cursor.id,
              ]),
          );
        }
      } else {
        page.whereRaw(`(${column}, id) ${op} (?, ?)`, [
          cursor.value,
          cursor.id,
        ]);
      }
    }
    if (sort === 'dueDate') {
      page.orderByRaw(`due_date ${order} NULLS LAST, id ${order}`);
    } else {
      page.orderBy([
        { column, order },
        { column: 'id', order },
      ]);
    }
    const rows = (await page.limit(limit + 1)) as TaskRow[];

    let nextCursor: string | undefined;
    if (rows.length > limit) {
      rows.length = limit;
      const last = rows[limit - 1];
      const raw = (last as Record<string, unknown>)[column];
      nextCursor = encodeCursor({
        sort,
        order,
        value:
          sort === 'createdAt' || sort === 'updatedAt'
            ? Number(raw)
            : (raw as string | number | null),
        id: last.id,
      });
    }

    return {
      items: rows.map(rowToTask),
      ...(nextCursor ? { nextCursor } : {}),
      ...(totalCount !== undefined ? { totalCount } : {}),
      ...(totalCountCapped ? { totalCountCapped } : {}),
    };
  }

  async getTask(
    id: string,
    filter?: TaskPermissionFilter,
  ): Promise<Task | undefined> {
    const query = this.db('tasks').select(TASK_COLUMNS).where({ id });
    this.applyPermissionFilter(query, filter);
    const row = (await query.first()) as TaskRow | undefined;
    return row ? rowToTask(row) : undefined;
  }

  async getTasks(ids: string[]): Promise<Task[]> {
    if (!ids.length) return [];
    const rows = (await this.db('tasks')
      .select(TASK_COLUMNS)
      .whereIn('id', ids)) as TaskRow[];
    return rows.map(rowToTask);
  }

  async createTask(options: {
    fields: Partial<TaskFields> & { title: string };
    createdBy: string;
  }): Promise<Task> {
    const { fields, createdBy } = options;
    const now = Date.now();
    const status = fields.status ?? 'todo';
    const labels = fields.labels ?? [];
    const row: TaskRow = {
      id: randomUUID(),
      title: fields.title,
      description: fields.description ?? '',
      status,
      priority: priorityRank(fields.priority ?? 'medium'),
      assignee: fields.assignee ?? null,
      created_by: createdBy,
      entity_ref: fields.entityRef ?? null,
      labels: JSON.stringify(labels),
      due_date: fields.dueDate ?? null,
      created_at: now,
      updated_at: now,
      completed_at: status === 'done' ? now : null,
      version: 1,
    };
    await this.db.transaction(async tx => {
      await tx('tasks').insert(row);
      if (labels.length) {
        await tx('task_labels').insert(
          labels.map(label => ({ task_id: row.id, label })),
        );
      }
      await tx('task_activity').insert({
        task_id: row.id,
        actor: createdBy,
        action: 'created',
        field: null,
        old_value: null,
        new_value: row.title,
        created_at: now,
      });
    });
    return rowToTask(row);
  }

  async updateTask(options: {
    id: string;
    patch: Partial<TaskFields>;
    expectedVersion?: number;
    actor: string;
    filter?: TaskPermissionFilter;
  }): Promise<UpdateTaskResult> {
    const { id, patch, expectedVersion, actor, filter } = options;
    // Without an expected version the update applies to whatever version is
    // current; a concurrent change makes the guarded UPDATE miss, so retry.
    for (let attempt = 0; attempt < 10; attempt++) {
      const result = await this.db.transaction(async tx => {
        const row = (await tx('tasks')
          .select(TASK_COLUMNS)
          .where({ id })
          .first()) as TaskRow | undefined;
        if (!row) return { type: 'not-found' as const };
        if (filter) {
          const allowed = tx('tasks').select('id').where({ id });
          this.applyPermissionFilter(allowed, filter);
          if (!(await allowed.first())) return { type: 'forbidden' as const };
        }
        const previous = rowToTask(row);
        if (
          expectedVersion !== undefined &&
          previous.version !== expectedVersion
        ) {
          return { type: 'conflict' as const, current: previous };
        }

        const changes = (Object.keys(patch) as Array<keyof TaskFields>).filter(
          field =>
            patch[field] !== undefined &&
            JSON.stringify(patch[field]) !== JSON.stringify(previous[field]),
        );
        if (!changes.length) {
          return { type: 'unchanged' as const, task: previous };
        }

        const now = Math.max(Date.now(), Number(row.updated_at));
        const update: Record<string, unknown> = {
          updated_at: now,
          version: previous.version + 1,
        };
        for (const field of changes) {
          const value = patch[field];
          if (field === 'priority') {
            update.priority = priorityRank(value as TaskPriority);
          } else if (field === 'labels') {
            update.labels = JSON.stringify(value);
          } else {
            update[FIELD_COLUMNS[field]] = value;
          }
        }
        if (changes.includes('status')) {
          update.completed_at = patch.status === 'done' ? now : null;
        }

        const updated = await tx('tasks')
          .where({ id, version: previous.version })
          .update(update);
        if (updated !== 1) {
          const current = (await tx('tasks')
            .select(TASK_COLUMNS)
            .where({ id })
            .first()) as TaskRow | undefined;
          if (!current) return { type: 'not-found' as const };
          return { type: 'lost-race' as const, current: rowToTask(current) };
        }

        if (changes.includes('labels')) {
          await this.replaceLabels(tx, id, patch.labels ?? []);
        }
        await tx('task_activity').insert(
          changes.map(field => ({
            task_id: id,
            actor,
            action: 'updated',
            field,
            old_value: activityValue(previous[field]),
            new_value: activityValue(patch[field]),
            created_at: now,
          })),
        );
        const task = rowToTask({ ...row, ...update } as TaskRow);
        return { type: 'updated' as const, task, previous };
      });
      if (result.type !== 'lost-race') return result;
      if (expectedVersion !== undefined) {
        return { type: 'conflict', current: result.current };
      }
    }
    const current = await this.getTask(id);
    return current ? { type: 'conflict', current } : { type: 'not-found' };
  }

  async deleteTask(options: {
    id: string;
    filter?: TaskPermissionFilter;
  }): Promise<
    | { type: 'deleted'; task: Task }
    | { type: 'not-found' }
    | { type: 'forbidden' }
  > {
    return this.db.transaction(async tx => {
      const row = (await tx('tasks')
        .select(TASK_COLUMNS)
        .where({ id: options.id })
        .first()) as TaskRow | undefined;
      if (!row) return { type: 'not-found' as const };
      if (options.filter) {
        const allowed = tx('tasks').select('id').where({ id: options.id });
        this.applyPermissionFilter(allowed, options.filter);
        if (!(await allowed.first())) return { type: 'forbidden' as const };
      }
      // Children are deleted explicitly: SQLite may run without foreign keys.
      await tx('task_activity').where({ task_id: options.id }).delete();
      await tx('task_comments').where({ task_id: options.id }).delete();
      await tx('task_labels').where({ task_id: options.id }).delete();
      await tx('tasks').where({ id: options.id }).delete();
      return { type: 'deleted' as const, task: rowToTask(row) };
    });
  }

  async listComments(taskId: string): Promise<TaskComment[]> {
    const rows = await this.db('task_comments')
      .where({ task_id: taskId })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(row => ({
      id: row.id,
      taskId: row.task_id,
      author: row.author,
      body: row.body,
      createdAt: toIso(row.created_at),
    }));
  }

  async addComment(options: {
    taskId: string;
    author: string;
    body: string;
  }): Promise<TaskComment> {
    const now = Date.now();
    const comment = {
      id: randomUUID(),
      task_id: options.taskId,
      author: options.author,
      body: options.body,
      created_at: now,
    };
    await this.db.transaction(async tx => {
      await tx('task_comments').insert(comment);
      await tx('task_activity').insert({
        task_id: options.taskId,
        actor: options.author,
        action: 'commented',
        field: null,
        old_value: null,
        new_value: options.body.slice(0, 200),
        created_at: now,
      });
    });
    return {
      id: comment.id,
      taskId: comment.task_id,
      author: comment.author,
      body: comment.body,
      createdAt: toIso(now),
    };
  }

  async listActivity(taskId: string): Promise<TaskActivity[]> {
    const rows = await this.db('task_activity')
      .where({ task_id: taskId })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      id: String(row.id),
      taskId: row.task_id,
      actor: row.actor,
      action: row.action,
      field: row.field,
      oldValue: row.old_value,
      newValue: row.new_value,
      createdAt: toIso(row.created_at),
    }));
  }

  /** Stats requests gathering for one computation, by query and filter. */
  private readonly statsBatches = new Map<string, Promise<TaskStats>>();

  /**
   * Counts by status, by assignee and per week. Identical requests (same
   * query and permission filter) that arrive within {@link STATS_GATHER_MS}
   * of each other share one computation: a change signal makes every open
   * Tasks page ask at once, and at a million tasks each computation is four
   * aggregates of 100–200 ms. A batch stops taking requests before its
   * queries start, so nobody gets figures from before their request.
   */
  async getStats(options: {
    query: TaskStatsQuery;
    filter?: TaskPermissionFilter;
    now?: Date;
  }): Promise<TaskStats> {
    if (options.now) return this.computeStats(options);
    const key = JSON.stringify([options.query, options.filter ?? null]);
    const gathering = this.statsBatches.get(key);
    if (gathering) return gathering;
    const batch = new Promise<void>(resolve =>
      setTimeout(resolve, STATS_GATHER_MS),
    ).then(() => {
      this.statsBatches.delete(key);
      return this.computeStats(options);
    });
    this.statsBatches.set(key, batch);
    return batch;
  }

  private async computeStats(options: {
    query: TaskStatsQuery;
    filter?: TaskPermissionFilter;
    now?: Date;
  }): Promise<TaskStats> {
    const { query, filter } = options;
    const weeks = query.weeks ?? 12;
    const scoped = () => {
      const q = this.db('tasks');
      if (query.entityRef) q.where('entity_ref', query.entityRef);
      if (query.assignee) q.where('assignee', query.assignee);
      this.applyPermissionFilter(q, filter);
      return q;
    };

    const nowMs = (options.now ?? new Date()).getTime();
    const currentWeek = Math.floor((nowMs - FIRST_MONDAY_MS) / WEEK_MS);
    const firstWeek = currentWeek - weeks + 1;
    const since = FIRST_MONDAY_MS + firstWeek * WEEK_MS;
    const perWeekOf = async (column: string) => {
      const rows = await scoped()
        .where(column, '>=', since)
        .select(
          this.db.raw(`(${column} - ${FIRST_MONDAY_MS}) / ${WEEK_MS} AS week`),
        )
        .count({ count: '*' })
        .groupBy('week');
      return new Map(
        (rows as any[]).map(r => [Number(r.week), Number(r.count)]),
      );
    };

    // Independent aggregates: run them concurrently (separate connections
    // on PostgreSQL).
    const [statusRows, assigneeRows, created, completed] = await Promise.all([
      scoped().select('status').count({ count: '*' }).groupBy('status'),
      scoped()
        .select('assignee')
        .count({ total: '*' })
        .select(
          this.db.raw(
            "SUM(CASE WHEN status <> 'done' THEN 1 ELSE 0 END) AS open_count",
          ),
        )
        .groupBy('assignee')
        .orderByRaw('open_count DESC, total DESC')
        .limit(20),
      perWeekOf('created_at'),
      perWeekOf('completed_at'),
    ]);

    const byStatus = Object.fromEntries(
      TASK_STATUSES.map(s => [s, 0]),
    ) as Record<TaskStatus, number>;
    for (const row of statusRows as any[]) {
      byStatus[row.status as TaskStatus] = Number(row.count);
    }
    const byAssignee = (assigneeRows as any[]).map(row => ({
      assignee: (row.assignee as string | null) ?? null,
      open: Number(row.open_count),
      total: Number(row.total),
    }));
    const perWeek = [];
    for (let week = firstWeek; week <= currentWeek; week++) {
      perWeek.push({
        week: new Date(FIRST_MONDAY_MS + week * WEEK_MS)
          .toISOString()
          .slice(0, 10),
        created: created.get(week) ?? 0,
        completed: completed.get(week) ?? 0,
      });
    }

    return { byStatus, byAssignee, perWeek };
  }

  async countOpenByStatus(): Promise<Record<OpenTaskStatus, number>> {
    const counts = Object.fromEntries(
      OPEN_TASK_STATUSES.map(s => [s, 0]),
    ) as Record<OpenTaskStatus, number>;
    // Only the open statuses: in a long-lived table most tasks are done, and
    // these are a range of the status index.
    const rows = await this.db('tasks')
      .whereIn('status', OPEN_TASK_STATUSES)
      .select('status')
      .count({ count: '*' })
      .groupBy('status');
    for (const row of rows as any[])
      counts[row.status as OpenTaskStatus] = Number(row.count);
    return counts;
  }

  private applyListFilters(query: Knex.QueryBuilder, filters: TaskListQuery) {
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
        this.db('task_labels').select('task_id').where('label', filters.label),
      );
    }
    if (filters.dueBefore) query.where('due_date', '<=', filters.dueBefore);
    if (filters.dueAfter) query.where('due_date', '>=', filters.dueAfter);
    if (filters.q) {
      if (this.isPostgres) {
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

  private applyPermissionFilter(
    query: Knex.QueryBuilder,
    filter: TaskPermissionFilter,
  ) {
    if (filter) {
      query.where(inner => this.applyCriteria(inner, filter));
    }
  }

  private applyCriteria(
    query: Knex.QueryBuilder,
    criteria: PermissionCriteria<TaskFilter>,
  ) {
    if ('allOf' in criteria) {
      for (const sub of criteria.allOf) {
        query.andWhere(inner => this.applyCriteria(inner, sub));
      }
    } else if ('anyOf' in criteria) {
      for (const sub of criteria.anyOf) {
        query.orWhere(inner => this.applyCriteria(inner, sub));
      }
    } else if ('not' in criteria) {
      query.whereNot(inner => this.applyCriteria(inner, criteria.not));
    } else {
      if (criteria.key === 'entity_owned_by') {
        throw new Error('entity_owned_by must be resolved before querying');
      }
      if (criteria.values.length === 0) {
        query.whereRaw('1 = 0');
      } else {
        query.whereIn(criteria.key, criteria.values);
      }
    }
  }

  private async replaceLabels(tx: Knex, taskId: string, labels: string[]) {
    await tx('task_labels').where({ task_id: taskId }).delete();
    if (labels.length) {
      await tx('task_labels').insert(
        labels.map(label => ({ task_id: taskId, label })),
      );
    }
  }
}
