import { useCallback, useEffect, useState } from 'react';
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

/**
 * Lists the clusters, then fetches the entity's workloads from each cluster
 * separately: every cluster's result lands as soon as it arrives, and one
 * that hangs or fails only marks its own entry.
 */
export function useClusterWorkloads(
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
    setClusters({ status: 'loading' });
    setByCluster({});
    api.getKubernetesClusters().then(
      list => {
        if (!run.active) return;
        setClusters({ status: 'ok', value: list });
        setByCluster(
          Object.fromEntries(list.map(c => [c.name, { status: 'loading' }])),
        );
        for (const cluster of list) {
          api
            .getClusterWorkloads(cluster.name, { labelSelector, namespace })
            .then(
              value => ({ status: 'ok' as const, value }),
              error => ({ status: 'error' as const, error: toError(error) }),
            )
            .then(state => {
              if (run.active) {
                setByCluster(prev => ({ ...prev, [cluster.name]: state }));
              }
            });
        }
      },
      error => {
        if (run.active) setClusters({ status: 'error', error: toError(error) });
      },
    );
    return () => {
      run.active = false;
    };
  }, [api, labelSelector, namespace, attempt]);

  const retry = useCallback(() => setAttempt(n => n + 1), []);
  return { clusters, byCluster, retry };
}

export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
