import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { makeStyles } from '@material-ui/core/styles';
import {
  EmptyState,
  InfoCard,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type {
  Operation,
  OperationEvent,
} from '@taskplatform/plugin-environments-common';
import { describeError } from '../../../api';
import { formatDateTime } from '../../shared/format';
import { EnvironmentStatusLabel } from '../../shared/EnvironmentStatusLabel';
import { groupOperationEvents } from './groupOperationEvents';
import { StackSection } from './StackSection';

const useStyles = makeStyles(theme => ({
  progress: { height: 8, borderRadius: 4, margin: theme.spacing(1, 0, 2) },
}));

/**
 * The timeline of one operation: a progress count of resources done out of
 * planned, then each stack with its resources and their latest status.
 */
export function OperationTimeline(props: {
  operation?: Operation;
  events: OperationEvent[];
  loading: boolean;
  error?: Error;
}) {
  const classes = useStyles();
  const { operation, events, loading, error } = props;
  const progress = groupOperationEvents(events);
  const planned = Math.max(operation?.resourcesPlanned ?? 0, progress.seen);
  const percent = planned ? Math.round((progress.done / planned) * 100) : 0;
  const active =
    operation?.status === 'running' || operation?.status === 'queued';

  const renderBody = () => {
    if (error && events.length === 0) {
      return (
        <ResponseErrorPanel
          error={error}
          title={`Could not load the events: ${describeError(error)}`}
        />
      );
    }
    if (loading && events.length === 0) {
      return (
        <div data-testid="timeline-loading">
          <Skeleton variant="text" width="40%" />
          <Skeleton variant="rect" height={120} />
        </div>
      );
    }
    if (!operation) {
      return (
        <EmptyState
          missing="data"
          title="No operation yet"
          description="Deploys, updates and destroys of this environment show up here as they run."
        />
      );
    }
    return (
      <>
        <Box display="flex" alignItems="baseline" flexWrap="wrap" gridGap={16}>
          <Typography variant="h6" component="p">
            {operation.kind}
          </Typography>
          <EnvironmentStatusLabel status={operation.status} />
          <Typography
            variant="body1"
            component="p"
            data-testid="operation-progress"
            aria-live="polite"
          >
            {progress.done} / {planned} resources done
            {progress.failed > 0 && `, ${progress.failed} failed`}
          </Typography>
          <Typography variant="body2" color="textSecondary" component="p">
            started {formatDateTime(operation.startedAt ?? operation.createdAt)}
            {operation.finishedAt &&
              `, finished ${formatDateTime(operation.finishedAt)}`}
          </Typography>
        </Box>
        <LinearProgress
          className={classes.progress}
          variant={active && planned === 0 ? 'indeterminate' : 'determinate'}
          value={percent}
          color={operation.status === 'failed' ? 'secondary' : 'primary'}
          aria-label={`Progress: ${progress.done} of ${planned} resources done`}
        />
        {progress.stacks.length === 0 ? (
          <Typography color="textSecondary">
            {active
              ? 'Waiting for the first CloudFormation event…'
              : 'This operation recorded no events.'}
          </Typography>
        ) : (
          progress.stacks.map(stack => (
            <StackSection key={stack.stack} stack={stack} />
          ))
        )}
      </>
    );
  };

  return (
    <InfoCard title="Operation timeline" noPadding={false}>
      <div data-testid="operation-timeline">{renderBody()}</div>
    </InfoCard>
  );
}
