import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  TASK_STATUSES,
  type BulkUpdateTaskStatusResponse,
  type TaskStatus,
} from '@taskplatform/plugin-tasks-common';
import { tasksApiRef } from '../api';
import { statusLabels } from './taskMeta';

export type BulkStatusBarProps = {
  selected: Set<string>;
  onDone: (result: BulkUpdateTaskStatusResponse) => void;
  onError: (error: Error) => void;
};

/** Shown while tasks are selected: sets the status of all of them at once. */
export function BulkStatusBar(props: BulkStatusBarProps) {
  const { selected, onDone, onError } = props;
  const tasksApi = useApi(tasksApiRef);
  const [status, setStatus] = useState<TaskStatus>('done');
  const [saving, setSaving] = useState(false);

  const apply = async () => {
    setSaving(true);
    try {
      onDone(await tasksApi.bulkUpdateStatus({ ids: [...selected], status }));
    } catch (e) {
      onError(e as Error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box
      display="flex"
      alignItems="center"
      style={{ gap: 16 }}
      py={1}
      role="region"
      aria-label="Bulk status change"
    >
      <Typography>{selected.size} selected</Typography>
      <TextField
        id="bulk-status"
        select
        size="small"
        variant="outlined"
        label="New status"
        value={status}
        onChange={e => setStatus(e.target.value as TaskStatus)}
        style={{ minWidth: 160 }}
      >
        {TASK_STATUSES.map(s => (
          <MenuItem key={s} value={s}>
            {statusLabels[s]}
          </MenuItem>
        ))}
      </TextField>
      <Button
        variant="contained"
        color="primary"
        onClick={apply}
        disabled={saving}
      >
        Apply to selected
      </Button>
    </Box>
  );
}
