import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  Task,
  TaskChangedSignal,
  TASKS_SIGNAL_CHANNEL,
} from '@taskplatform/plugin-tasks-common';
import { TaskMetrics } from '../metrics/TaskMetrics';

/**
 * Side effects of task changes: live-update signals, assignment
 * notifications and business metrics. They never fail the request.
 */
export class TaskEvents {
  constructor(
    private readonly options: {
      signals: SignalsService;
      notifications: NotificationService;
      logger: LoggerService;
      metrics: TaskMetrics;
    },
  ) {}

  created(task: Task, actor: string) {
    this.options.metrics.taskCreated(task);
    this.publish('created', [task]);
    if (task.assignee && task.assignee !== actor) {
      this.notifyAssignee(task, actor);
    }
  }

  updated(changes: Array<{ task: Task; previous: Task }>, actor: string) {
    for (const { task, previous } of changes) {
      this.options.metrics.taskUpdated(task, previous);
      if (
        task.assignee &&
        task.assignee !== previous.assignee &&
        task.assignee !== actor
      ) {
        this.notifyAssignee(task, actor);
      }
    }
    this.publish(
      'updated',
      changes.map(c => c.task),
    );
  }

  deleted(tasks: Task[], _actor: string) {
    this.publish('deleted', tasks);
  }

  commented(task: Task, _actor: string) {
    this.publish('commented', [task]);
  }

  private publish(type: TaskChangedSignal['type'], tasks: Task[]) {
    const message: TaskChangedSignal = {
      type,
      taskIds: tasks.map(t => t.id),
      entityRefs: [
        ...new Set(tasks.flatMap(t => (t.entityRef ? [t.entityRef] : []))),
      ],
      ...(type === 'deleted'
        ? {}
        : { versions: Object.fromEntries(tasks.map(t => [t.id, t.version])) }),
    };
    this.options.signals
      .publish<TaskChangedSignal>({
        recipients: { type: 'broadcast' },
        channel: TASKS_SIGNAL_CHANNEL,
        message,
      })
      .catch(error =>
        this.options.logger.warn(`Failed to publish task signal: ${error}`),
      );
  }

  private notifyAssignee(task: Task, actor: string) {
    this.options.notifications
      .send({
        recipients: { type: 'entity', entityRef: task.assignee! },
        payload: {
          title: `Task assigned to you: ${task.title}`,
          description: `${actor} assigned you a ${task.priority} priority task.`,
          link: `/tasks/${task.id}`,
          severity: task.priority === 'urgent' ? 'high' : 'normal',
          topic: 'tasks',
          scope: `task:${task.id}:assignee`,
        },
      })
      .catch(error =>
        this.options.logger.warn(`Failed to notify task assignee: ${error}`),
      );
  }
}
