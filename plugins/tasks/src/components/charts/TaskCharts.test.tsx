import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { emptyStats } from '../../__testUtils__';
import { TaskCharts } from './TaskCharts';

describe('TaskCharts', () => {
  it('says so instead of drawing empty axes when there is nothing to chart', async () => {
    await renderInTestApp(<TaskCharts stats={emptyStats} loading={false} />);
    expect(screen.getByText('No open tasks.')).toBeInTheDocument();
    expect(
      screen.getByText('No tasks created or completed in these weeks.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No tasks yet.')).toBeInTheDocument();
  });

  it('draws the charts when there are tasks', async () => {
    await renderInTestApp(
      <TaskCharts
        loading={false}
        stats={{
          byStatus: { todo: 2, in_progress: 1, blocked: 0, done: 3 },
          byAssignee: [{ assignee: 'user:default/jane', open: 3, total: 6 }],
          perWeek: [{ week: '2026-11-23', created: 6, completed: 3 }],
        }}
      />,
    );
    expect(screen.queryByText('No open tasks.')).not.toBeInTheDocument();
    expect(screen.queryByText('No tasks yet.')).not.toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Created versus completed per week. Over 1 weeks: 6 created, 3 completed.',
      }),
    ).toBeInTheDocument();
  });
});
