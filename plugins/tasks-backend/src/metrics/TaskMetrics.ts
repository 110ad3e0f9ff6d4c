import { OPEN_TASK_STATUSES, Task } from '@taskplatform/plugin-tasks-common';
import {
  Counter,
  Gauge,
  register as defaultRegistry,
  Registry,
} from 'prom-client';
import { TaskStore } from '../database/types';
import { singletonMetric } from './singletonMetric';

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
            const current = TaskMetrics.current;
            if (!current) return;
            const now = Date.now();
            if (now - current.openCountedAt < current.openTasksRefreshMs) {
              return; // recent enough: keep the last values
            }
            current.openCountedAt = now;
            // A database hiccup must not fail the whole scrape: keep the
            // last values.
            const counts = await current.store
              .countOpenByStatus()
              .catch(() => undefined);
            if (!counts) return;
            for (const status of OPEN_TASK_STATUSES) {
              this.set({ status }, counts[status]);
            }
          },
        }),
    );
    return metrics;
  }

  private static current: TaskMetrics | undefined;

  /** When the open-task gauge was last counted (epoch ms). */
  private openCountedAt = -Infinity;

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
