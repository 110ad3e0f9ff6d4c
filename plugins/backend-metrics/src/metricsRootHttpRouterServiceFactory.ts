import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { createRedMiddleware } from './createRedMiddleware';
import { readMetricsConfig } from './readMetricsConfig';
import { startMetricsServer } from './startMetricsServer';

/**
 * The default root HTTP router plus Prometheus metrics: RED metrics for every
 * request of the whole backend, and `/metrics` served on its own port
 * (`metrics.port`, default 9464), not through the public app.
 *
 * Install with `backend.add(import('@taskplatform/backend-metrics'))`.
 *
 * @public
 */
export const metricsRootHttpRouterServiceFactory = rootHttpRouterServiceFactory(
  {
    configure({ app, config, logger, lifecycle, applyDefaults }) {
      const metricsConfig = readMetricsConfig(config);
      if (metricsConfig.enabled) {
        app.use(createRedMiddleware());
        startMetricsServer(metricsConfig).then(
          ({ port, close }) => {
            logger.info(
              `Prometheus metrics on http://${metricsConfig.host}:${port}/metrics`,
            );
            lifecycle.addShutdownHook(close);
          },
          error => logger.error(`Failed to start the metrics server: ${error}`),
        );
      }
      applyDefaults();
    },
  },
);
