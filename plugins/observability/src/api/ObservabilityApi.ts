import type { Entity } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ClusterWorkloads,
  GrafanaAlertRule,
  GrafanaDashboard,
  KubernetesClusterInfo,
  KubernetesTarget,
  PrometheusAlert,
  PrometheusRangeQuery,
  PrometheusSeries,
} from './types';

/**
 * Everything the observability view reads. Each method is one source with
 * its own timeout: it rejects with a `SourceTimeoutError` when the source does
 * not answer in time, and with a `ResponseError` on an error status.
 *
 * @public
 */
export interface ObservabilityApi {
  /** The clusters the Kubernetes backend knows (from config and the catalog). */
  getKubernetesClusters(): Promise<KubernetesClusterInfo[]>;
  /**
   * Deployments, pods and HPAs matching the target in one cluster, through
   * the Kubernetes backend's proxy (permission `kubernetes.proxy`).
   */
  getClusterWorkloads(
    clusterName: string,
    target: KubernetesTarget,
  ): Promise<ClusterWorkloads>;
  /**
   * The same objects of every cluster in one request to the Kubernetes
   * backend (no proxy permission needed); a cluster that failed maps to an Error.
   */
  getWorkloadsByEntity(
    entity: Entity,
  ): Promise<Record<string, ClusterWorkloads | Error>>;
  /** A PromQL range query through the proxy (`/prometheus/api`). */
  queryPrometheusRange(
    query: PrometheusRangeQuery,
  ): Promise<PrometheusSeries[]>;
  /** Pending and firing alerts whose labels satisfy the selector. */
  getPrometheusAlerts(selector: string): Promise<PrometheusAlert[]>;
  /** Grafana dashboards matching a `grafana/dashboard-selector`. */
  getGrafanaDashboards(dashboardSelector: string): Promise<GrafanaDashboard[]>;
  /** Grafana alert rules, with state, matching a `grafana/alert-label-selector`. */
  getGrafanaAlertRules(labelSelector: string): Promise<GrafanaAlertRule[]>;
  /** Grafana's domain (`grafana.domain`), for links; undefined if unset. */
  getGrafanaDomain(): string | undefined;
  /** The portal's base URL (`app.baseUrl`), to keep runbook links in the portal. */
  getAppBaseUrl(): string | undefined;
}

/** @public */
export const observabilityApiRef = createApiRef<ObservabilityApi>({
  id: 'plugin.observability.api',
});
