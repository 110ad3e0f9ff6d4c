import { useCallback, useEffect, useState } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { observabilityApiRef } from '../api/ObservabilityApi';
import type {
  ClusterWorkloads,
  KubernetesClusterInfo,
  KubernetesTarget,
} from '../api/types';

/** The state of one data source. */
export type SourceState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'ok'; value: T };

export interface ClusterWorkloadsState {
  clusters: SourceState<KubernetesClusterInfo[]>;
  /** One entry per cluster, each settling on its own. */
  byCluster: Record<string, SourceState<ClusterWorkloads>>;
  retry: () => void;
}

const isNotAllowed = (error: unknown) =>
  (error as { response?: { status?: number } })?.response?.status === 403;

/**
 * Lists the clusters, then fetches the entity's workloads from each cluster
 * separately: every cluster's result lands as soon as it arrives, and one
 * that hangs or fails only marks its own entry. Users without the proxy
 * permission get the backend's one-request fan-out instead.
 */
export function useClusterWorkloads(
  entity: Entity,
  target: KubernetesTarget | undefined,
): ClusterWorkloadsState {
  const api = useApi(observabilityApiRef);
  const [attempt, setAttempt] = useState(0);
  const [clusters, setClusters] = useState<
    SourceState<KubernetesClusterInfo[]>
  >({ status: 'loading' });
  const [byCluster, setByCluster] = useState<
    Record<string, SourceState<ClusterWorkloads>>
  >({});
  const labelSelector = target?.labelSelector;
  const namespace = target?.namespace;

  useEffect(() => {
    if (!labelSelector) return undefined;
    const run = { active: true };
    let fanOut: ReturnType<typeof api.getWorkloadsByEntity> | undefined;
    const viaBackend = async (clusterName: string) => {
      fanOut ??= api.getWorkloadsByEntity(entity);
      const result = (await fanOut)[clusterName];
      if (!result) throw new Error(`No answer for cluster ${clusterName}`);
      if (result instanceof Error) throw result;
      return result;
    };
    const load = (clusterName: string) =>
      api
        .getClusterWorkloads(clusterName, { labelSelector, namespace })
        .catch(error => {
          if (isNotAllowed(error)) return viaBackend(clusterName);
          throw error;
        })
        .then(
          value => ({ status: 'ok' as const, value }),
          error => ({ status: 'error' as const, error: toError(error) }),
        )
        .then(state => {
          if (run.active) {
            setByCluster(prev => ({ ...prev, [clusterName]: state }));
          }
        });
    setClusters({ status: 'loading' });
    setByCluster({});
    api.getKubernetesClusters().then(
      list => {
        if (!run.active) return;
        setClusters({ status: 'ok', value: list });
        setByCluster(
          Object.fromEntries(list.map(c => [c.name, { status: 'loading' }])),
        );
        list.forEach(c => load(c.name));
      },
      error => {
        if (run.active) setClusters({ status: 'error', error: toError(error) });
      },
    );
    return () => {
      run.active = false;
    };
  }, [api, entity, labelSelector, namespace, attempt]);

  const retry = useCallback(() => setAttempt(n => n + 1), []);
  return { clusters, byCluster, retry };
}

export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
