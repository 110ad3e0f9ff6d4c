import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  OpenTaskStatus,
  SortOrder,
  Task,
  TASK_TOTAL_COUNT_CAP,
  TaskComment,
  TaskListQuery,
  TaskListResponse,
  TaskPriority,
  TaskSortField,
  TaskStats,
  TaskStatsQuery,
} from '@taskplatform/plugin-tasks-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { applyPermissionFilter } from './permissionCriteriaToSql';
import { runNamed, StatementNames } from './StatementNames';
import { fetchTaskPage, filteredTasks, listBranches } from './taskListPage';
import { leadRowsOnly, plannedOnce } from './listLeads';
import { listActivityPage, listCommentsPage } from './taskHistoryPages';
import { SharedNextRun } from './SharedNextRun';
import { TaskStatsAggregates } from './TaskStatsAggregates';
import { TextSearchFrequency } from './TextSearchFrequency';
import {
  activityValue,
  FIELD_COLUMNS,
  labelRows,
  labelCopyColumns,
  priorityRank,
  REF_FIELDS,
  refCopyColumns,
  refRows,
  rowToTask,
  TASK_COLUMNS,
  TaskRow,
  toIso,
} from './taskRows';
import {
  PageQuery,
  TaskFields,
  TaskPermissionFilter,
  TaskStore,
  UpdateTaskResult,
} from './types';

const migrationsDir = resolvePackagePath(
  '@taskplatform/plugin-tasks-backend',
  'migrations',
);

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
  private readonly stats: TaskStatsAggregates;
  private readonly sharedStats = new SharedNextRun<TaskStats>();
  /** Reads by primary key, run as prepared statements on PostgreSQL. */
  private readonly byIdStatements = new StatementNames('tasks_by_id');
  /**
   * List pages whose plan does not depend on the values (plannedOnce): each
   * filter shape, sort, order, cursor and page size is a text. Each
   * connection keeps a generic plan of a few kilobytes per text it ran.
   */
  private readonly pageStatements = new StatementNames('tasks_page', 128);
  private readonly textFrequency: TextSearchFrequency;

  private constructor(
    private readonly db: Knex,
    private readonly totalCountCap: number,
  ) {
    this.isPostgres = db.client.config.client === 'pg';
    this.stats = new TaskStatsAggregates(db);
    this.textFrequency = new TextSearchFrequency(db);
  }

  async listTasks(options: {
    query: TaskListQuery;
    filter?: TaskPermissionFilter;
  }): Promise<TaskListResponse> {
    const { query } = options;
    const sort: TaskSortField = query.sort ?? 'createdAt';
    const order: SortOrder = query.order ?? 'desc';
    const limit = query.limit ?? 50;
    const commonText = Boolean(
      this.isPostgres &&
        query.q &&
        (await this.textFrequency.common(query.q, limit + 1)),
    );

    /** The tasks matching `filters` that the caller may read. */
    const filtered = (filters: TaskListQuery) => {
      const q = filteredTasks(this.db, filters, this.isPostgres, commonText);
      applyPermissionFilter(q, options.filter);
      return q;
    };
    const base = filtered(query);

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

    const branches = listBranches(query, this.isPostgres);
    const bases = branches.length === 1 ? [base] : branches.map(filtered);
    const { rows, nextCursor } = await fetchTaskPage(this.db, bases, {
      sort,
      order,
      limit,
      cursor: query.cursor,
      filters: branches[0],
      fromLeadRows:
        leadRowsOnly(query) && !options.filter ? branches : undefined,
      statementNames:
        this.isPostgres && plannedOnce(query) && !options.filter
          ? this.pageStatements
          : undefined,
    });

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
    const query = this.db('tasks')
      .select(TASK_COLUMNS)
      .where({ id })
      .limit(1, { skipBinding: true });
    applyPermissionFilter(query, filter);
    let row: TaskRow | undefined;
    if (this.isPostgres) {
      // a prepared statement: its plan (the primary key) does not depend
      // on the values, and planning it is most of the read (StatementNames)
      [row] = await runNamed<TaskRow>(this.db, query, this.byIdStatements);
    } else {
      row = (await query.first()) as TaskRow | undefined;
    }
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
      if (labels.length) await tx('task_labels').insert(labelRows(row));
      await tx('task_refs').insert(refRows(row));
      await this.stats.applyChange(tx, null, row);
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
          applyPermissionFilter(allowed, filter);
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

        const after = { ...row, ...update } as TaskRow;
        if (changes.includes('labels')) {
          await tx('task_labels').where({ task_id: id }).delete();
          if (patch.labels?.length) {
            await tx('task_labels').insert(labelRows(after));
          }
        } else if (previous.labels.length) {
          // the label rows' copy of the sort columns and assignee (updated_at
          // always moves)
          await tx('task_labels')
            .where({ task_id: id })
            .update(labelCopyColumns(after));
        }
        if (REF_FIELDS.some(field => after[field] !== row[field])) {
          await tx('task_refs').where({ task_id: id }).delete();
          await tx('task_refs').insert(refRows(after));
        } else {
          // the reference rows' copy of the status and sort columns
          // (updated_at always moves)
          await tx('task_refs')
            .where({ task_id: id })
            .update(refCopyColumns(after));
        }
        await this.stats.applyChange(tx, row, after);
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
        const task = rowToTask(after);
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
    // The delete is guarded by the version read, so that the stats
    // subtract exactly the row that is removed; a concurrent update retries.
    for (;;) {
      const result = await this.db.transaction(async tx => {
        const row = (await tx('tasks')
          .select(TASK_COLUMNS)
          .where({ id: options.id })
          .first()) as TaskRow | undefined;
        if (!row) return { type: 'not-found' as const };
        if (options.filter) {
          const allowed = tx('tasks').select('id').where({ id: options.id });
          applyPermissionFilter(allowed, options.filter);
          if (!(await allowed.first())) return { type: 'forbidden' as const };
        }
        // Children are deleted explicitly: SQLite may run without foreign keys.
        const deleted = await tx('tasks')
          .where({ id: options.id, version: row.version })
          .delete();
        if (deleted !== 1) return { type: 'lost-race' as const };
        await tx('task_activity').where({ task_id: options.id }).delete();
        await tx('task_comments').where({ task_id: options.id }).delete();
        await tx('task_labels').where({ task_id: options.id }).delete();
        await tx('task_refs').where({ task_id: options.id }).delete();
        await this.stats.applyChange(tx, row, null);
        return { type: 'deleted' as const, task: rowToTask(row) };
      });
      if (result.type !== 'lost-race') return result;
    }
  }

  async listComments(taskId: string, page: PageQuery = {}) {
    return listCommentsPage(this.db, taskId, page);
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

  async listActivity(taskId: string, page: PageQuery = {}) {
    return listActivityPage(this.db, taskId, page);
  }

  /**
   * Counts by status, by assignee and per week: from the aggregates kept by
   * every write, unless a permission condition restricts what the caller
   * may read.
   */
  async getStats(options: {
    query: TaskStatsQuery;
    filter?: TaskPermissionFilter;
    now?: Date;
  }): Promise<TaskStats> {
    const compute = () =>
      options.filter
        ? this.stats.scan(options.query, options.filter, options.now)
        : this.stats.read(options.query, options.now);
    if (options.now) return compute();
    // Every open Tasks page asks for stats when a task changes: identical
    // calls share the next run (still exact, see SharedNextRun).
    return this.sharedStats.run(
      JSON.stringify([options.query, options.filter ?? null]),
      compute,
    );
  }

  /** Stats recounted from the tasks (the aggregates must always equal this). */
  async recountStats(options: {
    query: TaskStatsQuery;
    now?: Date;
  }): Promise<TaskStats> {
    return this.stats.scan(options.query, undefined, options.now);
  }

  async countOpenByStatus(): Promise<Record<OpenTaskStatus, number>> {
    return this.stats.countOpenByStatus();
  }
}
