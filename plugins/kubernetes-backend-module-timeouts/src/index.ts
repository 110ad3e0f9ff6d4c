/**
 * Kubernetes backend module: a per-cluster fetch timeout, so one hanging
 * cluster never blanks the Kubernetes views.
 *
 * @packageDocumentation
 */
export {
  kubernetesModuleFetchTimeouts as default,
  DEFAULT_FETCH_TIMEOUT_SECONDS,
} from './module';
export { TimeoutKubernetesFetcher } from './TimeoutKubernetesFetcher';
