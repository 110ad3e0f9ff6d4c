import { useState } from 'react';
import NativeSelect from '@material-ui/core/NativeSelect';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  TASK_STATUSES,
  taskUpdatePermission,
  type Task,
  type TaskStatus,
} from '@taskplatform/plugin-tasks-common';
import { TaskConflictError, tasksApiRef } from '../api';
import { statusColors, statusLabels } from './taskMeta';

export type TaskStatusSelectProps = {
  task: Task;
  onChanged: (task: Task) => void;
  onError: (error: Error) => void;
};

/**
 * Inline status change of one task: a native select (cheap to render 50 of,
 * keyboard and screen-reader friendly). Disabled when the permission policy
 * does not let the user update this task.
 */
export function TaskStatusSelect(props: TaskStatusSelectProps) {
  const { task, onChanged, onError } = props;
  const tasksApi = useApi(tasksApiRef);
  const { allowed, loading } = usePermission({
    permission: taskUpdatePermission,
    resourceRef: task.id,
  });
  const [saving, setSaving] = useState(false);

  const change = async (status: TaskStatus) => {
    if (status === task.status) return;
    setSaving(true);
    try {
      onChanged(await tasksApi.updateTask(task.id, task.version, { status }));
    } catch (e) {
      onError(
        TaskConflictError.is(e)
          ? new Error(
              `"${task.title}" was changed by someone else; the list was reloaded, try again.`,
            )
          : (e as Error),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <NativeSelect
      value={task.status}
      onChange={e => change(e.target.value as TaskStatus)}
      disabled={loading || !allowed || saving}
      disableUnderline
      // The name includes the visible value (WCAG 2.5.3, label in name).
      inputProps={{
        'aria-label': `Status of ${task.title}: ${statusLabels[task.status]}`,
      }}
      style={{ color: statusColors[task.status], fontWeight: 500 }}
    >
      {TASK_STATUSES.map(s => (
        <option key={s} value={s}>
          {statusLabels[s]}
        </option>
      ))}
    </NativeSelect>
  );
}
