import Typography from '@material-ui/core/Typography';
import Timeline from '@material-ui/lab/Timeline';
import TimelineConnector from '@material-ui/lab/TimelineConnector';
import TimelineContent from '@material-ui/lab/TimelineContent';
import TimelineDot from '@material-ui/lab/TimelineDot';
import TimelineItem from '@material-ui/lab/TimelineItem';
import TimelineOppositeContent from '@material-ui/lab/TimelineOppositeContent';
import TimelineSeparator from '@material-ui/lab/TimelineSeparator';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { TaskActivity } from '@taskplatform/plugin-tasks-common';
import { formatDateTime, statusLabels } from './taskMeta';

const fieldLabels: Record<string, string> = {
  title: 'title',
  description: 'description',
  status: 'status',
  priority: 'priority',
  assignee: 'assignee',
  entityRef: 'entity',
  labels: 'labels',
  dueDate: 'due date',
};

function show(field: string | null, value: string | null): string {
  if (value === null || value === '') return 'nothing';
  if (field === 'status' && value in statusLabels) {
    return statusLabels[value as keyof typeof statusLabels];
  }
  if (field === 'description') {
    return value.length > 60 ? `"${value.slice(0, 60)}…"` : `"${value}"`;
  }
  return value;
}

function describe(entry: TaskActivity): string {
  if (entry.action === 'created') return 'created the task';
  if (entry.action === 'commented') return 'commented';
  const field = entry.field ? fieldLabels[entry.field] ?? entry.field : 'task';
  return `changed ${field} from ${show(entry.field, entry.oldValue)} to ${show(
    entry.field,
    entry.newValue,
  )}`;
}

/** Who changed what and when, newest first. */
export function TaskActivityTimeline(props: { activity: TaskActivity[] }) {
  const entries = [...props.activity].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
  if (!entries.length) {
    return <Typography color="textSecondary">No activity yet.</Typography>;
  }
  return (
    <Timeline align="left" aria-label="Activity">
      {entries.map((entry, index) => (
        <TimelineItem key={entry.id}>
          <TimelineOppositeContent style={{ flex: 0.3 }}>
            <Typography variant="caption" color="textSecondary">
              {formatDateTime(entry.createdAt)}
            </Typography>
          </TimelineOppositeContent>
          <TimelineSeparator>
            <TimelineDot
              color={entry.action === 'created' ? 'primary' : 'grey'}
            />
            {index < entries.length - 1 && <TimelineConnector />}
          </TimelineSeparator>
          <TimelineContent>
            <Typography variant="body2" data-testid="activity-entry">
              <EntityRefLink entityRef={entry.actor} hideIcon />{' '}
              {describe(entry)}
            </Typography>
          </TimelineContent>
        </TimelineItem>
      ))}
    </Timeline>
  );
}
