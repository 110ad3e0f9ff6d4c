import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthenticationError } from '@backstage/errors';
import request from 'supertest';
import { cachedHttpAuthServiceFactory } from './cachedHttpAuthServiceFactory';
import { whoamiPlugin } from './__testUtils__/whoamiPlugin';

const whoami = whoamiPlugin('whoami', 'user');

/** The backend's auth service, counting the tokens it verifies. */
function countingAuth(calls: string[]) {
  return createServiceFactory({
    service: coreServices.auth,
    deps: {},
    factory: () => ({
      ...mockServices.auth.mock(),
      isPrincipal: ((credentials: any, type: string) =>
        credentials.principal.type === type) as any,
      authenticate: async (token: string) => {
        calls.push(token);
        if (!token.startsWith('good-'))
          throw new AuthenticationError('Illegal token');
        return {
          $$type: '@backstage/BackstageCredentials',
          principal: { type: 'user', userEntityRef: `user:default/${token}` },
          expiresAt: new Date(Date.now() + 3_600_000),
        } as any;
      },
    }),
  });
}

describe('cachedHttpAuthServiceFactory', () => {
  it('verifies a user token once for many requests, through the HTTP router barrier and the plugin', async () => {
    const calls: string[] = [];
    const { server } = await startTestBackend({
      features: [whoami, countingAuth(calls), cachedHttpAuthServiceFactory],
    });
    for (let i = 0; i < 3; i++) {
      const res = await request(server)
        .get('/api/whoami/whoami')
        .set('Authorization', 'Bearer good-alice');
      expect(res.body).toMatchObject({
        type: 'user',
        userEntityRef: 'user:default/good-alice',
      });
    }
    expect(calls).toEqual(['good-alice']);

    // a bad token is refused every time, never remembered
    for (let i = 0; i < 2; i++) {
      const res = await request(server)
        .get('/api/whoami/whoami')
        .set('Authorization', 'Bearer forged');
      expect(res.status).toBe(401);
    }
    expect(calls).toEqual(['good-alice', 'forged', 'forged']);
  });

  it('verifies every request with authTokenCache.seconds: 0', async () => {
    const calls: string[] = [];
    const { server } = await startTestBackend({
      features: [
        whoami,
        countingAuth(calls),
        cachedHttpAuthServiceFactory,
        mockServices.rootConfig.factory({
          data: { authTokenCache: { seconds: 0 } },
        }),
      ],
    });
    for (let i = 0; i < 2; i++) {
      await request(server)
        .get('/api/whoami/whoami')
        .set('Authorization', 'Bearer good-bob')
        .expect(200);
    }
    expect(calls).toEqual(['good-bob', 'good-bob']);
  });
});
