/**
 * Prometheus metrics for the whole backend, as a root HTTP router service
 * factory: `backend.add(import('@taskplatform/plugin-tasks-backend/metrics'))`.
 *
 * @packageDocumentation
 */

export { metricsRootHttpRouterServiceFactory as default } from './metrics/metricsServiceFactory';
export {
  createRedMiddleware,
  startMetricsServer,
} from './metrics/metricsServer';
