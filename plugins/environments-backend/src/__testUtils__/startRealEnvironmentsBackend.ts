import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import net from 'node:net';
import { createEnvironmentsPlugin } from '../plugin';
import { FakeCloud } from './FakeCloudDeployer';

/** A static service token accepted by {@link startRealEnvironmentsBackend}. */
export const STATIC_TOKEN = 'environments-test-static-token-0123456789';

/** A TCP port nothing listens on now. */
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
 * A real backend (`createBackend`, real HTTP server, static-token auth,
 * permission checks allowing all) with the environments plugin on a free
 * port. The deployer is the in-memory test cloud; signals are dropped.
 */
export async function startRealEnvironmentsBackend(options: {
  database: JsonObject;
}) {
  const port = await freePort();
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
                options: { token: STATIC_TOKEN, subject: 'bench' },
              },
            ],
          },
        },
        environments: {
          accounts: [{ accountId: '123456789012', regions: ['us-east-1'] }],
        },
      },
    }),
  );
  backend.add(mockServices.permissions.factory());
  backend.add(
    createServiceFactory({
      service: signalsServiceRef,
      deps: {},
      factory: () => ({ publish: async () => {} }),
    }),
  );
  const cloud = new FakeCloud(5);
  backend.add(createEnvironmentsPlugin({ deployer: () => cloud.deployer() }));
  await backend.start();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () => backend.stop(),
  };
}
