import type { Entity } from '@backstage/catalog-model';
import type { KubernetesTarget } from '../api/types';

/** The annotations the observability view reads. */
export const OBSERVABILITY_ANNOTATIONS = {
  kubernetesId: 'backstage.io/kubernetes-id',
  kubernetesLabelSelector: 'backstage.io/kubernetes-label-selector',
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  prometheusSelector: 'taskplatform.io/prometheus-selector',
  grafanaDashboardSelector: 'grafana/dashboard-selector',
  grafanaAlertLabelSelector: 'grafana/alert-label-selector',
} as const;

/** What to look at for one entity, derived from its annotations. */
export interface ObservabilityTargets {
  kubernetes?: KubernetesTarget;
  prometheusSelector?: string;
  grafanaDashboardSelector?: string;
  grafanaAlertLabelSelector?: string;
  /** Namespace and app for log queries, when known. */
  logs?: { namespace?: string; app: string };
}

function annotation(entity: Entity, key: string): string | undefined {
  const value = entity.metadata.annotations?.[key]?.trim();
  return value ? value : undefined;
}

/** The value of `app`-like labels in a Kubernetes label selector. */
function appFromLabelSelector(selector: string): string | undefined {
  for (const label of [
    'app.kubernetes.io/name',
    'app',
    'backstage.io/kubernetes-id',
  ]) {
    const m = selector.match(
      new RegExp(
        `(?:^|,)\\s*${label.replace(/[./]/g, '\\$&')}\\s*==?\\s*([^,\\s]+)`,
      ),
    );
    if (m) return m[1];
  }
  return undefined;
}

export function observabilityTargets(entity: Entity): ObservabilityTargets {
  const A = OBSERVABILITY_ANNOTATIONS;
  const id = annotation(entity, A.kubernetesId);
  const labelSelector =
    annotation(entity, A.kubernetesLabelSelector) ??
    (id ? `${A.kubernetesId}=${id}` : undefined);
  const namespace = annotation(entity, A.kubernetesNamespace);
  const app =
    id ?? (labelSelector ? appFromLabelSelector(labelSelector) : undefined);
  return {
    kubernetes: labelSelector ? { labelSelector, namespace } : undefined,
    prometheusSelector: annotation(entity, A.prometheusSelector),
    grafanaDashboardSelector: annotation(entity, A.grafanaDashboardSelector),
    grafanaAlertLabelSelector: annotation(entity, A.grafanaAlertLabelSelector),
    logs: app ? { namespace, app } : undefined,
  };
}

/** Entities the Observability tab is shown for. */
export function hasObservabilityAnnotations(entity: Entity): boolean {
  const keys = Object.keys(entity.metadata.annotations ?? {});
  return keys.some(
    key =>
      key === OBSERVABILITY_ANNOTATIONS.kubernetesId ||
      key === OBSERVABILITY_ANNOTATIONS.kubernetesLabelSelector ||
      key === OBSERVABILITY_ANNOTATIONS.prometheusSelector ||
      key.startsWith('grafana/'),
  );
}
