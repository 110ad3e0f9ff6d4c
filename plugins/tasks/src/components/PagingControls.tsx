import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import type { TaskListState } from '../hooks/useTaskList';
import { PAGE_SIZE } from '../hooks/useTaskList';

/** Previous / next buttons for cursor paging. */
export function PagingControls(props: { list: TaskListState }) {
  const { list } = props;
  const from = list.page * PAGE_SIZE + 1;
  const to = list.page * PAGE_SIZE + list.tasks.length;
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      p={1}
      style={{ gap: 8 }}
    >
      <Typography variant="body2" aria-live="polite">
        {list.tasks.length > 0 ? `${from}–${to}` : '0'}
        {list.totalCount !== undefined
          ? ` of ${list.totalCount}${list.totalCountCapped ? '+' : ''}`
          : ''}
      </Typography>
      <Button
        onClick={list.previous}
        disabled={!list.hasPrevious || list.loading}
      >
        Previous page
      </Button>
      <Button onClick={list.next} disabled={!list.hasNext || list.loading}>
        Next page
      </Button>
    </Box>
  );
}
