import {
  OPEN_TASK_STATUSES,
  OpenTaskStatus,
  TASK_STATUSES,
  TaskStats,
  TaskStatsQuery,
  TaskStatus,
} from '@taskplatform/plugin-tasks-common';
import { Knex } from 'knex';
import { applyPermissionFilter } from './permissionCriteriaToSql';
import { TaskPermissionFilter } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday after the epoch: weeks start on Mondays. */
const FIRST_MONDAY_MS = 4 * DAY_MS;
/** Counters per key; a write picks one at random, reads add them up. */
const SHARDS = 4;
/** `entity_key` / `assignee_key` meaning "any". */
const ANY = '*';

/** What of a task the aggregates depend on. */
export type TaskStatsState = {
  status: TaskStatus;
  assignee: string | null;
  entity_ref: string | null;
  created_at: string | number;
  completed_at: string | number | null;
};

const weekOf = (ms: string | number) =>
  Math.floor((Number(ms) - FIRST_MONDAY_MS) / WEEK_MS);

type StatusKey = [entity: string, assignee: string, status: string];
type WeekKey = [entity: string, assignee: string, week: number];

/**
 * The stats of `GET /stats`, kept in `task_status_counts` and
 * `task_week_counts` (see the migration) by every write, in the write's
 * transaction. A call without a permission condition reads a few hundred
 * counter rows; with one, the counters cannot apply and it aggregates the
 * tasks the caller may read ({@link TaskStatsAggregates.scan}).
 */
export class TaskStatsAggregates {
  constructor(private readonly db: Knex) {}

  /** Adjusts the counters for a task going from `before` to `after` (null: absent). */
  async applyChange(
    tx: Knex,
    before: TaskStatsState | null,
    after: TaskStatsState | null,
  ): Promise<void> {
    const status = new Map<string, { key: StatusKey; n: number }>();
    const weeks = new Map<
      string,
      { key: WeekKey; created: number; completed: number }
    >();
    const add = (task: TaskStatsState, sign: number) => {
      const assignee = task.assignee ?? '';
      const entities = task.entity_ref ? [ANY, task.entity_ref] : [ANY];
      for (const entity of entities) {
        const key: StatusKey = [entity, assignee, task.status];
        const id = JSON.stringify(key);
        const entry = status.get(id) ?? { key, n: 0 };
        entry.n += sign;
        status.set(id, entry);
        for (const who of [ANY, assignee]) {
          const events: Array<['created' | 'completed', string | number]> = [
            ['created', task.created_at],
          ];
          if (task.completed_at !== null) {
            events.push(['completed', task.completed_at]);
          }
          for (const [kind, at] of events) {
            const wkey: WeekKey = [entity, who, weekOf(at)];
            const wid = JSON.stringify(wkey);
            const w = weeks.get(wid) ?? { key: wkey, created: 0, completed: 0 };
            w[kind] += sign;
            weeks.set(wid, w);
          }
        }
      }
    };
    if (before) add(before, -1);
    if (after) add(after, 1);

    const shard = Math.floor(Math.random() * SHARDS);
    // sorted, so that concurrent writers lock shared rows in the same order
    const statusRows = [...status.entries()]
      .filter(([, e]) => e.n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, { key, n }]) => ({
        entity_key: key[0],
        assignee_key: key[1],
        status: key[2],
        shard,
        n,
      }));
    const weekRows = [...weeks.entries()]
      .filter(([, w]) => w.created !== 0 || w.completed !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, { key, created, completed }]) => ({
        entity_key: key[0],
        assignee_key: key[1],
        week: key[2],
        shard,
        created,
        completed,
      }));
    if (statusRows.length) {
      await tx('task_status_counts')
        .insert(statusRows)
        .onConflict(['entity_key', 'assignee_key', 'status', 'shard'])
        .merge({ n: tx.raw('task_status_counts.n + excluded.n') });
    }
    if (weekRows.length) {
      await tx('task_week_counts')
        .insert(weekRows)
        .onConflict(['entity_key', 'assignee_key', 'week', 'shard'])
        .merge({
          created: tx.raw('task_week_counts.created + excluded.created'),
          completed: tx.raw('task_week_counts.completed + excluded.completed'),
        });
    }
  }

  /** Stats from the counters (no permission condition). */
  async read(query: TaskStatsQuery, now = new Date()): Promise<TaskStats> {
    const entity = query.entityRef ?? ANY;
    const assignee =
      query.assignee === 'none' ? '' : query.assignee ?? undefined;
    const { firstWeek, currentWeek } = weekRange(query, now);

    const counts = () => {
      const q = this.db('task_status_counts').where('entity_key', entity);
      if (assignee !== undefined) q.where('assignee_key', assignee);
      return q;
    };
    const [statusRows, assigneeRows, weekRows] = await Promise.all([
      counts().select('status').sum({ count: 'n' }).groupBy('status'),
      counts()
        .select('assignee_key')
        .sum({ total: 'n' })
        .select(
          this.db.raw(
            "SUM(CASE WHEN status <> 'done' THEN n ELSE 0 END) AS open_count",
          ),
        )
        .groupBy('assignee_key')
        .havingRaw('SUM(n) > 0')
        .orderByRaw('open_count DESC, total DESC, assignee_key ASC')
        .limit(20),
      this.db('task_week_counts')
        .where({ entity_key: entity, assignee_key: assignee ?? ANY })
        .whereBetween('week', [firstWeek, currentWeek])
        .select('week')
        .sum({ created: 'created', completed: 'completed' })
        .groupBy('week'),
    ]);
    return toStats(
      statusRows as any[],
      (assigneeRows as any[]).map(r => ({
        assignee: r.assignee_key === '' ? null : r.assignee_key,
        open: Number(r.open_count),
        total: Number(r.total),
      })),
      new Map(
        (weekRows as any[]).map(r => [
          Number(r.week),
          { created: Number(r.created), completed: Number(r.completed) },
        ]),
      ),
      firstWeek,
      currentWeek,
    );
  }

  /** Stats aggregated from the tasks themselves, restricted by `filter`. */
  async scan(
    query: TaskStatsQuery,
    filter: TaskPermissionFilter,
    now = new Date(),
  ): Promise<TaskStats> {
    const scoped = () => {
      const q = this.db('tasks');
      if (query.entityRef) q.where('entity_ref', query.entityRef);
      if (query.assignee === 'none') q.whereNull('assignee');
      else if (query.assignee) q.where('assignee', query.assignee);
      applyPermissionFilter(q, filter);
      return q;
    };
    const { firstWeek, currentWeek } = weekRange(query, now);
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
        .orderByRaw("open_count DESC, total DESC, COALESCE(assignee, '') ASC")
        .limit(20),
      perWeekOf('created_at'),
      perWeekOf('completed_at'),
    ]);
    const weeks = new Map<number, { created: number; completed: number }>();
    for (let week = firstWeek; week <= currentWeek; week++) {
      weeks.set(week, {
        created: created.get(week) ?? 0,
        completed: completed.get(week) ?? 0,
      });
    }
    return toStats(
      statusRows as any[],
      (assigneeRows as any[]).map(r => ({
        assignee: (r.assignee as string | null) ?? null,
        open: Number(r.open_count),
        total: Number(r.total),
      })),
      weeks,
      firstWeek,
      currentWeek,
    );
  }

  /** Open tasks per status, for the metrics gauge. */
  async countOpenByStatus(): Promise<Record<OpenTaskStatus, number>> {
    const counts = Object.fromEntries(
      OPEN_TASK_STATUSES.map(s => [s, 0]),
    ) as Record<OpenTaskStatus, number>;
    const rows = await this.db('task_status_counts')
      .where('entity_key', ANY)
      .whereIn('status', OPEN_TASK_STATUSES)
      .select('status')
      .sum({ count: 'n' })
      .groupBy('status');
    for (const row of rows as any[])
      counts[row.status as OpenTaskStatus] = Number(row.count);
    return counts;
  }
}

function weekRange(query: TaskStatsQuery, now: Date) {
  const weeks = query.weeks ?? 12;
  const currentWeek = weekOf(now.getTime());
  return { firstWeek: currentWeek - weeks + 1, currentWeek };
}

function toStats(
  statusRows: Array<{ status: string; count: unknown }>,
  byAssignee: TaskStats['byAssignee'],
  weeks: Map<number, { created: number; completed: number }>,
  firstWeek: number,
  currentWeek: number,
): TaskStats {
  const byStatus = Object.fromEntries(TASK_STATUSES.map(s => [s, 0])) as Record<
    TaskStatus,
    number
  >;
  for (const row of statusRows) {
    byStatus[row.status as TaskStatus] = Number(row.count);
  }
  const perWeek = [];
  for (let week = firstWeek; week <= currentWeek; week++) {
    perWeek.push({
      week: new Date(FIRST_MONDAY_MS + week * WEEK_MS)
        .toISOString()
        .slice(0, 10),
      created: weeks.get(week)?.created ?? 0,
      completed: weeks.get(week)?.completed ?? 0,
    });
  }
  return { byStatus, byAssignee, perWeek };
}
