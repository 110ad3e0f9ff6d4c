import { mockApis } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { describeError } from './describeError';
import { TaskConflictError } from './TaskConflictError';
import { TasksClient, toQueryString } from './TasksClient';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(response: () => Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) =>
    response(),
  );
  const client = new TasksClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage:7007' }),
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

describe('TasksClient', () => {
  it('sends filters, sort and cursor as query parameters', async () => {
    const { client, fetch } = setup(() => jsonResponse(200, { items: [] }));
    await client.listTasks({
      status: ['todo', 'blocked'],
      assignee: 'user:default/jane',
      q: 'database',
      sort: 'dueDate',
      order: 'asc',
      limit: 50,
      cursor: 'abc',
    });
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.origin + url.pathname).toBe(
      'http://backstage:7007/api/tasks/tasks',
    );
    expect(url.searchParams.getAll('status')).toEqual(['todo', 'blocked']);
    expect(url.searchParams.get('assignee')).toBe('user:default/jane');
    expect(url.searchParams.get('q')).toBe('database');
    expect(url.searchParams.get('sort')).toBe('dueDate');
    expect(url.searchParams.get('cursor')).toBe('abc');
  });

  it('drops empty query values', () => {
    expect(toQueryString({ a: undefined, b: '', c: [], d: 0 })).toBe('?d=0');
  });

  it('sends the version as If-Match when updating', async () => {
    const { client, fetch } = setup(() =>
      jsonResponse(200, { id: 't1', version: 8 }),
    );
    await client.updateTask('t1', 7, { status: 'done' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://backstage:7007/api/tasks/tasks/t1');
    expect(init?.method).toBe('PATCH');
    expect((init?.headers as Record<string, string>)['If-Match']).toBe('"7"');
    expect(JSON.parse(init?.body as string)).toEqual({ status: 'done' });
  });

  it.each([409, 412])(
    'maps a %i answer to a TaskConflictError',
    async status => {
      const { client } = setup(() =>
        jsonResponse(status, {
          error: { name: 'ConflictError', message: 'stale version' },
          request: { method: 'PATCH', url: '/tasks/t1' },
          response: { statusCode: status },
        }),
      );
      const error = await client
        .updateTask('t1', 1, { title: 'x' })
        .catch(e => e);
      expect(TaskConflictError.is(error)).toBe(true);
      expect(error.response.statusCode).toBe(status);
    },
  );

  it('surfaces other errors as ResponseError with the backend message', async () => {
    const { client } = setup(() =>
      jsonResponse(400, {
        error: { name: 'InputError', message: 'title: must not be empty' },
        request: { method: 'POST', url: '/tasks' },
        response: { statusCode: 400 },
      }),
    );
    const error = await client.createTask({ title: '' }).catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(TaskConflictError.is(error)).toBe(false);
    expect(describeError(error)).toBe('title: must not be empty');
  });
});
