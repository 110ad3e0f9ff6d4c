import { mockApis } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { describeError } from './describeError';
import { EnvironmentsClient } from './EnvironmentsClient';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function errorBody(status: number, name: string, message: string) {
  return {
    error: { name, message },
    request: { method: 'POST', url: '/x' },
    response: { statusCode: status },
  };
}

function setup(response: () => Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) =>
    response(),
  );
  const client = new EnvironmentsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage:7007' }),
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

const base = 'http://backstage:7007/api/environments';

describe('EnvironmentsClient', () => {
  it('lists environments with owner, status and cursor as query parameters', async () => {
    const { client, fetch } = setup(() => jsonResponse(200, { items: [] }));
    await client.listEnvironments({
      owner: 'group:default/platform',
      status: 'ready',
      cursor: 'abc',
    });
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.origin + url.pathname).toBe(`${base}/environments`);
    expect(url.searchParams.get('owner')).toBe('group:default/platform');
    expect(url.searchParams.get('status')).toBe('ready');
    expect(url.searchParams.get('cursor')).toBe('abc');
    expect(url.searchParams.has('limit')).toBe(false);
  });

  it('reads events after a cursor', async () => {
    const { client, fetch } = setup(() =>
      jsonResponse(200, { items: [], nextSince: 41, operation: {} }),
    );
    const page = await client.getOperationEvents('op 1', {
      since: 41,
      limit: 1000,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      `${base}/operations/op%201/events?since=41&limit=1000`,
    );
    expect(page.nextSince).toBe(41);
  });

  it('starts reading events from 0', async () => {
    const { client, fetch } = setup(() =>
      jsonResponse(200, { items: [], nextSince: 0, operation: {} }),
    );
    await client.getOperationEvents('op-1');
    expect(fetch.mock.calls[0][0]).toBe(
      `${base}/operations/op-1/events?since=0`,
    );
  });

  it('destroys with the typed name and an idempotency key as JSON', async () => {
    const { client, fetch } = setup(() =>
      jsonResponse(202, { environment: {}, operation: {} }),
    );
    await client.destroy('staging', {
      confirm: 'staging',
      idempotencyKey: 'k1',
    });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${base}/environments/staging/destroy`);
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe(
      'application/json',
    );
    expect(JSON.parse(init?.body as string)).toEqual({
      confirm: 'staging',
      idempotencyKey: 'k1',
    });
  });

  it('retries with a POST to the environment', async () => {
    const { client, fetch } = setup(() =>
      jsonResponse(202, { environment: {}, operation: { id: 'op-2' } }),
    );
    const res = await client.retry('staging');
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${base}/environments/staging/retry`);
    expect(init?.method).toBe('POST');
    expect(res.operation.id).toBe('op-2');
  });

  it('lists operations and unwraps the items', async () => {
    const { client, fetch } = setup(() =>
      jsonResponse(200, { items: [{ id: 'op-2' }, { id: 'op-1' }] }),
    );
    const ops = await client.listOperations('staging');
    expect(fetch.mock.calls[0][0]).toBe(
      `${base}/environments/staging/operations`,
    );
    expect(ops.map(o => o.id)).toEqual(['op-2', 'op-1']);
  });

  it('lists the targets (accounts and their regions) and unwraps the items', async () => {
    const items = [
      { accountId: '111111111111', title: 'Sandbox', regions: ['eu-west-1'] },
      { accountId: '222222222222', regions: ['us-east-1', 'us-west-2'] },
    ];
    const { client, fetch } = setup(() => jsonResponse(200, { items }));
    await expect(client.listTargets()).resolves.toEqual(items);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${base}/targets`);
    expect(init?.method).toBe('GET');
  });

  it('surfaces a failing targets read with the backend message', async () => {
    const { client } = setup(() =>
      jsonResponse(401, errorBody(401, 'AuthenticationError', 'no token')),
    );
    const error = await client.listTargets().catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(describeError(error)).toBe('no token');
  });

  it('asks the backend to warm the deployer with a POST', async () => {
    const { client, fetch } = setup(() => jsonResponse(202, {}));
    await expect(client.warmDeployer()).resolves.toBeUndefined();
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${base}/deployer/warm`);
    expect(init?.method).toBe('POST');
  });

  it('answers undefined when no plan was recorded (404)', async () => {
    const { client } = setup(() =>
      jsonResponse(404, errorBody(404, 'NotFoundError', 'no plan')),
    );
    await expect(client.getLastPlan('staging')).resolves.toBeUndefined();
  });

  it('surfaces other errors as ResponseError with the backend message', async () => {
    const { client } = setup(() =>
      jsonResponse(
        400,
        errorBody(
          400,
          'InputError',
          'confirm: must repeat the environment name',
        ),
      ),
    );
    const error = await client
      .destroy('staging', { confirm: 'stagin' })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(400);
    expect(describeError(error)).toBe(
      'confirm: must repeat the environment name',
    );
  });

  it('does not swallow a failing plan read', async () => {
    const { client } = setup(() =>
      jsonResponse(503, errorBody(503, 'ServiceUnavailableError', 'db down')),
    );
    await expect(client.getLastPlan('staging')).rejects.toThrow(/db down|503/);
  });
});
