import { useEffect, useState } from 'react';
import type { ClusterWorkloadsState } from './useClusterWorkloads';

/**
 * Whether the secondary parts (charts, Grafana) may start fetching: once
 * every cluster settled, or `maxWaitMs` after the cluster list arrived. The
 * health strip's requests then get the browser's few connections per host
 * first. Without Kubernetes, at once.
 */
export function useAfterHealth(
  workloads: ClusterWorkloadsState | undefined,
  maxWaitMs = 1000,
): boolean {
  const listed = workloads ? workloads.clusters.status !== 'loading' : true;
  const settled =
    !workloads ||
    (listed &&
      Object.values(workloads.byCluster).every(s => s.status !== 'loading'));
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    if (!listed || settled) return undefined;
    const timer = setTimeout(() => setWaited(true), maxWaitMs);
    return () => clearTimeout(timer);
  }, [listed, settled, maxWaitMs]);
  return settled || waited;
}
