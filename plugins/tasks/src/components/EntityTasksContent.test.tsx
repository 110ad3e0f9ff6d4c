import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { makeTask, mockTasksApi, renderWithTasksApi } from '../__testUtils__';
import { EntityTasksContent } from './EntityTasksContent';
import { EntityTasksCard } from './TasksStatusCard';

jest.setTimeout(30_000);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web', namespace: 'default' },
  spec: { type: 'website', lifecycle: 'production', owner: 'team-a' },
};

async function render(
  element: JSX.Element,
  tasksApi: ReturnType<typeof mockTasksApi>,
) {
  await renderWithTasksApi(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    { tasksApi },
  );
}

describe('EntityTasksContent', () => {
  it("lists the entity's tasks and creates one pre-filled with the entity", async () => {
    const tasksApi = mockTasksApi({
      listTasks: jest
        .fn()
        .mockResolvedValue({ items: [makeTask({ title: 'Fix the build' })] }),
    });
    await render(<EntityTasksContent />, tasksApi);
    expect(await screen.findByText('Fix the build')).toBeInTheDocument();
    expect(tasksApi.listTasks).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/web' }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: /Create task/ }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Create task');
    await userEvent.type(screen.getByLabelText(/Title/), 'From the entity');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(tasksApi.createTask).toHaveBeenCalledWith(
        expect.objectContaining({
          title: 'From the entity',
          entityRef: 'component:default/web',
        }),
      ),
    );
    // The dialog closes and the list reloads.
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    await waitFor(() => expect(tasksApi.listTasks).toHaveBeenCalledTimes(2));
  });
});

describe('EntityTasksCard', () => {
  it('summarises the open tasks of the entity', async () => {
    const tasksApi = mockTasksApi({
      getStats: jest.fn().mockResolvedValue({
        byStatus: { todo: 2, in_progress: 1, blocked: 1, done: 5 },
        byAssignee: [],
        perWeek: [],
      }),
    });
    await render(<EntityTasksCard />, tasksApi);
    expect(
      await screen.findByText('4 open task(s), 5 done'),
    ).toBeInTheDocument();
    expect(tasksApi.getStats).toHaveBeenCalledWith({
      entityRef: 'component:default/web',
    });
    expect(
      screen.getByRole('img', { name: /To do: 2, In progress: 1, Blocked: 1/ }),
    ).toBeInTheDocument();
  });
});
