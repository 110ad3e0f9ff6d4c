import Grid from '@material-ui/core/Grid';
import Skeleton from '@material-ui/lab/Skeleton';
import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import type { TaskStats } from '@taskplatform/plugin-tasks-common';
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
  const body = (chart: (s: TaskStats) => JSX.Element) =>
    loading || !stats ? <Skeleton variant="rect" height={220} /> : chart(stats);
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={4}>
        <InfoCard title="Open tasks by status" noPadding={false}>
          {body(s => (
            <OpenTasksByStatusChart stats={s} />
          ))}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Created vs completed (burn-up)">
          {body(s => (
            <BurnUpChart stats={s} />
          ))}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Tasks per assignee">
          {body(s => (
            <TasksPerAssigneeChart stats={s} />
          ))}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
