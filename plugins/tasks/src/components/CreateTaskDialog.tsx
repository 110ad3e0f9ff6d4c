import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/frontend-plugin-api';
import type { Task } from '@taskplatform/plugin-tasks-common';
import { describeError, tasksApiRef } from '../api';
import { emptyDraft, TaskDraft, TaskFields, validateDraft } from './TaskFields';

export type CreateTaskDialogProps = {
  open: boolean;
  onClose: () => void;
  onCreated: (task: Task) => void;
  /** Pre-filled values, e.g. the entity of an entity page. */
  initial?: Partial<TaskDraft>;
  lockEntity?: boolean;
};

export function CreateTaskDialog(props: CreateTaskDialogProps) {
  const { open, onClose, onCreated, initial, lockEntity } = props;
  const tasksApi = useApi(tasksApiRef);
  const [draft, setDraft] = useState<TaskDraft>({ ...emptyDraft, ...initial });
  const [errors, setErrors] = useState<ReturnType<typeof validateDraft>>({});
  const [submitError, setSubmitError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const reset = () => {
    setDraft({ ...emptyDraft, ...initial });
    setErrors({});
    setSubmitError(undefined);
  };

  const submit = async () => {
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    setSubmitError(undefined);
    try {
      const task = await tasksApi.createTask({
        title: draft.title.trim(),
        description: draft.description,
        status: draft.status,
        priority: draft.priority,
        assignee: draft.assignee,
        entityRef: draft.entityRef,
        labels: draft.labels,
        dueDate: draft.dueDate,
      });
      reset();
      onCreated(task);
    } catch (e) {
      setSubmitError(describeError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="create-task-dialog-title"
    >
      <DialogTitle id="create-task-dialog-title">Create task</DialogTitle>
      <DialogContent>
        {submitError && (
          <Alert severity="error" style={{ marginBottom: 16 }}>
            Could not create the task: {submitError}
          </Alert>
        )}
        <TaskFields
          idPrefix="create-task"
          draft={draft}
          onChange={setDraft}
          errors={errors}
          disabled={saving}
          lockEntity={lockEntity}
        />
      </DialogContent>
      <DialogActions>
        <Button
          onClick={() => {
            reset();
            onClose();
          }}
          disabled={saving}
        >
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={saving}
        >
          Create
        </Button>
      </DialogActions>
    </Dialog>
  );
}
