import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import {
  countOpenTasks,
  type TaskStats,
} from '@taskplatform/plugin-tasks-common';
import { BurnUpChart } from './BurnUpChart';
import { OpenTasksByStatusChart } from './OpenTasksByStatusChart';
import { TasksPerAssigneeChart } from './TasksPerAssigneeChart';

/** The three dashboard charts of the Tasks page, fed by `GET /stats`. */
export function TaskCharts(props: {
  stats?: TaskStats;
  loading: boolean;
  error?: Error;
}) {
  const { stats, loading, error } = props;
  if (error)
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load task statistics"
      />
    );
  const body = (
    chart: (s: TaskStats) => JSX.Element,
    empty: { when: (s: TaskStats) => boolean; text: string },
  ) => {
    if (loading || !stats) return <Skeleton variant="rect" height={220} />;
    if (empty.when(stats)) {
      return (
        <Box
          height={220}
          display="flex"
          alignItems="center"
          justifyContent="center"
        >
          <Typography variant="body2" color="textSecondary">
            {empty.text}
          </Typography>
        </Box>
      );
    }
    return chart(stats);
  };
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={4}>
        <InfoCard title="Open tasks by status" noPadding={false}>
          {body(
            s => (
              <OpenTasksByStatusChart stats={s} />
            ),
            {
              when: s => countOpenTasks(s.byStatus) === 0,
              text: 'No open tasks.',
            },
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Created vs completed (burn-up)">
          {body(
            s => (
              <BurnUpChart stats={s} />
            ),
            {
              when: s => s.perWeek.every(w => w.created + w.completed === 0),
              text: 'No tasks created or completed in these weeks.',
            },
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Tasks per assignee">
          {body(
            s => (
              <TasksPerAssigneeChart stats={s} />
            ),
            {
              when: s => s.byAssignee.length === 0,
              text: 'No tasks yet.',
            },
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
