import { useEffect, useState } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Skeleton from '@material-ui/lab/Skeleton';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  SortOrder,
  Task,
  TaskSortField,
} from '@taskplatform/plugin-tasks-common';
import { taskRouteRef } from '../routes';
import { shortRef } from './EntityRefAutocomplete';
import { TaskStatusSelect } from './TaskStatusSelect';
import { formatDateTime, priorityLabels } from './taskMeta';

export type TaskTableProps = {
  tasks: Task[];
  /** Shows skeleton rows instead of tasks. */
  loading?: boolean;
  sort: TaskSortField;
  order: SortOrder;
  onSortChange: (sort: TaskSortField, order: SortOrder) => void;
  selected?: Set<string>;
  onSelectedChange?: (selected: Set<string>) => void;
  onTaskChanged: (task: Task) => void;
  onError: (error: Error) => void;
  hideEntity?: boolean;
};

const SKELETON_ROWS = 8;
/** Rows rendered in the first pass; the rest follow right after a paint. */
const FIRST_PASS_ROWS = 15;

// Rows use native checkboxes and plain label spans: a page renders 50 of
// each, and the MUI versions (ripples, icon buttons) dominate render time.
const useStyles = makeStyles(theme => ({
  checkbox: {
    width: 18,
    height: 18,
    margin: theme.spacing(0, 1.5),
    cursor: 'pointer',
    accentColor: theme.palette.primary.main,
  },
  label: {
    display: 'inline-block',
    padding: '1px 8px',
    marginRight: 4,
    borderRadius: 12,
    fontSize: '0.8125rem',
    backgroundColor: theme.palette.action.selected,
    color: theme.palette.text.primary,
  },
  nowrap: { whiteSpace: 'nowrap' },
}));

function SortableHeader(props: {
  field: TaskSortField;
  label: string;
  sort: TaskSortField;
  order: SortOrder;
  onSortChange: (sort: TaskSortField, order: SortOrder) => void;
}) {
  const { field, label, sort, order, onSortChange } = props;
  const active = sort === field;
  return (
    <TableCell sortDirection={active ? order : false}>
      <TableSortLabel
        active={active}
        direction={active ? order : 'asc'}
        onClick={() =>
          onSortChange(field, active && order === 'asc' ? 'desc' : 'asc')
        }
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
}

/** One page of tasks; paging, filtering and sorting happen on the server. */
export function TaskTable(props: TaskTableProps) {
  const {
    tasks,
    loading,
    sort,
    order,
    onSortChange,
    selected,
    onSelectedChange,
    onTaskChanged,
    onError,
    hideEntity,
  } = props;
  const classes = useStyles();
  // Render a page in two passes so the first rows paint without waiting for
  // all 50 (each row has a select, links and a permission check).
  // Keyed by the ids shown, so an inline edit does not start over.
  const pageKey = tasks.map(t => t.id).join(',');
  const [rendered, setRendered] = useState({
    key: pageKey,
    count: FIRST_PASS_ROWS,
  });
  const visibleCount =
    rendered.key === pageKey ? rendered.count : FIRST_PASS_ROWS;
  useEffect(() => {
    if (tasks.length <= FIRST_PASS_ROWS) return undefined;
    const timer = setTimeout(
      () => setRendered({ key: pageKey, count: tasks.length }),
      0,
    );
    return () => clearTimeout(timer);
  }, [pageKey, tasks.length]);
  const taskLink = useRouteRef(taskRouteRef);
  // Plain links rather than EntityRefLink: 100 presentation lookups per page
  // would slow the first render; the detail page shows display names.
  const entityLink = useEntityRefLink();
  const selectable = !!selected && !!onSelectedChange;
  const allSelected =
    selectable && tasks.length > 0 && tasks.every(t => selected!.has(t.id));
  const columns = 7 + (hideEntity ? 0 : 1) + (selectable ? 1 : 0);
  const header = { sort, order, onSortChange };

  return (
    <TableContainer>
      <Table size="small" aria-label="Tasks">
        <TableHead>
          <TableRow>
            {selectable && (
              <TableCell padding="checkbox">
                <input
                  type="checkbox"
                  className={classes.checkbox}
                  checked={allSelected}
                  ref={el => {
                    if (el) {
                      el.indeterminate = !allSelected && selected!.size > 0;
                    }
                  }}
                  onChange={() =>
                    onSelectedChange!(
                      allSelected ? new Set() : new Set(tasks.map(t => t.id)),
                    )
                  }
                  aria-label="Select all tasks on this page"
                />
              </TableCell>
            )}
            <SortableHeader field="title" label="Title" {...header} />
            <TableCell>Status</TableCell>
            <SortableHeader field="priority" label="Priority" {...header} />
            <TableCell>Assignee</TableCell>
            {!hideEntity && <TableCell>Entity</TableCell>}
            <TableCell>Labels</TableCell>
            <SortableHeader field="dueDate" label="Due" {...header} />
            <SortableHeader field="updatedAt" label="Updated" {...header} />
          </TableRow>
        </TableHead>
        <TableBody>
          {loading
            ? Array.from({ length: SKELETON_ROWS }, (_, i) => (
                <TableRow key={`skeleton-${i}`} data-testid="task-row-skeleton">
                  <TableCell colSpan={columns}>
                    <Skeleton variant="text" />
                  </TableCell>
                </TableRow>
              ))
            : tasks.slice(0, visibleCount).map(task => (
                <TableRow key={task.id} hover data-testid="task-row">
                  {selectable && (
                    <TableCell padding="checkbox">
                      <input
                        type="checkbox"
                        className={classes.checkbox}
                        checked={selected!.has(task.id)}
                        onChange={() => {
                          const next = new Set(selected);
                          if (next.has(task.id)) next.delete(task.id);
                          else next.add(task.id);
                          onSelectedChange!(next);
                        }}
                        aria-label={`Select ${task.title}`}
                      />
                    </TableCell>
                  )}
                  <TableCell>
                    {taskLink ? (
                      <Link to={taskLink({ taskId: task.id })}>
                        {task.title}
                      </Link>
                    ) : (
                      task.title
                    )}
                  </TableCell>
                  <TableCell>
                    <TaskStatusSelect
                      task={task}
                      onChanged={onTaskChanged}
                      onError={onError}
                    />
                  </TableCell>
                  <TableCell>{priorityLabels[task.priority]}</TableCell>
                  <TableCell>
                    {task.assignee ? (
                      <Link to={entityLink(task.assignee)}>
                        {shortRef(task.assignee)}
                      </Link>
                    ) : (
                      'Unassigned'
                    )}
                  </TableCell>
                  {!hideEntity && (
                    <TableCell>
                      {task.entityRef ? (
                        <Link to={entityLink(task.entityRef)}>
                          {shortRef(task.entityRef)}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </TableCell>
                  )}
                  <TableCell>
                    {task.labels.map(label => (
                      <span key={label} className={classes.label}>
                        {label}
                      </span>
                    ))}
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    {task.dueDate ?? '—'}
                  </TableCell>
                  <TableCell>{formatDateTime(task.updatedAt)}</TableCell>
                </TableRow>
              ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
