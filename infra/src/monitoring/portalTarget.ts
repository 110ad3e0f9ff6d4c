/** Where the portal runs and how Prometheus labels its metrics. */
export interface PortalTarget {
  /** `job` label of the portal's scrape (set by the PodMonitor). */
  job: string;
  /** Namespace of the portal's pods. */
  namespace: string;
  /** Name of the portal's Deployment (its pods are `<name>-<hash>-<id>`). */
  workload: string;
}

export const DEFAULT_PORTAL_TARGET: PortalTarget = {
  job: 'task-platform-portal',
  namespace: 'portal',
  workload: 'portal',
};

/** The PromQL matcher of the portal's own metrics. */
export function portalJobMatcher(target: PortalTarget): string {
  return `job="${target.job}"`;
}

/** The PromQL matchers of the portal's pods in cAdvisor and kube-state-metrics series. */
export function portalPodMatchers(target: PortalTarget): string {
  return `namespace="${target.namespace}", pod=~"${target.workload}-.*"`;
}
