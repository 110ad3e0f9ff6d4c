export { observabilityApiRef } from './ObservabilityApi';
export type { ObservabilityApi } from './ObservabilityApi';
export { ObservabilityClient, defaultTimeouts } from './ObservabilityClient';
export type {
  KubernetesReadApi,
  ObservabilityTimeouts,
} from './ObservabilityClient';
export {
  goldenSignalQueries,
  parsePrometheusSelector,
} from './goldenSignalQueries';
export type {
  GoldenSignalQueries,
  GoldenSignalQueryOptions,
} from './goldenSignalQueries';
export { SourceTimeoutError, withTimeout } from './withTimeout';
export * from './types';
