import type {
  TaskPriority,
  TaskStatus,
} from '@taskplatform/plugin-tasks-common';

/** Human labels of the task statuses, in workflow order. */
export const statusLabels: Record<TaskStatus, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  blocked: 'Blocked',
  done: 'Done',
};

/**
 * Colours of the statuses, shared by the inline select and the charts; dark
 * enough for 4.5:1 text contrast on white and on a hovered row.
 */
export const statusColors: Record<TaskStatus, string> = {
  todo: '#455a64',
  in_progress: '#1565c0',
  blocked: '#c62828',
  done: '#2e7d32',
};

export const priorityLabels: Record<TaskPriority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

/** Formats an ISO timestamp for tables and timelines. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}
