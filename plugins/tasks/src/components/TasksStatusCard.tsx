import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import {
  EmptyState,
  InfoCard,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { countOpenTasks } from '@taskplatform/plugin-tasks-common';
import { tasksApiRef } from '../api';
import { REFETCH_THROTTLE_MS, useTasksSignal } from '../hooks/useTasksSignal';
import { rootRouteRef } from '../routes';
import { OpenTasksByStatusChart } from './charts/OpenTasksByStatusChart';

/** Open tasks by status, for everything or for one entity. */
export function TasksStatusContent(props: { entityRef?: string }) {
  const { entityRef } = props;
  const tasksApi = useApi(tasksApiRef);
  const stats = useAsyncRetry(
    () => tasksApi.getStats(entityRef ? { entityRef } : {}),
    [tasksApi, entityRef],
  );
  useTasksSignal(
    stats.retry,
    signal => (entityRef ? signal.entityRefs.includes(entityRef) : true),
    { throttleMs: REFETCH_THROTTLE_MS },
  );

  if (stats.error) {
    return (
      <ResponseErrorPanel error={stats.error} title="Could not load tasks" />
    );
  }
  if (!stats.value) {
    return <Skeleton variant="rect" height={200} />;
  }
  const { byStatus } = stats.value;
  const open = countOpenTasks(byStatus);
  if (open === 0) {
    return (
      <EmptyState
        missing="content"
        title="No open tasks"
        description={
          byStatus.done
            ? `All ${byStatus.done} task(s) are done.`
            : 'Nothing to do yet.'
        }
      />
    );
  }
  return (
    <Box>
      <Typography variant="body2" color="textSecondary">
        {open} open task(s), {byStatus.done} done
      </Typography>
      <OpenTasksByStatusChart stats={stats.value} height={200} />
    </Box>
  );
}

/** The entity overview card. */
export function EntityTasksCard() {
  const { entity } = useEntity();
  const rootLink = useRouteRef(rootRouteRef);
  return (
    <InfoCard
      title="Open tasks"
      deepLink={rootLink ? { title: 'All tasks', link: rootLink() } : undefined}
    >
      <TasksStatusContent entityRef={stringifyEntityRef(entity)} />
    </InfoCard>
  );
}
