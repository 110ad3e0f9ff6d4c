import { act } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  catalogApiRef,
  entityRouteRef,
  type CatalogApi,
} from '@backstage/plugin-catalog-react';
import type { Task, TaskStats } from '@taskplatform/plugin-tasks-common';
import { tasksApiRef, type TasksApi } from '../api';
import { rootRouteRef } from '../routes';

/** A task with sensible defaults, for tests. */
export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: '6f1c1d7e-0000-4000-8000-000000000001',
    title: 'Rotate the database credentials',
    description: 'Use **Secrets Manager**',
    status: 'todo',
    priority: 'high',
    assignee: 'user:default/jane',
    createdBy: 'user:default/guest',
    entityRef: 'component:default/web',
    labels: ['security'],
    dueDate: '2026-12-01',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-21T10:00:00.000Z',
    completedAt: null,
    version: 3,
    ...overrides,
  };
}

export const emptyStats: TaskStats = {
  byStatus: { todo: 0, in_progress: 0, blocked: 0, done: 0 },
  byAssignee: [],
  perWeek: [],
};

/** A TasksApi whose every method is a jest mock (override as needed). */
export function mockTasksApi(
  overrides: Partial<jest.Mocked<TasksApi>> = {},
): jest.Mocked<TasksApi> {
  return {
    listTasks: jest.fn().mockResolvedValue({ items: [] }),
    getTask: jest.fn().mockResolvedValue(makeTask()),
    createTask: jest.fn().mockResolvedValue(makeTask()),
    updateTask: jest.fn().mockResolvedValue(makeTask()),
    deleteTask: jest.fn().mockResolvedValue(undefined),
    listComments: jest.fn().mockResolvedValue([]),
    addComment: jest.fn(),
    listActivity: jest.fn().mockResolvedValue([]),
    bulkUpdateStatus: jest.fn().mockResolvedValue({ updated: [], failed: [] }),
    getStats: jest.fn().mockResolvedValue(emptyStats),
    ...overrides,
  };
}

type ExtraApis = NonNullable<Parameters<typeof renderInTestApp>[1]>['apis'];

/**
 * Renders a component of this plugin in a test app: the Tasks and catalog
 * routes mounted, signed in as user:default/jane, with the given TasksApi and
 * a permission policy that allows (default) or denies everything.
 *
 * Resolves once the first render has settled: the requests it starts (the
 * mocked APIs answer at once) and the state updates that follow them happen
 * inside an async act(), as they would before a user could interact.
 */
export async function renderWithTasksApi(
  element: JSX.Element,
  options: {
    tasksApi: TasksApi;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    catalogApi?: Partial<CatalogApi>;
    apis?: ExtraApis;
  },
) {
  let result: ReturnType<typeof renderInTestApp> | undefined;
  await act(async () => {
    result = renderInTestApp(element, {
      mountedRoutes: {
        '/tasks': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      apis: [
        [tasksApiRef, options.tasksApi],
        [catalogApiRef, options.catalogApi ?? { queryEntities: jest.fn() }],
        mockApis.identity({ userEntityRef: 'user:default/jane' }),
        mockApis.permission({
          authorize: options.permission ?? AuthorizeResult.ALLOW,
        }),
        ...(options.apis ?? []),
      ],
    });
  });
  return result!;
}

/** A SignalApi whose messages a test publishes itself (inside act). */
export function fakeSignalApi() {
  const listeners = new Map<string, (message: any) => void>();
  return {
    subscribe: (channel: string, onMessage: (message: any) => void) => {
      listeners.set(channel, onMessage);
      return { unsubscribe: () => listeners.delete(channel) };
    },
    publish: (channel: string, message: any) =>
      act(() => listeners.get(channel)?.(message)),
  };
}
