import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../api/ObservabilityApi';
import { lokiExploreUrl } from '../entity/links';
import {
  OBSERVABILITY_ANNOTATIONS,
  observabilityTargets,
} from '../entity/observabilityTargets';
import {
  TIME_RANGES,
  timeWindow,
  type TimeRangeId,
} from '../entity/timeRanges';
import { useAfterHealth } from '../hooks/useAfterHealth';
import { useClusterWorkloads } from '../hooks/useClusterWorkloads';
import { MissingAnnotation } from './MissingAnnotation';
import { fromAsync } from './SourceView';
import { AlertsSection } from './sections/AlertsSection';
import { GoldenSignalsSection } from './sections/GoldenSignalsSection';
import { GrafanaSection } from './sections/GrafanaSection';
import { HealthStrip } from './sections/HealthStrip';
import { WorkloadsSection } from './sections/WorkloadsSection';

const A = OBSERVABILITY_ANNOTATIONS;

/** The entity's Observability tab. */
export function ObservabilityContent() {
  const { entity } = useEntity();
  const api = useApi(observabilityApiRef);
  const targets = useMemo(() => observabilityTargets(entity), [entity]);
  const [rangeId, setRangeId] = useState<TimeRangeId>('1h');
  const window = useMemo(() => timeWindow(rangeId), [rangeId]);
  const workloads = useClusterWorkloads(entity, targets.kubernetes);
  const alertsAsync = useAsync(
    async () =>
      targets.prometheusSelector
        ? api.getPrometheusAlerts(targets.prometheusSelector)
        : [],
    [api, targets.prometheusSelector],
  );
  const alerts = fromAsync(alertsAsync);
  const grafanaDomain = api.getGrafanaDomain();
  const secondary = useAfterHealth(targets.kubernetes ? workloads : undefined);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <HealthStrip
          workloads={targets.kubernetes ? workloads : undefined}
          alerts={targets.prometheusSelector ? alerts : undefined}
        />
      </Grid>

      <Grid item xs={12}>
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          <TextField
            select
            size="small"
            variant="outlined"
            label="Time range"
            value={rangeId}
            onChange={e => setRangeId(e.target.value as TimeRangeId)}
            SelectProps={{
              SelectDisplayProps: { 'aria-label': 'Time range' } as any,
            }}
          >
            {TIME_RANGES.map(r => (
              <MenuItem key={r.id} value={r.id}>
                {r.label}
              </MenuItem>
            ))}
          </TextField>
          {targets.logs && grafanaDomain && (
            <Link
              to={lokiExploreUrl({
                grafanaDomain,
                namespace: targets.logs.namespace,
                app: targets.logs.app,
                window,
              })}
            >
              Logs in Grafana Explore (Loki)
            </Link>
          )}
          {targets.logs && !grafanaDomain && (
            <Typography variant="caption" color="textSecondary">
              Set grafana.domain in app-config to link to the logs.
            </Typography>
          )}
        </Box>
      </Grid>

      <Grid item xs={12}>
        <Typography variant="h6" gutterBottom>
          Golden signals
        </Typography>
        {targets.prometheusSelector && !secondary && (
          <LinearProgress aria-label="Waiting for the health strip" />
        )}
        {targets.prometheusSelector && secondary && (
          <GoldenSignalsSection
            selector={targets.prometheusSelector}
            window={window}
          />
        )}
        {!targets.prometheusSelector && (
          <InfoCard title="Golden signals">
            <MissingAnnotation
              annotation={A.prometheusSelector}
              example={`'job="${entity.metadata.name}"'`}
              what="request rate, error rate and latency from Prometheus"
            />
          </InfoCard>
        )}
      </Grid>

      <Grid item xs={12}>
        <Typography variant="h6" gutterBottom>
          Alerts
        </Typography>
        {targets.prometheusSelector ? (
          <AlertsSection alerts={alerts} appBaseUrl={api.getAppBaseUrl()} />
        ) : (
          <InfoCard title="Alerts">
            <MissingAnnotation
              annotation={A.prometheusSelector}
              example={`'job="${entity.metadata.name}"'`}
              what="its firing and pending Prometheus alerts"
            />
          </InfoCard>
        )}
      </Grid>

      <Grid item xs={12}>
        <Typography variant="h6" gutterBottom>
          Workloads
        </Typography>
        {targets.kubernetes ? (
          <WorkloadsSection workloads={workloads} />
        ) : (
          <InfoCard title="Workloads">
            <MissingAnnotation
              annotation={A.kubernetesId}
              example={entity.metadata.name}
              what={`its pods, deployments and autoscalers (or use ${A.kubernetesLabelSelector})`}
            />
          </InfoCard>
        )}
      </Grid>

      <Grid item xs={12}>
        <Typography variant="h6" gutterBottom>
          Grafana
        </Typography>
        {secondary ? (
          <GrafanaSection
            dashboardSelector={targets.grafanaDashboardSelector}
            alertLabelSelector={targets.grafanaAlertLabelSelector}
          />
        ) : (
          <LinearProgress aria-label="Waiting for the health strip" />
        )}
      </Grid>
    </Grid>
  );
}
