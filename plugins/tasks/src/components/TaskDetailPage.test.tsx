import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { TaskConflictError } from '../api';
import { makeTask, mockTasksApi, renderWithTasksApi } from '../__testUtils__';
import { changedFields, TaskDetailPage } from './TaskDetailPage';

jest.setTimeout(30_000);

async function conflictError() {
  const response = new Response(
    JSON.stringify({
      error: { name: 'ConflictError', message: 'version 3 is stale' },
      request: { method: 'PATCH', url: '/tasks/x' },
      response: { statusCode: 409 },
    }),
    { status: 409, headers: { 'Content-Type': 'application/json' } },
  );
  return new TaskConflictError(await ResponseError.fromResponse(response));
}

async function renderDetail(tasksApi: ReturnType<typeof mockTasksApi>) {
  await renderWithTasksApi(<TaskDetailPage taskId="t1" />, { tasksApi });
}

describe('TaskDetailPage', () => {
  it('saves only the changed fields with the version that was read', async () => {
    const task = makeTask({ id: 't1', title: 'Old title', version: 3 });
    const tasksApi = mockTasksApi({
      getTask: jest.fn().mockResolvedValue(task),
      updateTask: jest
        .fn()
        .mockResolvedValue({ ...task, title: 'New title', version: 4 }),
    });
    await renderDetail(tasksApi);
    const title = await screen.findByLabelText(/Title/);
    await userEvent.clear(title);
    await userEvent.type(title, 'New title');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(tasksApi.updateTask).toHaveBeenCalledWith('t1', 3, {
        title: 'New title',
      }),
    );
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    // Saving reloads the activity; let that request settle.
    await waitFor(() => expect(tasksApi.listActivity).toHaveBeenCalledTimes(2));
  });

  it('shows a conflict message on 409, keeps the edit, and reloads on demand', async () => {
    const stale = makeTask({ id: 't1', title: 'Original', version: 3 });
    const fresh = makeTask({
      id: 't1',
      title: 'Changed elsewhere',
      version: 4,
    });
    const tasksApi = mockTasksApi({
      getTask: jest.fn().mockResolvedValueOnce(stale).mockResolvedValue(fresh),
      updateTask: jest.fn().mockRejectedValue(await conflictError()),
    });
    await renderDetail(tasksApi);
    const title = await screen.findByLabelText(/Title/);
    await userEvent.clear(title);
    await userEvent.type(title, 'My edit');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByText(/changed by someone else/);
    expect(alert).toBeInTheDocument();
    // Nothing was overwritten and the user's text is still there.
    expect(screen.getByLabelText(/Title/)).toHaveValue('My edit');

    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/Title/)).toHaveValue('Changed elsewhere'),
    );
    expect(
      screen.queryByText(/changed by someone else/),
    ).not.toBeInTheDocument();
  });

  it('adds a comment and shows the activity timeline', async () => {
    const tasksApi = mockTasksApi({
      getTask: jest.fn().mockResolvedValue(makeTask({ id: 't1' })),
      listActivity: jest.fn().mockResolvedValue([
        {
          id: 'a1',
          taskId: 't1',
          actor: 'user:default/jane',
          action: 'updated',
          field: 'status',
          oldValue: 'todo',
          newValue: 'in_progress',
          createdAt: '2026-11-21T10:00:00.000Z',
        },
      ]),
      addComment: jest.fn().mockResolvedValue({
        id: 'c1',
        taskId: 't1',
        author: 'user:default/jane',
        body: 'Looks good',
        createdAt: '2026-11-22T10:00:00.000Z',
      }),
    });
    await renderDetail(tasksApi);
    expect(
      await screen.findByText(/changed status from To do to In progress/),
    ).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Add a comment'), 'Looks good');
    await userEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect(tasksApi.addComment).toHaveBeenCalledWith('t1', 'Looks good');
    await waitFor(() => expect(tasksApi.listComments).toHaveBeenCalledTimes(2));
  });

  it('shows the error panel when the task cannot be loaded', async () => {
    const tasksApi = mockTasksApi({
      getTask: jest.fn().mockRejectedValue(new Error('Task not found')),
    });
    await renderDetail(tasksApi);
    expect(
      await screen.findByText(/Could not load the task/),
    ).toBeInTheDocument();
  });
});

describe('changedFields', () => {
  it('returns only what differs, trimming the title', () => {
    const task = makeTask({ labels: ['a'], dueDate: null });
    expect(
      changedFields(task, {
        title: ` ${task.title} `,
        description: task.description,
        status: 'done',
        priority: task.priority,
        assignee: null,
        entityRef: task.entityRef,
        labels: ['a', 'b'],
        dueDate: null,
      }),
    ).toEqual({ status: 'done', assignee: null, labels: ['a', 'b'] });
  });
});
