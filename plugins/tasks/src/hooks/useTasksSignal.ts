import { useEffect, useRef } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  TASKS_SIGNAL_CHANNEL,
  type TaskChangedSignal,
} from '@taskplatform/plugin-tasks-common';

/**
 * Calls `onChange` whenever the backend signals a task change that passes
 * `filter` (all changes by default). The message only says what changed;
 * callers refetch through the API, which applies permissions.
 */
export function useTasksSignal(
  onChange: (signal: TaskChangedSignal) => void,
  filter?: (signal: TaskChangedSignal) => boolean,
): void {
  const { lastSignal } = useSignal<TaskChangedSignal & { [k: string]: any }>(
    TASKS_SIGNAL_CHANNEL,
  );
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const filterRef = useRef(filter);
  filterRef.current = filter;

  useEffect(() => {
    if (!lastSignal) return;
    if (filterRef.current && !filterRef.current(lastSignal)) return;
    onChangeRef.current(lastSignal);
  }, [lastSignal]);
}
