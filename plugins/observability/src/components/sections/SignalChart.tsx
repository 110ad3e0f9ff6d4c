import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { PrometheusSeries } from '../../api/types';

export type SignalUnit = 'req/s' | 'ratio' | 'seconds';

export function formatSignal(value: number, unit: SignalUnit): string {
  if (unit === 'ratio') return `${(value * 100).toFixed(2)} %`;
  if (unit === 'seconds') {
    return value < 1
      ? `${(value * 1000).toFixed(0)} ms`
      : `${value.toFixed(2)} s`;
  }
  return `${value.toFixed(2)} req/s`;
}

function seriesName(metric: Record<string, string>, index: number): string {
  const labels = Object.entries(metric)
    .filter(([k]) => k !== '__name__')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return labels || (index === 0 ? 'value' : `series ${index + 1}`);
}

/** A line chart of the series of one golden signal. */
export function SignalChart(props: {
  title: string;
  unit: SignalUnit;
  series: PrometheusSeries[];
  height?: number;
}) {
  const { title, unit, series, height = 200 } = props;
  const names = series.map((s, i) => seriesName(s.metric, i));
  // One row per timestamp, one column per series.
  const rows = new Map<number, Record<string, number>>();
  series.forEach((s, i) => {
    for (const [t, v] of s.values) {
      const row = rows.get(t) ?? { t };
      row[names[i]] = v;
      rows.set(t, row);
    }
  });
  const data = [...rows.values()].sort((a, b) => a.t - b.t);
  const latest = series.map((s, i) => {
    const last = s.values[s.values.length - 1];
    return `${names[i]} ${last ? formatSignal(last[1], unit) : 'no data'}`;
  });
  const points = series.reduce((n, s) => n + s.values.length, 0);
  return (
    <div
      role="img"
      aria-label={`${title}: ${points} points; latest ${latest.join('; ')}`}
    >
      <ResponsiveContainer width="100%" height={height}>
        <LineChart
          data={data}
          margin={{ top: 8, right: 8, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={t => new Date(t * 1000).toLocaleTimeString()}
          />
          <YAxis
            width={72}
            tickFormatter={v => formatSignal(Number(v), unit)}
          />
          <Tooltip
            labelFormatter={t => new Date(Number(t) * 1000).toLocaleString()}
            formatter={v => formatSignal(Number(v), unit)}
          />
          {names.map((name, i) => (
            <Line
              key={name}
              dataKey={name}
              name={name}
              dot={false}
              stroke={['#1f77b4', '#d62728', '#2ca02c', '#9467bd'][i % 4]}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
