import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import Skeleton from '@material-ui/lab/Skeleton';
import {
  Content,
  InfoCard,
  Link,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  taskDeletePermission,
  taskUpdatePermission,
  type Task,
  type UpdateTaskRequest,
} from '@taskplatform/plugin-tasks-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useNavigate, useParams } from 'react-router-dom';
import { describeError, TaskConflictError, tasksApiRef } from '../api';
import { useTasksSignal } from '../hooks/useTasksSignal';
import { rootRouteRef } from '../routes';
import { TaskActivityTimeline } from './TaskActivityTimeline';
import { TaskComments } from './TaskComments';
import { TaskDraft, TaskFields, validateDraft } from './TaskFields';
import { formatDateTime, statusLabels } from './taskMeta';

function toDraft(task: Task): TaskDraft {
  return {
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    assignee: task.assignee,
    entityRef: task.entityRef,
    labels: task.labels,
    dueDate: task.dueDate,
  };
}

/** The fields of `draft` that differ from `task`, as an update body. */
export function changedFields(
  task: Task,
  draft: TaskDraft,
): Omit<UpdateTaskRequest, 'version'> {
  const changes: Record<string, unknown> = {};
  const original = toDraft(task);
  for (const key of Object.keys(draft) as (keyof TaskDraft)[]) {
    const next = key === 'title' ? draft.title.trim() : draft[key];
    if (JSON.stringify(next) !== JSON.stringify(original[key])) {
      changes[key] = next;
    }
  }
  return changes as Omit<UpdateTaskRequest, 'version'>;
}

/** Error, skeleton or content of an async-loaded section. */
function AsyncSection<T>(props: {
  state: { value?: T; error?: Error; loading: boolean };
  skeletonHeight: number;
  children: (value: T) => JSX.Element;
}) {
  const { state, skeletonHeight, children } = props;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  if (state.value === undefined) {
    return <Skeleton variant="rect" height={skeletonHeight} />;
  }
  return children(state.value);
}

/** The task detail route: reads the id from the URL. */
export function TaskDetailRoute() {
  const { taskId } = useParams();
  return <TaskDetailPage taskId={taskId!} />;
}

/** One task: editable fields, comments and the activity timeline. */
export function TaskDetailPage(props: { taskId: string }) {
  const { taskId } = props;
  const tasksApi = useApi(tasksApiRef);
  const navigate = useNavigate();
  const rootLink = useRouteRef(rootRouteRef);

  const taskState = useAsyncRetry(() => tasksApi.getTask(taskId), [taskId]);
  const comments = useAsyncRetry(() => tasksApi.listComments(taskId), [taskId]);
  const activity = useAsyncRetry(() => tasksApi.listActivity(taskId), [taskId]);

  const [task, setTask] = useState<Task>();
  const [draft, setDraft] = useState<TaskDraft>();
  const [errors, setErrors] = useState<ReturnType<typeof validateDraft>>({});
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [staleNotice, setStaleNotice] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const { allowed: canUpdate } = usePermission({
    permission: taskUpdatePermission,
    resourceRef: taskId,
  });
  const { allowed: canDelete } = usePermission({
    permission: taskDeletePermission,
    resourceRef: taskId,
  });

  // Adopt a freshly loaded task (first load and every reload).
  useEffect(() => {
    if (taskState.value) {
      setTask(taskState.value);
      setDraft(toDraft(taskState.value));
      setConflict(false);
      setStaleNotice(false);
    }
  }, [taskState.value]);

  const dirty =
    !!task && !!draft && Object.keys(changedFields(task, draft)).length > 0;

  const reloadAll = () => {
    taskState.retry();
    comments.retry();
    activity.retry();
  };

  useTasksSignal(
    signal => {
      const newVersion = signal.versions?.[taskId];
      if (signal.type === 'commented' || signal.type === 'deleted') {
        reloadAll();
        return;
      }
      if (task && newVersion !== undefined && newVersion <= task.version) {
        return; // our own write, already applied
      }
      if (dirty) {
        setStaleNotice(true); // never replace what the user is typing
      } else {
        reloadAll();
      }
    },
    signal => signal.taskIds.includes(taskId),
  );

  const save = async () => {
    if (!task || !draft) return;
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length) return;
    const changes = changedFields(task, draft);
    if (!Object.keys(changes).length) return;
    setSaving(true);
    setSaveError(undefined);
    setSaved(false);
    try {
      const updated = await tasksApi.updateTask(task.id, task.version, changes);
      setTask(updated);
      setDraft(toDraft(updated));
      setSaved(true);
      setStaleNotice(false);
      activity.retry();
    } catch (e) {
      if (TaskConflictError.is(e)) {
        setConflict(true);
      } else {
        setSaveError(describeError(e));
      }
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    setConfirmDelete(false);
    try {
      await tasksApi.deleteTask(taskId);
      if (rootLink) navigate(rootLink());
    } catch (e) {
      setSaveError(describeError(e));
    }
  };

  if (taskState.error && !task) {
    return (
      <Content>
        <ResponseErrorPanel
          error={taskState.error}
          title="Could not load the task"
        />
        {rootLink && (
          <Box mt={2}>
            <Link to={rootLink()}>Back to all tasks</Link>
          </Box>
        )}
      </Content>
    );
  }

  if (!task || !draft) {
    return (
      <Content>
        <Skeleton variant="text" width="40%" height={48} />
        <Skeleton variant="rect" height={320} />
      </Content>
    );
  }

  return (
    <Content>
      <Box mb={2}>
        {rootLink && <Link to={rootLink()}>← All tasks</Link>}
        {/* h2: the app's page header already is the h1 ("Tasks"). */}
        <Typography variant="h4" component="h2" data-testid="task-title">
          {task.title}
        </Typography>
        <Typography variant="body2">
          {statusLabels[task.status]} · created by{' '}
          <EntityRefLink entityRef={task.createdBy} hideIcon /> on{' '}
          {formatDateTime(task.createdAt)}
          {task.assignee && (
            <>
              {' '}
              · assigned to <EntityRefLink entityRef={task.assignee} hideIcon />
            </>
          )}
          {task.entityRef && (
            <>
              {' '}
              · for <EntityRefLink entityRef={task.entityRef} hideIcon />
            </>
          )}
        </Typography>
      </Box>

      {conflict && (
        <Box mb={2}>
          <Alert
            severity="warning"
            role="alert"
            action={
              <Button color="inherit" size="small" onClick={reloadAll}>
                Reload
              </Button>
            }
          >
            This task was changed by someone else since you opened it, so your
            changes were not saved. Reload to see the latest version, then apply
            your edit again.
          </Alert>
        </Box>
      )}
      {staleNotice && !conflict && (
        <Box mb={2}>
          <Alert
            severity="info"
            action={
              <Button color="inherit" size="small" onClick={reloadAll}>
                Reload
              </Button>
            }
          >
            Someone else just changed this task. Reload to see their changes
            (your unsaved edits will be discarded).
          </Alert>
        </Box>
      )}
      {saveError && (
        <Box mb={2}>
          <Alert severity="error" onClose={() => setSaveError(undefined)}>
            {saveError}
          </Alert>
        </Box>
      )}
      {saved && !dirty && (
        <Box mb={2}>
          <Alert severity="success" onClose={() => setSaved(false)}>
            Saved.
          </Alert>
        </Box>
      )}

      <Grid container spacing={3}>
        <Grid item xs={12} md={7}>
          <InfoCard title="Details">
            <TaskFields
              idPrefix="edit-task"
              draft={draft}
              onChange={d => {
                setDraft(d);
                setSaved(false);
              }}
              errors={errors}
              disabled={!canUpdate || saving}
            />
            <Box mt={2} display="flex" justifyContent="space-between">
              <Box>
                {canDelete && (
                  <Button
                    color="secondary"
                    onClick={() => setConfirmDelete(true)}
                  >
                    Delete
                  </Button>
                )}
              </Box>
              {canUpdate && (
                <Box display="flex" style={{ gap: 8 }}>
                  <Button
                    onClick={() => setDraft(toDraft(task))}
                    disabled={!dirty || saving}
                  >
                    Discard changes
                  </Button>
                  <Button
                    variant="contained"
                    color="primary"
                    onClick={save}
                    disabled={!dirty || saving}
                  >
                    Save
                  </Button>
                </Box>
              )}
            </Box>
            {!canUpdate && (
              <Typography variant="body2" color="textSecondary">
                You do not have permission to edit this task.
              </Typography>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={5}>
          <InfoCard title="Comments">
            <AsyncSection state={comments} skeletonHeight={80}>
              {value => (
                <TaskComments
                  taskId={taskId}
                  comments={value}
                  onAdded={() => {
                    comments.retry();
                    activity.retry();
                  }}
                />
              )}
            </AsyncSection>
          </InfoCard>
          <Box mt={3}>
            <InfoCard title="Activity">
              <AsyncSection state={activity} skeletonHeight={120}>
                {value => <TaskActivityTimeline activity={value} />}
              </AsyncSection>
            </InfoCard>
          </Box>
        </Grid>
      </Grid>

      <Dialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        aria-labelledby="delete-task-title"
      >
        <DialogTitle id="delete-task-title">Delete this task?</DialogTitle>
        <DialogContent>
          <Typography>
            “{task.title}”, its comments and its history will be deleted.
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmDelete(false)}>Cancel</Button>
          <Button color="secondary" variant="contained" onClick={remove}>
            Delete
          </Button>
        </DialogActions>
      </Dialog>
    </Content>
  );
}
