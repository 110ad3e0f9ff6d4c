import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import net from 'node:net';
import metricsServiceFactory from '@taskplatform/backend-metrics';
import { tasksPlugin } from '../plugin';
import { entities } from './startTasksBackend';

/** A static service token accepted by {@link startRealBackend}. */
export const STATIC_TOKEN = 'tasks-test-static-token-0123456789';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real backend (`createBackend` with the default root HTTP router
 * replaced by the metrics one) with the tasks plugin on a free port. Calls
 * authenticate with `Authorization: Bearer ${STATIC_TOKEN}`. Catalog,
 * signals and notifications are test doubles; permissions allow all.
 */
export async function startRealBackend(options: {
  database: JsonObject;
  metricsPort?: number;
}) {
  const port = await freePort();
  const metricsPort = options.metricsPort ?? (await freePort());
  const backend = createBackend();
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl: `http://127.0.0.1:${port}`,
          listen: { port, host: '127.0.0.1' },
          database: options.database,
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: STATIC_TOKEN, subject: 'tests' },
              },
            ],
          },
        },
        metrics: { port: metricsPort, host: '127.0.0.1' },
      },
    }),
  );
  backend.add(metricsServiceFactory);
  backend.add(mockServices.permissions.factory());
  backend.add(catalogServiceMock.factory({ entities }));
  backend.add(
    createServiceFactory({
      service: signalsServiceRef,
      deps: {},
      factory: () => ({ publish: async () => {} }),
    }),
  );
  backend.add(
    createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => ({ send: async () => {} }),
    }),
  );
  backend.add(tasksPlugin);
  await backend.start();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    metricsPort,
    stop: () => backend.stop(),
  };
}
