import Grid from '@material-ui/core/Grid';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api/ObservabilityApi';
import { goldenSignalQueries } from '../../api/goldenSignalQueries';
import type { TimeWindow } from '../../entity/timeRanges';
import { fromAsync, SourceView } from '../SourceView';
import { SignalChart, type SignalUnit } from './SignalChart';

const SIGNALS: Array<{
  key: 'requestRate' | 'errorRate' | 'p95Latency' | 'p99Latency';
  title: string;
  unit: SignalUnit;
}> = [
  { key: 'requestRate', title: 'Request rate', unit: 'req/s' },
  { key: 'errorRate', title: 'Error rate', unit: 'ratio' },
  { key: 'p95Latency', title: 'p95 latency', unit: 'seconds' },
  { key: 'p99Latency', title: 'p99 latency', unit: 'seconds' },
];

function SignalCard(props: {
  title: string;
  unit: SignalUnit;
  query: string;
  window: TimeWindow;
}) {
  const { title, unit, query, window } = props;
  const api = useApi(observabilityApiRef);
  const state = useAsync(
    () =>
      api.queryPrometheusRange({
        query,
        start: window.start,
        end: window.end,
        step: window.step,
      }),
    [api, query, window.start, window.end, window.step],
  );
  return (
    <InfoCard title={title} subheader={<code>{query}</code>}>
      <SourceView
        source={`${title} (Prometheus)`}
        state={fromAsync(state)}
        isEmpty={series => series.every(s => s.values.length === 0)}
        empty="No data in this time range."
      >
        {series => <SignalChart title={title} unit={unit} series={series} />}
      </SourceView>
    </InfoCard>
  );
}

/** Request rate, error rate, p95 and p99 latency, each queried on its own. */
export function GoldenSignalsSection(props: {
  selector: string;
  window: TimeWindow;
}) {
  const { selector, window } = props;
  const queries = useMemo(() => {
    try {
      return goldenSignalQueries(selector, { rateWindow: window.rateWindow });
    } catch (e) {
      return e as Error;
    }
  }, [selector, window.rateWindow]);
  if (queries instanceof Error) {
    return (
      <SourceView
        source="Golden signals"
        state={{ status: 'error', error: queries }}
      >
        {() => null}
      </SourceView>
    );
  }
  return (
    <Grid container spacing={2}>
      {SIGNALS.map(signal => (
        <Grid item xs={12} md={6} key={signal.key}>
          <SignalCard
            title={signal.title}
            unit={signal.unit}
            query={queries[signal.key]}
            window={window}
          />
        </Grid>
      ))}
    </Grid>
  );
}
