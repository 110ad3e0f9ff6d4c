import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { cachedPluginTokenHandlerFactory } from './cachedPluginTokenHandlerFactory';
import { whoamiPlugin } from './__testUtils__/whoamiPlugin';

/** A plugin that calls plugin `b` with a plugin token of its own. */
const caller = createBackendPlugin({
  pluginId: 'a',
  register(env) {
    env.registerInit({
      deps: {
        router: coreServices.httpRouter,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ router, auth, discovery }) {
        router.addAuthPolicy({ path: '/call', allow: 'unauthenticated' });
        const r = express.Router();
        r.get('/call', async (_req, res) => {
          const { token } = await auth.getPluginRequestToken({
            onBehalfOf: await auth.getOwnServiceCredentials(),
            targetPluginId: 'b',
          });
          const answer = await fetch(
            `${await discovery.getBaseUrl('b')}/whoami`,
            { headers: { authorization: `Bearer ${token}` } },
          );
          res.json({ token, status: answer.status, body: await answer.json() });
        });
        router.use(r);
      },
    });
  },
});

/** Plugin `b`, answering with the calling service's principal. */
const target = whoamiPlugin('b', 'service');

/** Three calls from `a` to `b` on a backend with Backstage's real auth services. */
async function threeCalls(seconds?: number) {
  const { server } = await startTestBackend({
    features: [
      caller,
      target,
      authServiceFactory,
      httpAuthServiceFactory,
      cachedPluginTokenHandlerFactory,
      mockServices.rootConfig.factory({
        data: seconds === undefined ? {} : { authTokenCache: { seconds } },
      }),
    ],
  });
  const answers = [];
  for (let i = 0; i < 3; i++) {
    answers.push((await request(server).get('/api/a/call').expect(200)).body);
  }
  return answers;
}

describe('cachedPluginTokenHandlerFactory', () => {
  it('reuses the token a plugin issues to another, which the target accepts each time', async () => {
    const answers = await threeCalls();
    for (const answer of answers) {
      expect(answer).toMatchObject({
        status: 200,
        body: { subject: 'plugin:a' },
      });
    }
    expect(new Set(answers.map(a => a.token)).size).toBe(1);
  });

  it('signs a token for every call with authTokenCache.seconds: 0', async () => {
    const answers = await threeCalls(0);
    for (const answer of answers) {
      expect(answer).toMatchObject({
        status: 200,
        body: { subject: 'plugin:a' },
      });
    }
    // ES256 signatures are randomized: three signings, three tokens
    expect(new Set(answers.map(a => a.token)).size).toBe(3);
  });
});
