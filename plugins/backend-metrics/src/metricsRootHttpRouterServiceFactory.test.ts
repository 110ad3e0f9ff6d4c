import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import net from 'node:net';
import { metricsRootHttpRouterServiceFactory } from './metricsRootHttpRouterServiceFactory';

jest.setTimeout(30_000);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const echoPlugin = createBackendPlugin({
  pluginId: 'echo',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = express.Router();
        router.get('/things/:id', (req, res) => {
          res.json({ id: req.params.id });
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

async function startBackend(metrics: object) {
  const port = await freePort();
  const backend = createBackend();
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl: `http://127.0.0.1:${port}`,
          listen: { port, host: '127.0.0.1' },
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
        metrics,
      },
    }),
  );
  backend.add(metricsRootHttpRouterServiceFactory);
  backend.add(echoPlugin);
  await backend.start();
  return { backend, baseUrl: `http://127.0.0.1:${port}` };
}

describe('metricsRootHttpRouterServiceFactory', () => {
  it('records every plugin route and serves /metrics on its own port only', async () => {
    const metricsPort = await freePort();
    const { backend, baseUrl } = await startBackend({
      port: metricsPort,
      host: '127.0.0.1',
    });
    try {
      expect((await fetch(`${baseUrl}/api/echo/things/42`)).status).toBe(200);
      expect((await fetch(`${baseUrl}/metrics`)).status).toBe(404);
      const text = await (
        await fetch(`http://127.0.0.1:${metricsPort}/metrics`)
      ).text();
      expect(text).toMatch(
        /^http_requests_total\{method="GET",route="\/api\/echo\/things\/:id",status="200"\} [1-9]/m,
      );
      expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    } finally {
      await backend.stop();
    }
  });

  it('serves nothing when metrics.enabled is false', async () => {
    const metricsPort = await freePort();
    const { backend, baseUrl } = await startBackend({
      enabled: false,
      port: metricsPort,
      host: '127.0.0.1',
    });
    try {
      expect((await fetch(`${baseUrl}/api/echo/things/1`)).status).toBe(200);
      await expect(
        fetch(`http://127.0.0.1:${metricsPort}/metrics`),
      ).rejects.toThrow();
    } finally {
      await backend.stop();
    }
  });
});
