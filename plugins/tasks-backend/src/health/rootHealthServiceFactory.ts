import {
  coreServices,
  createServiceFactory,
  RootHealthService,
} from '@backstage/backend-plugin-api';
import { readinessChecksServiceRef } from './readinessChecks';

/**
 * The root health service of backend-defaults (ready between start-up and
 * shutdown), plus the readiness checks plugins add: while one fails,
 * `/.backstage/health/v1/readiness` answers 503 naming it.
 *
 * @public
 */
export const rootHealthServiceFactory = createServiceFactory({
  service: coreServices.rootHealth,
  deps: {
    lifecycle: coreServices.rootLifecycle,
    checks: readinessChecksServiceRef,
  },
  factory({ lifecycle, checks }): RootHealthService {
    let state: 'init' | 'up' | 'down' = 'init';
    lifecycle.addStartupHook(() => {
      state = 'up';
    });
    lifecycle.addBeforeShutdownHook(() => {
      state = 'down';
    });
    return {
      async getLiveness() {
        return { status: 200, payload: { status: 'ok' } };
      },
      async getReadiness() {
        if (state !== 'up') {
          const message =
            state === 'init'
              ? 'Backend has not started yet'
              : 'Backend is shutting down';
          return { status: 503, payload: { status: 'error', message } };
        }
        const failed = checks.run().filter(c => !c.result.ready);
        if (failed.length) {
          return {
            status: 503,
            payload: {
              status: 'error',
              message: failed
                .map(
                  c =>
                    `${c.name}: ${(c.result as { message: string }).message}`,
                )
                .join('; '),
            },
          };
        }
        return { status: 200, payload: { status: 'ok' } };
      },
    };
  },
});
