import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import techdocsPrebuildModule from './techdocsPrebuild';

/** A techdocs plugin whose sync answers 404 (entity not in the catalog yet) twice, then builds. */
function fakeTechdocs(calls: string[]) {
  return createBackendPlugin({
    pluginId: 'techdocs',
    register(reg) {
      reg.registerInit({
        deps: { http: coreServices.httpRouter },
        async init({ http }) {
          http.use((req, res, next) => {
            const match = req.path.match(/^\/sync\/([^/]+)\/([^/]+)\/([^/]+)$/);
            if (!match) {
              next();
              return;
            }
            const [, namespace, kind, name] = match;
            calls.push(`${kind}:${namespace}/${name}`);
            if (calls.length < 3) {
              res.status(404).json({ error: { name: 'NotFoundError' } });
              return;
            }
            res.type('text/event-stream');
            res.end(
              'event: log\ndata: "building"\n\nevent: finish\ndata: {"updated":true}\n\n',
            );
          });
        },
      });
    },
  });
}

describe('techdocsPrebuildModule', () => {
  it('builds the configured docs at start-up, waiting for the catalog', async () => {
    const calls: string[] = [];
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            techdocs: {
              prebuild: { entities: ['system:default/task-platform'] },
            },
          },
        }),
        logger.factory,
        fakeTechdocs(calls),
        techdocsPrebuildModule,
      ],
    });
    try {
      for (let i = 0; i < 100 && !logger.info.mock.calls.length; i++) {
        await new Promise(r => setTimeout(r, 100));
      }
      expect(calls).toEqual([
        'system:default/task-platform',
        'system:default/task-platform',
        'system:default/task-platform',
      ]);
      expect(logger.info).toHaveBeenCalledWith(
        'Built the docs of system:default/task-platform',
      );
      expect(logger.warn).not.toHaveBeenCalled();
    } finally {
      await backend.stop();
    }
  });
});
