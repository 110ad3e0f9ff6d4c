import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  FetchResponse,
  KubernetesErrorTypes,
  KubernetesFetchError,
} from '@backstage/plugin-kubernetes-common';
import type {
  ClusterDetails,
  FetchResponseWrapper,
  KubernetesCredential,
  KubernetesFetcher,
  ObjectFetchParams,
} from '@backstage/plugin-kubernetes-node';
import { ClusterRequester, type ClusterResponse } from './clusterRequest';

interface Resource {
  group: string;
  apiVersion: string;
  plural: string;
}

const STATUS_ERRORS: Record<number, KubernetesErrorTypes> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED_ERROR',
  404: 'NOT_FOUND',
  500: 'SYSTEM_ERROR',
};

/**
 * The stock Kubernetes fetcher's behaviour, cluster by cluster, with a time
 * limit per cluster: every call gets one `AbortSignal.timeout`, and a cluster
 * that does not answer in time (or refuses the connection) becomes a
 * `FETCH_ERROR` in its own result instead of holding up or failing the
 * response for every other cluster.
 */
export class TimeoutKubernetesFetcher implements KubernetesFetcher {
  private readonly requester = new ClusterRequester();
  private readonly timeoutMs: number;
  private readonly logger: LoggerService;

  constructor(options: { timeoutMs: number; logger: LoggerService }) {
    this.timeoutMs = options.timeoutMs;
    this.logger = options.logger;
  }

  async fetchObjectsForService(
    params: ObjectFetchParams,
  ): Promise<FetchResponseWrapper> {
    const { clusterDetails: cluster, credential } = params;
    const types = [...params.objectTypesToFetch, ...params.customResources];
    return this.withTimeout(cluster, async signal => {
      const results = await Promise.all(
        types.map(async ({ objectType, group, apiVersion, plural }) => {
          const res = await this.fetchResource(
            cluster,
            credential,
            { group, apiVersion, plural },
            params.namespace,
            params.labelSelector,
            signal,
          );
          if (!isOk(res)) return this.statusError(cluster, res);
          const { kind, items } = JSON.parse(res.body);
          return {
            type: objectType,
            resources: transformResources(
              { group, apiVersion, plural },
              objectType,
              kind,
              items,
            ),
          } as FetchResponse;
        }),
      );
      return toWrapper(results);
    });
  }

  async fetchPodMetricsByNamespaces(
    cluster: ClusterDetails,
    credential: KubernetesCredential,
    namespaces: Set<string>,
    labelSelector?: string,
  ): Promise<FetchResponseWrapper> {
    return this.withTimeout(cluster, async signal => {
      const results = await Promise.all(
        [...namespaces].map(async namespace => {
          const get = (resource: Resource) =>
            this.fetchResource(
              cluster,
              credential,
              resource,
              namespace,
              labelSelector,
              signal,
            );
          const [metrics, pods] = await Promise.all([
            get({
              group: 'metrics.k8s.io',
              apiVersion: 'v1beta1',
              plural: 'pods',
            }),
            get({ group: '', apiVersion: 'v1', plural: 'pods' }),
          ]);
          if (!isOk(metrics)) return this.statusError(cluster, metrics);
          if (!isOk(pods)) return this.statusError(cluster, pods);
          // ESM-only package: Node 22+ requires it synchronously.
          const { topPods } = require('@kubernetes/client-node');
          const resources = await topPods(
            {
              listPodForAllNamespaces: async () => JSON.parse(pods.body),
            } as any,
            { getPodMetrics: async () => JSON.parse(metrics.body) } as any,
          );
          return { type: 'podstatus', resources } as FetchResponse;
        }),
      );
      return toWrapper(results);
    });
  }

  /** Runs one cluster's requests under one time limit; failures become FETCH_ERRORs. */
  private async withTimeout(
    cluster: ClusterDetails,
    fetchAll: (signal: AbortSignal) => Promise<FetchResponseWrapper>,
  ): Promise<FetchResponseWrapper> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      return await fetchAll(signal);
    } catch (error) {
      const message = signal.aborted
        ? `Cluster '${cluster.name}' did not answer within ${
            this.timeoutMs / 1000
          } s`
        : `Cluster '${cluster.name}' could not be reached: ${
            (error as Error).message
          }`;
      this.logger.warn(message);
      return { errors: [{ errorType: 'FETCH_ERROR', message }], responses: [] };
    }
  }

  private fetchResource(
    cluster: ClusterDetails,
    credential: KubernetesCredential,
    resource: Resource,
    namespace: string | undefined,
    labelSelector: string | undefined,
    signal: AbortSignal,
  ): Promise<ClusterResponse> {
    const encode = encodeURIComponent;
    let path = resource.group
      ? `/apis/${encode(resource.group)}/${encode(resource.apiVersion)}`
      : `/api/${encode(resource.apiVersion)}`;
    if (namespace) path += `/namespaces/${encode(namespace)}`;
    path += `/${encode(resource.plural)}`;
    return this.requester.get(
      cluster,
      credential,
      path,
      { labelSelector },
      signal,
    );
  }

  private statusError(
    cluster: ClusterDetails,
    res: ClusterResponse,
  ): KubernetesFetchError {
    this.logger.warn(
      `Received ${res.status} status when fetching "${res.path}" from cluster "${cluster.name}"; body=[${res.body}]`,
    );
    return {
      errorType: STATUS_ERRORS[res.status] ?? 'UNKNOWN_ERROR',
      statusCode: res.status,
      resourcePath: res.path,
    };
  }
}

function isOk(res: ClusterResponse): boolean {
  return res.status >= 200 && res.status < 300;
}

function toWrapper(
  results: Array<FetchResponse | KubernetesFetchError>,
): FetchResponseWrapper {
  const errors: KubernetesFetchError[] = [];
  const responses: FetchResponse[] = [];
  for (const result of results) {
    if ('errorType' in result) errors.push(result);
    else responses.push(result);
  }
  return { errors, responses };
}

/** As the stock fetcher: secrets redacted, custom resources get their kind. */
function transformResources(
  resource: Resource,
  objectType: string,
  kind: string | undefined,
  items: any[],
): any[] {
  const itemKind = kind?.replace(/List$/, '');
  const containsSecrets =
    objectType === 'secrets' ||
    itemKind === 'Secret' ||
    (resource.group === '' &&
      resource.apiVersion === 'v1' &&
      resource.plural === 'secrets');
  const resources = containsSecrets
    ? items.map(item => ({
        ...item,
        ...(item.data && { data: redact(item.data) }),
        ...(item.stringData && { stringData: redact(item.stringData) }),
      }))
    : items;
  if (objectType === 'customresources') {
    if (itemKind === undefined) {
      throw new Error(
        `Missing kind in response when fetching '${resource.plural}'`,
      );
    }
    return resources.map(item => ({ ...item, kind: itemKind }));
  }
  return resources;
}

function redact(data: object): Record<string, string> {
  return Object.fromEntries(Object.keys(data).map(key => [key, '***']));
}
