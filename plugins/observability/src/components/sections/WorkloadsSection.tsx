import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Table, type TableColumn } from '@backstage/core-components';
import { useDeferredValue, useMemo } from 'react';
import type { ClusterWorkloads, KubePod } from '../../api/types';
import {
  podProblems,
  rolloutState,
  type RolloutSummary,
} from '../../entity/clusterHealth';
import type { ClusterWorkloadsState } from '../../hooks/useClusterWorkloads';
import { SourceView } from '../SourceView';

interface PodRow {
  id: string;
  name: string;
  phase: string;
  ready: string;
  restarts: number;
  problems: string;
}

function podRow(pod: KubePod): PodRow {
  const statuses = pod.status?.containerStatuses ?? [];
  return {
    id: pod.metadata.uid ?? pod.metadata.name,
    name: pod.metadata.name,
    phase: pod.status?.phase ?? 'Unknown',
    ready: `${statuses.filter(c => c.ready).length}/${statuses.length}`,
    restarts: statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0),
    problems: podProblems(pod)
      .map(p => `${p.kind}: ${p.detail}`)
      .join('; '),
  };
}

const deploymentColumns: TableColumn<RolloutSummary & { id: string }>[] = [
  { title: 'Deployment', field: 'name' },
  { title: 'Rollout', field: 'state' },
  {
    title: 'Ready / desired',
    render: r => `${r.ready}/${r.desired}`,
  },
  { title: 'Updated', field: 'updated' },
  { title: 'Available', field: 'available' },
];

const podColumns: TableColumn<PodRow>[] = [
  { title: 'Pod', field: 'name' },
  { title: 'Phase', field: 'phase' },
  { title: 'Ready', field: 'ready' },
  { title: 'Restarts', field: 'restarts' },
  { title: 'Problems', field: 'problems' },
];

function ClusterWorkloadsView(props: { workloads: ClusterWorkloads }) {
  const { workloads } = props;
  const deployments = useMemo(
    () =>
      workloads.deployments.map(d => ({
        ...rolloutState(d),
        id: d.metadata.name,
      })),
    [workloads],
  );
  // Pods with problems first, so they are on the first page.
  const pods = useMemo(
    () =>
      workloads.pods
        .map(podRow)
        .sort((a, b) => Number(!a.problems) - Number(!b.problems)),
    [workloads],
  );
  return (
    <>
      <Table
        title="Deployments"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={deploymentColumns}
        data={deployments}
      />
      <Table
        title={`Pods (${pods.length})`}
        options={{
          paging: pods.length > 10,
          pageSize: 10,
          search: pods.length > 10,
          padding: 'dense',
        }}
        columns={podColumns}
        data={pods}
      />
    </>
  );
}

/** One card per cluster with its deployments and pods. */
export function WorkloadsSection(props: { workloads: ClusterWorkloadsState }) {
  // The tables (up to hundreds of pods) render after the health strip.
  const workloads = useDeferredValue(props.workloads);
  return (
    <SourceView
      source="Kubernetes clusters"
      state={workloads.clusters}
      isEmpty={list => list.length === 0}
      empty="No Kubernetes clusters are configured."
    >
      {clusters => (
        <Grid container spacing={2}>
          {clusters.map(cluster => (
            <Grid item xs={12} key={cluster.name}>
              <InfoCard title={`Workloads in ${cluster.title ?? cluster.name}`}>
                <SourceView
                  source={`Cluster ${cluster.name}`}
                  state={
                    workloads.byCluster[cluster.name] ?? { status: 'loading' }
                  }
                  isEmpty={w =>
                    w.deployments.length === 0 && w.pods.length === 0
                  }
                  empty="No workloads of this entity in this cluster."
                >
                  {value => <ClusterWorkloadsView workloads={value} />}
                </SourceView>
              </InfoCard>
            </Grid>
          ))}
          {clusters.length > 0 && (
            <Grid item xs={12}>
              <Typography variant="caption" color="textSecondary">
                Each cluster is asked separately; one that is slow or down only
                affects its own card.
              </Typography>
            </Grid>
          )}
        </Grid>
      )}
    </SourceView>
  );
}
