/**
 * Prometheus metrics for a whole Backstage backend: RED metrics of every route
 * (a root HTTP router service factory) and `/metrics` on its own port.
 * `backend.add(import('@taskplatform/backend-metrics'))`.
 *
 * @packageDocumentation
 */

export { metricsRootHttpRouterServiceFactory as default } from './metricsRootHttpRouterServiceFactory';
export { createRedMiddleware } from './createRedMiddleware';
export { startMetricsServer } from './startMetricsServer';
export { readMetricsConfig, type MetricsConfig } from './readMetricsConfig';
export { singletonMetric } from './singletonMetric';
