import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import Skeleton from '@material-ui/lab/Skeleton';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Alert from '@material-ui/lab/Alert';
import {
  Content,
  EmptyState,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/frontend-plugin-api';
import {
  type SortOrder,
  type TaskListQuery,
  type TaskSortField,
} from '@taskplatform/plugin-tasks-common';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useNavigate } from 'react-router-dom';
import { describeError, tasksApiRef } from '../api';
import { useTaskList } from '../hooks/useTaskList';
import { REFETCH_THROTTLE_MS, useTasksSignal } from '../hooks/useTasksSignal';
import { taskRouteRef } from '../routes';
import { BulkStatusBar } from './BulkStatusBar';
import { CreateTaskButton } from './CreateTaskButton';
import { CreateTaskDialog } from './CreateTaskDialog';
import { PagingControls } from './PagingControls';
import {
  emptyFilters,
  filtersToQuery,
  TaskFilters,
  TaskFilterValues,
} from './TaskFilters';
import { TaskTable } from './TaskTable';

// Charts (and the chart library) load on their own, so the table's first rows
// never wait for them.
const TaskCharts = lazy(() =>
  import('./charts/TaskCharts').then(m => ({ default: m.TaskCharts })),
);

export type TaskView = 'all' | 'mine' | 'created';

/** The Tasks page: charts, views, filters, the task table and actions. */
export function TaskListPage() {
  const tasksApi = useApi(tasksApiRef);
  const identityApi = useApi(identityApiRef);
  const navigate = useNavigate();
  const taskLink = useRouteRef(taskRouteRef);
  const [view, setView] = useState<TaskView>('all');
  const [filters, setFilters] = useState<TaskFilterValues>(emptyFilters);
  const [sort, setSort] = useState<TaskSortField>('createdAt');
  const [order, setOrder] = useState<SortOrder>('desc');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [createOpen, setCreateOpen] = useState(false);
  const [actionError, setActionError] = useState<Error>();
  const [notice, setNotice] = useState<string>();

  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const userRef = identity.value?.userEntityRef;

  const query = useMemo((): TaskListQuery | undefined => {
    const base: TaskListQuery = { ...filtersToQuery(filters), sort, order };
    if (view === 'all') return base;
    if (!userRef) return undefined; // wait for the identity
    return view === 'mine'
      ? { ...base, assignee: userRef }
      : { ...base, createdBy: userRef };
  }, [filters, sort, order, view, userRef]);

  const list = useTaskList(query);
  // Charts (their chunk and the stats query) wait until the first page of
  // tasks is on screen, so they never compete with it for CPU or backend time.
  const [chartsWanted, setChartsWanted] = useState(false);
  useEffect(() => {
    if (!list.loading && !chartsWanted) setChartsWanted(true);
  }, [list.loading, chartsWanted]);
  const stats = useAsyncRetry(
    async () => (chartsWanted ? tasksApi.getStats() : undefined),
    [tasksApi, chartsWanted],
  );

  // A new page or query: the selection only ever covers visible rows.
  useEffect(() => setSelected(new Set()), [query, list.page]);

  useTasksSignal(
    () => {
      list.reload();
      stats.retry();
    },
    undefined,
    { throttleMs: REFETCH_THROTTLE_MS },
  );

  const afterChange = () => {
    list.reload();
    stats.retry();
  };

  const isFiltered =
    view !== 'all' || Object.keys(filtersToQuery(filters)).length > 0;

  const renderList = () => {
    if (list.error) {
      return (
        <Box p={2}>
          <ResponseErrorPanel error={list.error} title="Could not load tasks" />
        </Box>
      );
    }
    if (!list.loading && list.tasks.length === 0) {
      return (
        <Box p={2}>
          <EmptyState
            missing={isFiltered ? 'data' : 'content'}
            title={isFiltered ? 'No matching tasks' : 'No tasks yet'}
            description={
              isFiltered
                ? 'No task matches this view and these filters.'
                : 'Tasks you and your team create show up here.'
            }
            action={<CreateTaskButton onClick={() => setCreateOpen(true)} />}
          />
        </Box>
      );
    }
    return (
      <>
        <TaskTable
          tasks={list.tasks}
          loading={list.loading && list.tasks.length === 0}
          sort={sort}
          order={order}
          onSortChange={(s, o) => {
            setSort(s);
            setOrder(o);
          }}
          selected={selected}
          onSelectedChange={setSelected}
          onTaskChanged={task => {
            list.replaceTask(task);
            stats.retry();
          }}
          onError={e => {
            setActionError(e);
            list.reload();
          }}
        />
        <PagingControls list={list} />
      </>
    );
  };

  return (
    <Content>
      {/* The page header (title "Tasks") comes from the app. */}
      <Box display="flex" justifyContent="flex-end" mb={2}>
        <CreateTaskButton onClick={() => setCreateOpen(true)} />
      </Box>

      <Box mb={2}>
        {chartsWanted ? (
          <Suspense fallback={<Skeleton variant="rect" height={300} />}>
            <TaskCharts
              stats={stats.value}
              loading={!stats.value}
              error={stats.error}
            />
          </Suspense>
        ) : (
          <Skeleton variant="rect" height={300} />
        )}
      </Box>

      <Paper>
        <Tabs
          value={view}
          onChange={(_e, next) => setView(next)}
          indicatorColor="primary"
          aria-label="Task views"
        >
          <Tab value="all" label="All tasks" />
          <Tab value="mine" label="My tasks" />
          <Tab value="created" label="Created by me" />
        </Tabs>
        <Box p={2}>
          <TaskFilters
            value={filters}
            onChange={setFilters}
            hideAssignee={view === 'mine'}
          />
          {actionError && (
            <Box mt={2}>
              <Alert severity="error" onClose={() => setActionError(undefined)}>
                {describeError(actionError)}
              </Alert>
            </Box>
          )}
          {notice && (
            <Box mt={2}>
              <Alert severity="success" onClose={() => setNotice(undefined)}>
                {notice}
              </Alert>
            </Box>
          )}
          {selected.size > 0 && (
            <BulkStatusBar
              selected={selected}
              onError={setActionError}
              onDone={result => {
                setSelected(new Set());
                const failed = result.failed.length
                  ? `; ${
                      result.failed.length
                    } could not be changed (${result.failed
                      .map(f => f.reason)
                      .join(', ')})`
                  : '';
                setNotice(`Updated ${result.updated.length} task(s)${failed}`);
                afterChange();
              }}
            />
          )}
        </Box>
        {renderList()}
      </Paper>

      {createOpen && (
        <CreateTaskDialog
          open
          onClose={() => setCreateOpen(false)}
          onCreated={task => {
            setCreateOpen(false);
            afterChange();
            if (taskLink) navigate(taskLink({ taskId: task.id }));
          }}
        />
      )}
    </Content>
  );
}
