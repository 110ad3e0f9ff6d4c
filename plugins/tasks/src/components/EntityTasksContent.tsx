import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Alert from '@material-ui/lab/Alert';
import {
  Content,
  EmptyState,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  type SortOrder,
  type TaskSortField,
} from '@taskplatform/plugin-tasks-common';
import { describeError } from '../api';
import { useTaskList } from '../hooks/useTaskList';
import { REFETCH_THROTTLE_MS, useTasksSignal } from '../hooks/useTasksSignal';
import { CreateTaskButton } from './CreateTaskButton';
import { CreateTaskDialog } from './CreateTaskDialog';
import { PagingControls } from './PagingControls';
import { TaskTable } from './TaskTable';

/** The "Tasks" tab of an entity page: the entity's tasks and a create button. */
export function EntityTasksContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [sort, setSort] = useState<TaskSortField>('createdAt');
  const [order, setOrder] = useState<SortOrder>('desc');
  const [createOpen, setCreateOpen] = useState(false);
  const [actionError, setActionError] = useState<Error>();
  const query = useMemo(
    () => ({ entityRef, sort, order }),
    [entityRef, sort, order],
  );
  const list = useTaskList(query);

  useTasksSignal(list.reload, signal => signal.entityRefs.includes(entityRef), {
    throttleMs: REFETCH_THROTTLE_MS,
  });

  const createButton = <CreateTaskButton onClick={() => setCreateOpen(true)} />;

  const renderList = () => {
    if (list.error) {
      return (
        <ResponseErrorPanel error={list.error} title="Could not load tasks" />
      );
    }
    if (!list.loading && list.tasks.length === 0) {
      return (
        <EmptyState
          missing="content"
          title="No tasks for this entity"
          description="Tasks created for this entity show up here."
          action={createButton}
        />
      );
    }
    return (
      <Paper>
        <TaskTable
          tasks={list.tasks}
          loading={list.loading && list.tasks.length === 0}
          sort={sort}
          order={order}
          onSortChange={(s, o) => {
            setSort(s);
            setOrder(o);
          }}
          onTaskChanged={list.replaceTask}
          onError={e => {
            setActionError(e);
            list.reload();
          }}
          hideEntity
        />
        <PagingControls list={list} />
      </Paper>
    );
  };

  return (
    <Content noPadding>
      <Box display="flex" justifyContent="flex-end" mb={2}>
        {createButton}
      </Box>
      {actionError && (
        <Box mb={2}>
          <Alert severity="error" onClose={() => setActionError(undefined)}>
            {describeError(actionError)}
          </Alert>
        </Box>
      )}
      {renderList()}
      {createOpen && (
        <CreateTaskDialog
          open
          initial={{ entityRef }}
          lockEntity
          onClose={() => setCreateOpen(false)}
          onCreated={() => {
            setCreateOpen(false);
            list.reload();
          }}
        />
      )}
    </Content>
  );
}
