import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  BulkUpdateTaskStatusRequest,
  BulkUpdateTaskStatusResponse,
  CreateTaskRequest,
  Task,
  TaskActivity,
  TaskActivityListResponse,
  TaskComment,
  TaskCommentListResponse,
  TaskListQuery,
  TaskListResponse,
  TaskStats,
  TaskStatsQuery,
  UpdateTaskRequest,
} from '@taskplatform/plugin-tasks-common';
import { TaskConflictError } from './TaskConflictError';
import type { TasksApi } from './TasksApi';

type QueryValue = string | number | boolean | string[] | undefined | null;

/** Builds a query string; arrays become repeated params, empty values are dropped. */
export function toQueryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      value.forEach(v => params.append(key, v));
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The {@link TasksApi} implementation that talks to the tasks backend
 * (`/api/tasks`) through the app's discovery and fetch APIs.
 *
 * @public
 */
export class TasksClient implements TasksApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listTasks(query: TaskListQuery = {}): Promise<TaskListResponse> {
    return this.request<TaskListResponse>(
      `/tasks${toQueryString({ ...query })}`,
    );
  }

  async getTask(id: string): Promise<Task> {
    return this.request<Task>(`/tasks/${encodeURIComponent(id)}`);
  }

  async createTask(request: CreateTaskRequest): Promise<Task> {
    return this.request<Task>('/tasks', { method: 'POST', body: request });
  }

  async updateTask(
    id: string,
    version: number,
    request: Omit<UpdateTaskRequest, 'version'>,
  ): Promise<Task> {
    try {
      return await this.request<Task>(`/tasks/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: request,
        headers: { 'If-Match': `"${version}"` },
      });
    } catch (error) {
      if (
        ResponseError.is(error) &&
        (error.statusCode === 409 || error.statusCode === 412)
      ) {
        throw new TaskConflictError(error);
      }
      throw error;
    }
  }

  async deleteTask(id: string): Promise<void> {
    await this.request<void>(`/tasks/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  async listComments(taskId: string): Promise<TaskComment[]> {
    return this.allPages<TaskComment, TaskCommentListResponse>(
      `/tasks/${encodeURIComponent(taskId)}/comments`,
    );
  }

  /** Follows `nextCursor` through every page (pages of 200). */
  private async allPages<T, R extends { items: T[]; nextCursor?: string }>(
    path: string,
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '200' });
      if (cursor) query.set('cursor', cursor);
      const res = await this.request<R>(`${path}?${query}`);
      items.push(...res.items);
      cursor = res.nextCursor;
    } while (cursor);
    return items;
  }

  async addComment(taskId: string, body: string): Promise<TaskComment> {
    return this.request<TaskComment>(
      `/tasks/${encodeURIComponent(taskId)}/comments`,
      { method: 'POST', body: { body } },
    );
  }

  async listActivity(taskId: string): Promise<TaskActivity[]> {
    return this.allPages<TaskActivity, TaskActivityListResponse>(
      `/tasks/${encodeURIComponent(taskId)}/activity`,
    );
  }

  async bulkUpdateStatus(
    request: BulkUpdateTaskStatusRequest,
  ): Promise<BulkUpdateTaskStatusResponse> {
    return this.request<BulkUpdateTaskStatusResponse>('/bulk-status', {
      method: 'POST',
      body: request,
    });
  }

  async getStats(query: TaskStatsQuery = {}): Promise<TaskStats> {
    return this.request<TaskStats>(`/stats${toQueryString({ ...query })}`);
  }

  private async request<T>(
    path: string,
    options: {
      method?: string;
      body?: unknown;
      headers?: Record<string, string>;
    } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('tasks');
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body:
        options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }
}
