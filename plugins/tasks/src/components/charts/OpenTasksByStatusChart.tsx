import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  OPEN_TASK_STATUSES,
  type TaskStats,
} from '@taskplatform/plugin-tasks-common';
import { statusColors, statusLabels } from '../taskMeta';

export function openByStatusData(stats: TaskStats) {
  return OPEN_TASK_STATUSES.map(status => ({
    status,
    name: statusLabels[status],
    count: stats.byStatus[status] ?? 0,
  }));
}

/** Bars of the open (not done) tasks per status. */
export function OpenTasksByStatusChart(props: {
  stats: TaskStats;
  height?: number;
}) {
  const { stats, height = 220 } = props;
  const data = openByStatusData(stats);
  const summary = data.map(d => `${d.name}: ${d.count}`).join(', ');
  return (
    <div role="img" aria-label={`Open tasks by status. ${summary}`}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={data}
          margin={{ top: 8, right: 8, left: -16, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="count" name="Open tasks" isAnimationActive={false}>
            {data.map(d => (
              <Cell key={d.status} fill={statusColors[d.status]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
