import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { kubernetesFetcherExtensionPoint } from '@backstage/plugin-kubernetes-node';
import { TimeoutKubernetesFetcher } from './TimeoutKubernetesFetcher';

/** Default time limit per cluster and request (`kubernetes.fetchTimeoutSeconds`). */
export const DEFAULT_FETCH_TIMEOUT_SECONDS = 5;

/**
 * Installs {@link TimeoutKubernetesFetcher} into the Kubernetes backend, so
 * one slow or hanging cluster never blanks the Kubernetes views.
 *
 * @public
 */
export const kubernetesModuleFetchTimeouts = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'fetch-timeouts',
  register(env) {
    env.registerInit({
      deps: {
        fetchers: kubernetesFetcherExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ fetchers, config, logger }) {
        const seconds =
          config.getOptionalNumber('kubernetes.fetchTimeoutSeconds') ??
          DEFAULT_FETCH_TIMEOUT_SECONDS;
        if (!(seconds > 0)) {
          throw new Error(
            `kubernetes.fetchTimeoutSeconds must be a positive number of seconds, got ${seconds}`,
          );
        }
        fetchers.addFetcher(
          new TimeoutKubernetesFetcher({ timeoutMs: seconds * 1000, logger }),
        );
      },
    });
  },
});
