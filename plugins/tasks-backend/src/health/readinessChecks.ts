import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/** What a readiness check says: ready, or not with a reason. */
export type ReadinessCheckResult =
  | { ready: true }
  | { ready: false; message: string };

/**
 * Checks that plugins add and the root health service runs when asked for
 * readiness (Backstage 1.57's `rootHealth` asks no plugin by itself).
 *
 * @public
 */
export interface ReadinessChecksService {
  add(name: string, check: () => ReadinessCheckResult): void;
  run(): Array<{ name: string; result: ReadinessCheckResult }>;
}

/** @public */
export const readinessChecksServiceRef =
  createServiceRef<ReadinessChecksService>({
    id: 'taskplatform.readiness-checks',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {},
        factory: () => {
          const checks = new Map<string, () => ReadinessCheckResult>();
          return {
            add: (name, check) => void checks.set(name, check),
            run: () =>
              [...checks].map(([name, check]) => ({ name, result: check() })),
          };
        },
      }),
  });
