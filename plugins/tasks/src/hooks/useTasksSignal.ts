import { useEffect, useRef } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  TASKS_SIGNAL_CHANNEL,
  type TaskChangedSignal,
} from '@taskplatform/plugin-tasks-common';

/** The throttle of pages and cards that refetch on every task change. */
export const REFETCH_THROTTLE_MS = 1000;

export type UseTasksSignalOptions = {
  /**
   * At most one `onChange` call per this many milliseconds: the first signal
   * is passed on at once, the ones that arrive during the window lead to one
   * more call (with the latest signal) when it ends. For callers that only
   * refetch, so that a burst of changes (an import, a script creating tasks)
   * costs each open page a couple of requests, not one per change. Unset:
   * every signal is passed on.
   */
  throttleMs?: number;
};

/**
 * Calls `onChange` whenever the backend signals a task change that passes
 * `filter` (all changes by default). The message only says what changed;
 * callers refetch through the API, which applies permissions.
 */
export function useTasksSignal(
  onChange: (signal: TaskChangedSignal) => void,
  filter?: (signal: TaskChangedSignal) => boolean,
  options: UseTasksSignalOptions = {},
): void {
  const { lastSignal } = useSignal<TaskChangedSignal & { [k: string]: any }>(
    TASKS_SIGNAL_CHANNEL,
  );
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const throttle = useRef<{
    timer?: ReturnType<typeof setTimeout>;
    pending?: TaskChangedSignal;
  }>({});
  const { throttleMs } = options;

  useEffect(() => {
    if (!lastSignal) return;
    if (filterRef.current && !filterRef.current(lastSignal)) return;
    if (!throttleMs) {
      onChangeRef.current(lastSignal);
      return;
    }
    const state = throttle.current;
    if (state.timer) {
      state.pending = lastSignal;
      return;
    }
    onChangeRef.current(lastSignal);
    const endWindow = () => {
      const pending = state.pending;
      state.pending = undefined;
      state.timer = pending ? setTimeout(endWindow, throttleMs) : undefined;
      if (pending) onChangeRef.current(pending);
    };
    state.timer = setTimeout(endWindow, throttleMs);
  }, [lastSignal, throttleMs]);

  useEffect(() => {
    const state = throttle.current;
    return () => clearTimeout(state.timer);
  }, []);
}
