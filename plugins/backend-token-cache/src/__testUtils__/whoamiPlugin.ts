import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import express from 'express';

/**
 * A test plugin whose `GET /whoami` answers with the caller's principal
 * as the backend's `httpAuth` reads it, accepting only `allow` callers.
 */
export function whoamiPlugin(pluginId: string, allow: 'user' | 'service') {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: {
          router: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ router, httpAuth }) {
          const r = express.Router();
          r.get('/whoami', async (req, res) => {
            const { principal } = await httpAuth.credentials(req, {
              allow: [allow],
            });
            res.json(principal);
          });
          router.use(r);
        },
      });
    },
  });
}
