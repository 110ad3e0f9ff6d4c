import { Task, TASK_STATUSES } from '@taskplatform/plugin-tasks-common';
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
    const metrics = new TaskMetrics(created, completed, options.store);
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
            // A database hiccup must not fail the whole scrape: keep the
            // last values.
            const counts = await TaskMetrics.current?.store
              .countByStatus()
              .catch(() => undefined);
            if (!counts) return;
            for (const status of TASK_STATUSES) {
              if (status !== 'done') this.set({ status }, counts[status]);
            }
          },
        }),
    );
    return metrics;
  }

  private static current: TaskMetrics | undefined;

  private constructor(
    private readonly created: Counter,
    private readonly completed: Counter,
    private readonly store: TaskStore,
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
