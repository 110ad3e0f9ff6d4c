import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type { Task, TaskListQuery } from '@taskplatform/plugin-tasks-common';
import { tasksApiRef } from '../api';

export const PAGE_SIZE = 50;

type Paging = {
  key: string;
  cursors: (string | undefined)[];
  page: number;
};

export type TaskListState = {
  tasks: Task[];
  loading: boolean;
  error?: Error;
  /** Zero-based page index. */
  page: number;
  totalCount?: number;
  /** True when more tasks match than the server counts (see totalCount). */
  totalCountCapped?: boolean;
  hasNext: boolean;
  hasPrevious: boolean;
  next: () => void;
  previous: () => void;
  /** Refetches the current page (e.g. after a signal). */
  reload: () => void;
  /** Replaces one task in place after an inline edit. */
  replaceTask: (task: Task) => void;
};

/**
 * One page of tasks at a time with keyset (cursor) paging: only the page on
 * screen is ever loaded, whatever the number of tasks. Changing the query
 * starts over at the first page.
 */
export function useTaskList(query: TaskListQuery | undefined): TaskListState {
  const tasksApi = useApi(tasksApiRef);
  const queryKey = JSON.stringify(query ?? null);
  // cursors[i] is the cursor of page i (undefined for the first page); a new
  // query starts over at page 0.
  const [paging, setPaging] = useState<Paging>({
    key: queryKey,
    cursors: [undefined],
    page: 0,
  });
  const current: Paging = useMemo(
    () =>
      paging.key === queryKey
        ? paging
        : { key: queryKey, cursors: [undefined], page: 0 },
    [paging, queryKey],
  );
  const page = current.page;
  const cursor = current.cursors[page];
  const [tasks, setTasks] = useState<Task[]>([]);
  const [nextCursor, setNextCursor] = useState<string>();
  const [totalCount, setTotalCount] = useState<number>();
  const [totalCountCapped, setTotalCountCapped] = useState<boolean>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const [reloadToken, setReloadToken] = useState(0);

  useEffect(() => {
    if (!query) return undefined;
    let cancelled = false;
    setLoading(true);
    tasksApi
      .listTasks({
        ...query,
        limit: PAGE_SIZE,
        cursor,
        includeTotal: page === 0,
      })
      .then(response => {
        if (cancelled) return;
        setTasks(response.items);
        setNextCursor(response.nextCursor);
        if (page === 0) {
          setTotalCount(response.totalCount);
          setTotalCountCapped(response.totalCountCapped);
        }
        setError(undefined);
      })
      .catch(e => {
        if (!cancelled) setError(e);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
    // The query is compared by value through queryKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tasksApi, queryKey, page, cursor, reloadToken]);

  const next = useCallback(() => {
    if (!nextCursor) return;
    setPaging({
      key: current.key,
      cursors: [...current.cursors.slice(0, current.page + 1), nextCursor],
      page: current.page + 1,
    });
  }, [nextCursor, current]);

  const previous = useCallback(
    () => setPaging({ ...current, page: Math.max(0, current.page - 1) }),
    [current],
  );
  const reload = useCallback(() => setReloadToken(t => t + 1), []);
  const replaceTask = useCallback(
    (task: Task) =>
      setTasks(prev => prev.map(t => (t.id === task.id ? task : t))),
    [],
  );

  return {
    tasks,
    loading,
    error,
    page,
    totalCount,
    totalCountCapped,
    hasNext: !!nextCursor,
    hasPrevious: page > 0,
    next,
    previous,
    reload,
    replaceTask,
  };
}
