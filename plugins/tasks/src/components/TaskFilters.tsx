import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import useDebounce from 'react-use/esm/useDebounce';
import {
  TASK_STATUSES,
  type TaskListQuery,
  type TaskStatus,
} from '@taskplatform/plugin-tasks-common';
import { EntityRefAutocomplete } from './EntityRefAutocomplete';
import { TASK_ENTITY_KINDS, USER_KINDS } from './TaskFields';
import { statusLabels } from './taskMeta';

export type TaskFilterValues = {
  q: string;
  status: TaskStatus[];
  assignee: string | null;
  entityRef: string | null;
  label: string;
  dueAfter: string;
  dueBefore: string;
};

export const emptyFilters: TaskFilterValues = {
  q: '',
  status: [],
  assignee: null,
  entityRef: null,
  label: '',
  dueAfter: '',
  dueBefore: '',
};

/** Maps the filter form to the API query (empty fields are left out). */
export function filtersToQuery(f: TaskFilterValues): TaskListQuery {
  const query: TaskListQuery = {};
  if (f.q.trim()) query.q = f.q.trim();
  if (f.status.length) query.status = f.status;
  if (f.assignee) query.assignee = f.assignee;
  if (f.entityRef) query.entityRef = f.entityRef;
  if (f.label.trim()) query.label = f.label.trim();
  if (f.dueAfter) query.dueAfter = f.dueAfter;
  if (f.dueBefore) query.dueBefore = f.dueBefore;
  return query;
}

export type TaskFiltersProps = {
  value: TaskFilterValues;
  onChange: (value: TaskFilterValues) => void;
  /** Hide the assignee filter (e.g. on "My tasks"). */
  hideAssignee?: boolean;
};

/** Search box and filters above the task table. Text inputs are debounced. */
export function TaskFilters(props: TaskFiltersProps) {
  const { value, onChange, hideAssignee } = props;
  const [q, setQ] = useState(value.q);
  const [label, setLabel] = useState(value.label);

  useDebounce(
    () => {
      if (q !== value.q || label !== value.label) {
        onChange({ ...value, q, label });
      }
    },
    300,
    [q, label],
  );

  const set = <K extends keyof TaskFilterValues>(
    key: K,
    v: TaskFilterValues[K],
  ) => onChange({ ...value, q, label, [key]: v });

  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} md={4}>
        <TextField
          id="tasks-search"
          label="Search"
          placeholder="Title or description"
          fullWidth
          variant="outlined"
          size="small"
          value={q}
          onChange={e => setQ(e.target.value)}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          }}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={2}>
        <TextField
          id="tasks-filter-status"
          select
          label="Status"
          fullWidth
          variant="outlined"
          size="small"
          value={value.status}
          SelectProps={{
            multiple: true,
            renderValue: selected =>
              (selected as TaskStatus[]).map(s => statusLabels[s]).join(', '),
          }}
          onChange={e =>
            set('status', e.target.value as unknown as TaskStatus[])
          }
        >
          {TASK_STATUSES.map(s => (
            <MenuItem key={s} value={s}>
              <Checkbox checked={value.status.includes(s)} size="small" />
              <ListItemText primary={statusLabels[s]} />
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      {!hideAssignee && (
        <Grid item xs={12} sm={6} md={3}>
          <EntityRefAutocomplete
            id="tasks-filter-assignee"
            label="Assignee"
            size="small"
            kinds={USER_KINDS}
            value={value.assignee}
            onChange={v => set('assignee', v)}
          />
        </Grid>
      )}
      <Grid item xs={12} sm={6} md={3}>
        <EntityRefAutocomplete
          id="tasks-filter-entity"
          label="Entity"
          size="small"
          kinds={TASK_ENTITY_KINDS}
          value={value.entityRef}
          onChange={v => set('entityRef', v)}
        />
      </Grid>
      <Grid item xs={12} sm={4} md={2}>
        <TextField
          id="tasks-filter-label"
          label="Label"
          fullWidth
          variant="outlined"
          size="small"
          value={label}
          onChange={e => setLabel(e.target.value)}
        />
      </Grid>
      <Grid item xs={6} sm={4} md={2}>
        <TextField
          id="tasks-filter-due-after"
          label="Due after"
          type="date"
          fullWidth
          variant="outlined"
          size="small"
          InputLabelProps={{ shrink: true }}
          value={value.dueAfter}
          onChange={e => set('dueAfter', e.target.value)}
        />
      </Grid>
      <Grid item xs={6} sm={4} md={2}>
        <TextField
          id="tasks-filter-due-before"
          label="Due before"
          type="date"
          fullWidth
          variant="outlined"
          size="small"
          InputLabelProps={{ shrink: true }}
          value={value.dueBefore}
          onChange={e => set('dueBefore', e.target.value)}
        />
      </Grid>
      <Grid item xs={12} md={2}>
        <Button
          onClick={() => {
            setQ('');
            setLabel('');
            onChange(emptyFilters);
          }}
        >
          Clear filters
        </Button>
      </Grid>
    </Grid>
  );
}
