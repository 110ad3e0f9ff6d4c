import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import type { PrometheusAlert } from '../../api/types';
import { clusterHealth, type ClusterHealth } from '../../entity/clusterHealth';
import type {
  ClusterWorkloadsState,
  SourceState,
} from '../../hooks/useClusterWorkloads';
import { SourceView } from '../SourceView';

const rolloutLabels = {
  complete: 'Rollout complete',
  progressing: 'Rolling out',
  degraded: 'Degraded',
  failed: 'Rollout failed',
};

function ClusterStrip(props: { health: ClusterHealth }) {
  const { health } = props;
  const { counts } = health;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8 }}>
      {health.rollouts.length === 0 && (
        <Typography variant="body2">No deployments</Typography>
      )}
      {health.rollouts.map(r => (
        <Chip
          key={r.name}
          size="small"
          color={r.state === 'complete' ? 'primary' : 'secondary'}
          label={`${r.name}: ${rolloutLabels[r.state]} · ${r.ready}/${
            r.desired
          } ready`}
        />
      ))}
      {health.hpas.map(h => (
        <Chip
          key={h.name}
          size="small"
          variant="outlined"
          label={`HPA ${h.name}: ${h.current} replicas (min ${h.min} / max ${h.max})`}
        />
      ))}
      <Chip
        size="small"
        variant="outlined"
        label={`CrashLoopBackOff ${counts.CrashLoopBackOff}`}
        color={counts.CrashLoopBackOff ? 'secondary' : 'default'}
      />
      <Chip
        size="small"
        variant="outlined"
        label={`OOMKilled ${counts.OOMKilled}`}
        color={counts.OOMKilled ? 'secondary' : 'default'}
      />
      <Chip
        size="small"
        variant="outlined"
        label={`Pending ${counts.Pending}`}
        color={counts.Pending ? 'secondary' : 'default'}
      />
      <Chip
        size="small"
        variant="outlined"
        label={`Restarts ${health.restarts}`}
      />
    </Box>
  );
}

/** One line per cluster: rollout, replicas, HPA, pod problems; and the firing alerts. */
export function HealthStrip(props: {
  workloads?: ClusterWorkloadsState;
  alerts?: SourceState<PrometheusAlert[]>;
}) {
  const { workloads, alerts } = props;
  const clusterNames =
    workloads?.clusters.status === 'ok'
      ? workloads.clusters.value.map(c => c.name)
      : [];
  return (
    <Paper variant="outlined" data-testid="health-strip">
      <Box p={2} display="flex" flexDirection="column" style={{ gap: 12 }}>
        {alerts && (
          <Box aria-label="Alerts health">
            <SourceView source="Prometheus alerts" state={alerts}>
              {list => {
                const firing = list.filter(a => a.state === 'firing').length;
                const pending = list.filter(a => a.state === 'pending').length;
                return (
                  <Chip
                    size="small"
                    color={firing ? 'secondary' : 'primary'}
                    label={`Firing alerts: ${firing}${
                      pending ? ` · pending ${pending}` : ''
                    }`}
                  />
                );
              }}
            </SourceView>
          </Box>
        )}
        {workloads && (
          <SourceView
            source="Kubernetes clusters"
            state={workloads.clusters}
            isEmpty={list => list.length === 0}
            empty="No Kubernetes clusters are configured."
          >
            {() =>
              clusterNames.map(name => (
                <ClusterHealthLine
                  key={name}
                  name={name}
                  state={workloads.byCluster[name] ?? { status: 'loading' }}
                />
              ))
            }
          </SourceView>
        )}
      </Box>
    </Paper>
  );
}

function ClusterHealthLine(props: {
  name: string;
  state: ClusterWorkloadsState['byCluster'][string];
}) {
  const { name, state } = props;
  const health = useMemo(
    () => (state.status === 'ok' ? clusterHealth(state.value) : undefined),
    [state],
  );
  return (
    <Box aria-label={`Health of cluster ${name}`} role="group">
      <Typography variant="subtitle2">{name}</Typography>
      <SourceView
        source={`Cluster ${name}`}
        state={state}
        isEmpty={w => w.deployments.length === 0 && w.pods.length === 0}
        empty="No workloads of this entity in this cluster."
      >
        {() => (health ? <ClusterStrip health={health} /> : null)}
      </SourceView>
    </Box>
  );
}
