import { OPEN_TASK_STATUSES, Task } from '@taskplatform/plugin-tasks-common';
import {
  Counter,
  Gauge,
  register as defaultRegistry,
  Registry,
} from 'prom-client';
import { singletonMetric } from '@taskplatform/backend-metrics';
import { TaskStore } from '../database/types';

type OpenTaskCounts = Awaited<ReturnType<TaskStore['countOpenByStatus']>>;

/**
 * Business metrics of the tasks plugin, registered in prom-client's default
 * registry so that the backend's `/metrics` endpoint exposes them.
 */
export class TaskMetrics {
  static create(options: {
    store: TaskStore;
    registry?: Registry;
    /**
     * How old the open-task counts may be before a scrape recounts them
     * (default 30 s): each count is a query over the tasks table, and every
     * replica is scraped every few seconds.
     */
    openTasksRefreshMs?: number;
  }): TaskMetrics {
    const registry = options.registry ?? defaultRegistry;
    const created = singletonMetric(
      registry,
      'tasks_created_total',
      () =>
        new Counter({
          name: 'tasks_created_total',
          help: 'Tasks created',
          registers: [registry],
        }),
    );
    const completed = singletonMetric(
      registry,
      'tasks_completed_total',
      () =>
        new Counter({
          name: 'tasks_completed_total',
          help: 'Tasks moved to done',
          registers: [registry],
        }),
    );
    const metrics = new TaskMetrics(
      created,
      completed,
      options.store,
      options.openTasksRefreshMs ?? 30_000,
    );
    // The gauge is computed from the database at scrape time; the latest
    // store wins when several are created in one process (tests).
    TaskMetrics.current = metrics;
    singletonMetric(
      registry,
      'tasks_open',
      () =>
        new Gauge({
          name: 'tasks_open',
          help: 'Tasks that are not done, by status',
          labelNames: ['status'],
          registers: [registry],
          async collect() {
            const counts = await TaskMetrics.current?.countOpenTasks();
            if (!counts) return; // database error: keep the last values
            for (const status of OPEN_TASK_STATUSES) {
              this.set({ status }, counts[status]);
            }
          },
        }),
    );
    singletonMetric(
      registry,
      'tasks_database_up',
      () =>
        new Gauge({
          name: 'tasks_database_up',
          help: 'Whether the last query of the open-task counts reached the database (1) or failed (0)',
          registers: [registry],
          async collect() {
            const current = TaskMetrics.current;
            if (!current) return;
            await current.countOpenTasks();
            if (current.databaseUp !== undefined) {
              this.set(current.databaseUp ? 1 : 0);
            }
          },
        }),
    );
    return metrics;
  }

  private static current: TaskMetrics | undefined;

  /** When the open-task gauge was last counted (epoch ms). */
  private openCountedAt = -Infinity;
  /** The last count, shared by the gauges of one scrape. */
  private lastCount: Promise<OpenTaskCounts | undefined> | undefined;
  /** Whether the last count reached the database; unknown before the first. */
  private databaseUp: boolean | undefined;
  private counting = false;

  /**
   * The open-task counts, queried at most once per refresh interval: each
   * count is a query over the tasks table, and every replica is scraped every
   * few seconds. Undefined when the database failed (the scrape must not).
   */
  private countOpenTasks(): Promise<OpenTaskCounts | undefined> {
    const now = Date.now();
    const recent = now - this.openCountedAt < this.openTasksRefreshMs;
    if (this.lastCount && (recent || this.counting)) {
      return this.lastCount; // recent enough, or still running
    }
    this.openCountedAt = now;
    this.counting = true;
    this.lastCount = this.store.countOpenByStatus().then(
      counts => {
        this.databaseUp = true;
        return counts;
      },
      () => {
        this.databaseUp = false;
        return undefined;
      },
    );
    this.lastCount.finally(() => {
      this.counting = false;
    });
    return this.lastCount;
  }

  private constructor(
    private readonly created: Counter,
    private readonly completed: Counter,
    private readonly store: TaskStore,
    private readonly openTasksRefreshMs: number,
  ) {}

  taskCreated(task: Task) {
    this.created.inc();
    if (task.status === 'done') this.completed.inc();
  }

  taskUpdated(task: Task, previous: Task) {
    if (task.status === 'done' && previous.status !== 'done') {
      this.completed.inc();
    }
  }
}
