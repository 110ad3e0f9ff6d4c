import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TaskStats } from '@taskplatform/plugin-tasks-common';

/** Running totals of created and completed tasks, week by week. */
export function burnUpData(perWeek: TaskStats['perWeek']) {
  let created = 0;
  let completed = 0;
  return perWeek.map(week => {
    created += week.created;
    completed += week.completed;
    return {
      week: week.week,
      created,
      completed,
      createdThisWeek: week.created,
      completedThisWeek: week.completed,
    };
  });
}

/** Burn-up: created (scope) vs completed per week, cumulative. */
export function BurnUpChart(props: { stats: TaskStats; height?: number }) {
  const { stats, height = 220 } = props;
  const data = burnUpData(stats.perWeek);
  const last = data[data.length - 1];
  const summary = last
    ? `Over ${data.length} weeks: ${last.created} created, ${last.completed} completed.`
    : 'No data.';
  return (
    <div
      role="img"
      aria-label={`Created versus completed per week. ${summary}`}
    >
      <ResponsiveContainer width="100%" height={height}>
        <LineChart
          data={data}
          margin={{ top: 8, right: 8, left: -16, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line
            type="monotone"
            dataKey="created"
            name="Created (total)"
            stroke="#1976d2"
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="completed"
            name="Completed (total)"
            stroke="#2e7d32"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
