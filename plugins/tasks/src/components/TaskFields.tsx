import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Chip from '@material-ui/core/Chip';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  TASK_LIMITS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TaskPriority,
  type TaskStatus,
} from '@taskplatform/plugin-tasks-common';
import { EntityRefAutocomplete } from './EntityRefAutocomplete';
import { MarkdownEditor } from './MarkdownEditor';
import { priorityLabels, statusLabels } from './taskMeta';

/** The editable fields of a task, as held by the create and edit forms. */
export type TaskDraft = {
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  assignee: string | null;
  entityRef: string | null;
  labels: string[];
  dueDate: string | null;
};

export const emptyDraft: TaskDraft = {
  title: '',
  description: '',
  status: 'todo',
  priority: 'medium',
  assignee: null,
  entityRef: null,
  labels: [],
  dueDate: null,
};

export const USER_KINDS = ['User'];
export const TASK_ENTITY_KINDS = [
  'Component',
  'System',
  'Resource',
  'API',
  'Domain',
  'Group',
];

/** Client-side checks mirroring the API's; the API stays the authority. */
export function validateDraft(
  draft: TaskDraft,
): Partial<Record<keyof TaskDraft, string>> {
  const errors: Partial<Record<keyof TaskDraft, string>> = {};
  if (!draft.title.trim()) errors.title = 'Title is required';
  else if (draft.title.trim().length > TASK_LIMITS.titleMaxLength) {
    errors.title = `At most ${TASK_LIMITS.titleMaxLength} characters`;
  }
  if (
    new TextEncoder().encode(draft.description).length >
    TASK_LIMITS.descriptionMaxBytes
  ) {
    errors.description = 'Description is too long (64 KiB at most)';
  }
  if (draft.labels.some(l => /[\s,]/.test(l))) {
    errors.labels = 'Labels must not contain spaces or commas';
  }
  return errors;
}

export type TaskFieldsProps = {
  idPrefix: string;
  draft: TaskDraft;
  onChange: (draft: TaskDraft) => void;
  errors?: Partial<Record<keyof TaskDraft, string>>;
  disabled?: boolean;
  /** Entity refs the form should not let the user change (entity tab). */
  lockEntity?: boolean;
};

/** The task form fields, shared by the create dialog and the detail page. */
export function TaskFields(props: TaskFieldsProps) {
  const {
    idPrefix,
    draft,
    onChange,
    errors = {},
    disabled,
    lockEntity,
  } = props;
  const set = <K extends keyof TaskDraft>(key: K, value: TaskDraft[K]) =>
    onChange({ ...draft, [key]: value });

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <TextField
          id={`${idPrefix}-title`}
          label="Title"
          required
          fullWidth
          variant="outlined"
          value={draft.title}
          onChange={e => set('title', e.target.value)}
          error={!!errors.title}
          helperText={errors.title}
          disabled={disabled}
          inputProps={{ maxLength: TASK_LIMITS.titleMaxLength }}
        />
      </Grid>
      <Grid item xs={12}>
        <MarkdownEditor
          id={`${idPrefix}-description`}
          label="Description"
          value={draft.description}
          onChange={v => set('description', v)}
          disabled={disabled}
          error={errors.description}
        />
      </Grid>
      <Grid item xs={12} sm={6}>
        <TextField
          id={`${idPrefix}-status`}
          select
          label="Status"
          fullWidth
          variant="outlined"
          value={draft.status}
          onChange={e => set('status', e.target.value as TaskStatus)}
          disabled={disabled}
        >
          {TASK_STATUSES.map(s => (
            <MenuItem key={s} value={s}>
              {statusLabels[s]}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} sm={6}>
        <TextField
          id={`${idPrefix}-priority`}
          select
          label="Priority"
          fullWidth
          variant="outlined"
          value={draft.priority}
          onChange={e => set('priority', e.target.value as TaskPriority)}
          disabled={disabled}
        >
          {TASK_PRIORITIES.map(p => (
            <MenuItem key={p} value={p}>
              {priorityLabels[p]}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} sm={6}>
        <EntityRefAutocomplete
          id={`${idPrefix}-assignee`}
          label="Assignee"
          kinds={USER_KINDS}
          value={draft.assignee}
          onChange={v => set('assignee', v)}
          disabled={disabled}
        />
      </Grid>
      <Grid item xs={12} sm={6}>
        <EntityRefAutocomplete
          id={`${idPrefix}-entity`}
          label="Entity"
          kinds={TASK_ENTITY_KINDS}
          value={draft.entityRef}
          onChange={v => set('entityRef', v)}
          disabled={disabled || lockEntity}
        />
      </Grid>
      <Grid item xs={12} sm={6}>
        <Autocomplete<string, true, false, true>
          id={`${idPrefix}-labels`}
          multiple
          freeSolo
          options={[]}
          value={draft.labels}
          disabled={disabled}
          onChange={(_e, labels) =>
            set('labels', [
              ...new Set(labels.map(l => l.trim()).filter(Boolean)),
            ])
          }
          renderTags={(values, getTagProps) =>
            values.map((label, index) => (
              <Chip
                size="small"
                label={label}
                {...getTagProps({ index })}
                key={label}
              />
            ))
          }
          renderInput={params => (
            <TextField
              {...params}
              label="Labels"
              variant="outlined"
              error={!!errors.labels}
              helperText={errors.labels ?? 'Press Enter to add a label'}
            />
          )}
        />
      </Grid>
      <Grid item xs={12} sm={6}>
        <TextField
          id={`${idPrefix}-due`}
          label="Due date"
          type="date"
          fullWidth
          variant="outlined"
          value={draft.dueDate ?? ''}
          onChange={e => set('dueDate', e.target.value || null)}
          InputLabelProps={{ shrink: true }}
          disabled={disabled}
        />
      </Grid>
    </Grid>
  );
}
