import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { EnvironmentsApiClient } from './EnvironmentsApiClient';

function clientFor(baseUrl: string) {
  return new EnvironmentsApiClient({
    discovery: mockServices.discovery.mock({ getBaseUrl: async () => baseUrl }),
    auth: mockServices.auth(),
  });
}

const request = { preset: 'dev' as const, spec: { name: 'x' } };

describe('EnvironmentsApiClient', () => {
  it('says the environments API is unreachable when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise(r => server.close(r));

    const error = await clientFor(`http://127.0.0.1:${port}/api/environments`)
      .plan(request, mockCredentials.user())
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      `environments API POST /plan: unreachable at http://127.0.0.1:${port}/api/environments (ECONNREFUSED)`,
    );
  });

  it("passes on the API's own message of a 503", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { name: 'ServiceUnavailableError', message: 'database down' },
          response: { statusCode: 503 },
        }),
      );
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const error = await clientFor(`http://127.0.0.1:${port}`)
        .plan(request, mockCredentials.user())
        .catch(e => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toBe('environments API POST /plan: database down');
    } finally {
      await new Promise(r => server.close(r));
    }
  });
});
