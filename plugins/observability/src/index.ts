/** One observability view on every entity page: Kubernetes health, Prometheus golden signals, alerts with runbooks, Grafana dashboards, Loki links */
export { observabilityPlugin as default } from './plugin';
export {
  observabilityApi,
  entityObservabilityContent,
  observabilityPlugin,
} from './plugin';
export * from './api';
export {
  OBSERVABILITY_ANNOTATIONS,
  hasObservabilityAnnotations,
  observabilityTargets,
} from './entity/observabilityTargets';
