import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TaskStats } from '@taskplatform/plugin-tasks-common';
import { shortRef } from '../EntityRefAutocomplete';

export function perAssigneeData(byAssignee: TaskStats['byAssignee']) {
  return byAssignee.map(row => ({
    name: row.assignee ? shortRef(row.assignee) : 'Unassigned',
    open: row.open,
    done: row.total - row.open,
  }));
}

/** Stacked bars of open and done tasks per assignee (top 20). */
export function TasksPerAssigneeChart(props: {
  stats: TaskStats;
  height?: number;
}) {
  const { stats, height = 220 } = props;
  const data = perAssigneeData(stats.byAssignee);
  const summary = data
    .slice(0, 5)
    .map(d => `${d.name}: ${d.open} open`)
    .join(', ');
  return (
    <div role="img" aria-label={`Tasks per assignee. ${summary}`}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 8, left: 16, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={90} />
          <Tooltip />
          <Legend />
          <Bar
            dataKey="open"
            name="Open"
            stackId="a"
            fill="#1976d2"
            isAnimationActive={false}
          />
          <Bar
            dataKey="done"
            name="Done"
            stackId="a"
            fill="#2e7d32"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
