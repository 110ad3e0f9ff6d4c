import type {
  ConfigApi,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { KubernetesApi } from '@backstage/plugin-kubernetes-react';
import type { ObservabilityApi } from './ObservabilityApi';
import {
  alertMatchesSelector,
  parseDashboardSelector,
  parseGrafanaLabelSelector,
  parseLabelMatchers,
  ruleSelectsMatchers,
} from './labelMatchers';
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
import { withTimeout } from './withTimeout';

/** The parts of the Kubernetes frontend API the client uses. */
export type KubernetesReadApi = Pick<
  KubernetesApi,
  'getClusters' | 'proxy' | 'getObjectsByEntity'
>;

/** Per-source timeouts in milliseconds. */
export interface ObservabilityTimeouts {
  kubernetes: number;
  prometheus: number;
  grafana: number;
}

/** Auth providers whose credentials live in the backend, not the browser. */
const SERVER_SIDE_AUTH = new Set([
  'aws',
  'azure',
  'googleServiceAccount',
  'serviceAccount',
  'localKubectlProxy',
]);

export const defaultTimeouts: ObservabilityTimeouts = {
  kubernetes: 5000,
  prometheus: 10000,
  grafana: 10000,
};

/**
 * The {@link ObservabilityApi} implementation: Kubernetes through the
 * Kubernetes backend's proxy, one request set per cluster; Prometheus and
 * Grafana through the proxy backend: `/prometheus/api` targets Prometheus's
 * `/api`, `/grafana/api` targets Grafana's root URL (as the community Grafana
 * plugin expects, so both share one proxy entry).
 *
 * @public
 */
export class ObservabilityClient implements ObservabilityApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly kubernetesApi: KubernetesReadApi;
  private readonly configApi?: ConfigApi;
  private readonly timeouts: ObservabilityTimeouts;
  private authProviders = new Map<string, string>();

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    kubernetesApi: KubernetesReadApi;
    configApi?: ConfigApi;
    timeouts?: Partial<ObservabilityTimeouts>;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.kubernetesApi = options.kubernetesApi;
    this.configApi = options.configApi;
    const configured = options.configApi?.getOptionalConfig(
      'observability.timeouts',
    );
    this.timeouts = {
      kubernetes:
        options.timeouts?.kubernetes ??
        configured?.getOptionalNumber('kubernetesMs') ??
        defaultTimeouts.kubernetes,
      prometheus:
        options.timeouts?.prometheus ??
        configured?.getOptionalNumber('prometheusMs') ??
        defaultTimeouts.prometheus,
      grafana:
        options.timeouts?.grafana ??
        configured?.getOptionalNumber('grafanaMs') ??
        defaultTimeouts.grafana,
    };
  }

  getKubernetesClusters(): Promise<KubernetesClusterInfo[]> {
    return withTimeout(
      'The Kubernetes backend',
      this.timeouts.kubernetes,
      async () => {
        const clusters = await this.kubernetesApi.getClusters();
        this.authProviders = new Map(
          clusters.map(c => [c.name, c.authProvider]),
        );
        return clusters.map(c => ({
          name: c.name,
          title: (c as { title?: string }).title,
        }));
      },
    );
  }

  getClusterWorkloads(
    clusterName: string,
    target: KubernetesTarget,
  ): Promise<ClusterWorkloads> {
    const query = `?labelSelector=${encodeURIComponent(target.labelSelector)}`;
    const scope = target.namespace
      ? `/namespaces/${encodeURIComponent(target.namespace)}`
      : '';
    return withTimeout(
      `Cluster ${clusterName}`,
      this.timeouts.kubernetes,
      async signal => {
        const list = async <T>(prefix: string, plural: string) => {
          const response = await this.proxyGet(
            clusterName,
            `${prefix}${scope}/${plural}${query}`,
            signal,
          );
          if (!response.ok) throw await ResponseError.fromResponse(response);
          return ((await response.json()).items ?? []) as T[];
        };
        // Pods first, the rest once the cluster answered: a hanging cluster
        // then holds one of the browser's few connections per host, not three.
        const pods = await list<ClusterWorkloads['pods'][number]>(
          '/api/v1',
          'pods',
        );
        const [deployments, horizontalPodAutoscalers] = await Promise.all([
          list<ClusterWorkloads['deployments'][number]>(
            '/apis/apps/v1',
            'deployments',
          ),
          list<ClusterWorkloads['horizontalPodAutoscalers'][number]>(
            '/apis/autoscaling/v2',
            'horizontalpodautoscalers',
          ),
        ]);
        return { clusterName, deployments, pods, horizontalPodAutoscalers };
      },
    );
  }

  getWorkloadsByEntity(
    entity: Entity,
  ): Promise<Record<string, ClusterWorkloads | Error>> {
    // The backend asks every cluster and answers once; its own per-cluster
    // timeout turns a hanging cluster into an error of that cluster.
    return withTimeout(
      'The Kubernetes backend',
      this.timeouts.kubernetes * 3,
      async () => {
        const response = await this.kubernetesApi.getObjectsByEntity({
          entity,
          auth: {},
        });
        const result: Record<string, ClusterWorkloads | Error> = {};
        for (const item of response.items) {
          const of = (type: string) =>
            (item.resources.find(r => r.type === type)?.resources ??
              []) as any[];
          if (item.errors.length && !item.resources.length) {
            result[item.cluster.name] = new Error(
              item.errors
                .map(e =>
                  'message' in e
                    ? e.message
                    : `${e.errorType} (${e.statusCode}) ${
                        e.resourcePath ?? ''
                      }`,
                )
                .join('; '),
            );
          } else {
            result[item.cluster.name] = {
              clusterName: item.cluster.name,
              deployments: of('deployments'),
              pods: of('pods'),
              horizontalPodAutoscalers: of('horizontalpodautoscalers'),
            };
          }
        }
        return result;
      },
    );
  }

  queryPrometheusRange(q: PrometheusRangeQuery): Promise<PrometheusSeries[]> {
    const params = new URLSearchParams({
      query: q.query,
      start: String(q.start),
      end: String(q.end),
      step: String(q.step),
    });
    return withTimeout('Prometheus', this.timeouts.prometheus, async signal => {
      const body = await this.get<{
        data: {
          result: Array<{
            metric: Record<string, string>;
            values: Array<[number, string]>;
          }>;
        };
      }>(`/prometheus/api/v1/query_range?${params}`, signal);
      return body.data.result.map(series => ({
        metric: series.metric,
        values: series.values
          .map(([t, v]) => [Number(t), Number(v)] as [number, number])
          .filter(([, v]) => Number.isFinite(v)),
      }));
    });
  }

  getPrometheusAlerts(selector: string): Promise<PrometheusAlert[]> {
    const matchers = parseLabelMatchers(selector);
    return withTimeout('Prometheus', this.timeouts.prometheus, async signal => {
      // The rules API gives each active alert together with its rule's
      // expression, so alerts of rules that aggregate the labels away still
      // belong to the entity whose selector the expression uses.
      const body = await this.get<{
        data: {
          groups: Array<{
            rules: Array<{
              type?: string;
              query?: string;
              alerts?: PrometheusAlert[];
            }>;
          }>;
        };
      }>('/prometheus/api/v1/rules?type=alert', signal);
      return body.data.groups.flatMap(group =>
        group.rules
          .filter(rule => rule.type === undefined || rule.type === 'alerting')
          .flatMap(rule => {
            const byRule = ruleSelectsMatchers(rule.query ?? '', matchers);
            return (rule.alerts ?? []).filter(
              alert => byRule || alertMatchesSelector(alert.labels, matchers),
            );
          }),
      );
    });
  }

  getGrafanaDashboards(dashboardSelector: string): Promise<GrafanaDashboard[]> {
    const tagSets = parseDashboardSelector(dashboardSelector);
    return withTimeout('Grafana', this.timeouts.grafana, async signal => {
      const results = await Promise.all(
        tagSets.map(tags => {
          const params = new URLSearchParams({ type: 'dash-db' });
          tags.forEach(tag => params.append('tag', tag));
          return this.get<GrafanaDashboard[]>(
            `/grafana/api/api/search?${params}`,
            signal,
          );
        }),
      );
      const byUid = new Map<string, GrafanaDashboard>();
      for (const d of results.flat()) {
        byUid.set(d.uid, {
          uid: d.uid,
          title: d.title,
          url: d.url,
          folderTitle: d.folderTitle,
          tags: d.tags ?? [],
        });
      }
      return [...byUid.values()];
    });
  }

  getGrafanaAlertRules(labelSelector: string): Promise<GrafanaAlertRule[]> {
    const wanted = parseGrafanaLabelSelector(labelSelector);
    return withTimeout('Grafana', this.timeouts.grafana, async signal => {
      // The Prometheus-compatible rules API carries each rule's state under
      // unified alerting (the provisioning API used by the community plugin
      // does not).
      const body = await this.get<{
        data: {
          groups: Array<{
            name: string;
            file?: string;
            rules: Array<{
              name: string;
              state?: string;
              health?: string;
              type?: string;
              labels?: Record<string, string>;
              annotations?: Record<string, string>;
              alerts?: Array<{ activeAt?: string }>;
            }>;
          }>;
        };
      }>('/grafana/api/api/prometheus/grafana/api/v1/rules', signal);
      return body.data.groups.flatMap(group =>
        group.rules
          .filter(rule => rule.type === undefined || rule.type === 'alerting')
          .filter(rule => wanted.some(([k, v]) => rule.labels?.[k] === v))
          .map(rule => ({
            name: rule.name,
            state: rule.state ?? 'inactive',
            health: rule.health,
            group: group.name,
            folder: group.file,
            labels: rule.labels ?? {},
            annotations: rule.annotations ?? {},
            activeAt: rule.alerts?.[0]?.activeAt,
          })),
      );
    });
  }

  getGrafanaDomain(): string | undefined {
    return this.configApi
      ?.getOptionalString('grafana.domain')
      ?.replace(/\/+$/, '');
  }

  getAppBaseUrl(): string | undefined {
    return this.configApi
      ?.getOptionalString('app.baseUrl')
      ?.replace(/\/+$/, '');
  }

  /**
   * GET through the Kubernetes backend's proxy. Clusters whose credentials
   * the backend holds (e.g. AWS, service account) are called directly;
   * others go through the Kubernetes API, which adds the user's token but
   * re-reads the cluster list for every call.
   */
  private async proxyGet(
    clusterName: string,
    path: string,
    signal: AbortSignal,
  ): Promise<Response> {
    const authProvider = this.authProviders.get(clusterName);
    if (authProvider && SERVER_SIDE_AUTH.has(authProvider)) {
      const base = await this.discoveryApi.getBaseUrl('kubernetes');
      return this.fetchApi.fetch(`${base}/proxy${path}`, {
        signal,
        headers: { 'Backstage-Kubernetes-Cluster': clusterName },
      });
    }
    return this.kubernetesApi.proxy({ clusterName, path, init: { signal } });
  }

  private async get<T>(path: string, signal: AbortSignal): Promise<T> {
    const base = await this.discoveryApi.getBaseUrl('proxy');
    const response = await this.fetchApi.fetch(`${base}${path}`, { signal });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
