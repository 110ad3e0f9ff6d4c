import type { ClusterWorkloads, KubeDeployment, KubePod } from '../api/types';

export type RolloutState = 'complete' | 'progressing' | 'degraded' | 'failed';

export interface RolloutSummary {
  name: string;
  namespace?: string;
  state: RolloutState;
  desired: number;
  updated: number;
  ready: number;
  available: number;
}

export interface HpaSummary {
  name: string;
  target?: string;
  current: number;
  desired: number;
  min: number;
  max: number;
}

export type PodProblemKind =
  | 'CrashLoopBackOff'
  | 'OOMKilled'
  | 'Pending'
  | 'ImagePullBackOff'
  | 'Restarts';

export interface PodProblem {
  pod: string;
  kind: PodProblemKind;
  detail: string;
  restarts: number;
}

export interface ClusterHealth {
  clusterName: string;
  rollouts: RolloutSummary[];
  hpas: HpaSummary[];
  problems: PodProblem[];
  podCount: number;
  restarts: number;
  counts: Record<PodProblemKind, number>;
}

/** Rollout state as `kubectl rollout status` judges it. */
export function rolloutState(d: KubeDeployment): RolloutSummary {
  const desired = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const updated = s.updatedReplicas ?? 0;
  const ready = s.readyReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const progressing = s.conditions?.find(c => c.type === 'Progressing');
  let state: RolloutState = 'complete';
  if (progressing?.reason === 'ProgressDeadlineExceeded') state = 'failed';
  else if (
    (d.metadata.generation ?? 0) > (s.observedGeneration ?? 0) ||
    updated < desired ||
    (s.replicas ?? 0) > updated
  )
    state = 'progressing';
  else if (available < desired || ready < desired) state = 'degraded';
  return {
    name: d.metadata.name,
    namespace: d.metadata.namespace,
    state,
    desired,
    updated,
    ready,
    available,
  };
}

/** The problems of one pod, most severe first (at most one per kind). */
export function podProblems(pod: KubePod): PodProblem[] {
  const name = pod.metadata.name;
  const statuses = pod.status?.containerStatuses ?? [];
  const restarts = statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const problems: PodProblem[] = [];
  const add = (kind: PodProblemKind, detail: string) => {
    if (!problems.some(p => p.kind === kind))
      problems.push({ pod: name, kind, detail, restarts });
  };
  if (pod.status?.phase === 'Pending') {
    const scheduled = pod.status.conditions?.find(
      c => c.type === 'PodScheduled',
    );
    add(
      'Pending',
      scheduled?.status === 'False'
        ? `${scheduled.reason ?? 'Unschedulable'}: ${
            scheduled.message ?? ''
          }`.trim()
        : 'Waiting to start',
    );
  }
  for (const c of statuses) {
    const waiting = c.state?.waiting?.reason;
    if (waiting === 'CrashLoopBackOff') {
      add('CrashLoopBackOff', `${c.name}: ${c.restartCount} restarts`);
    }
    if (waiting === 'ImagePullBackOff' || waiting === 'ErrImagePull') {
      add(
        'ImagePullBackOff',
        `${c.name}: ${c.state?.waiting?.message ?? waiting}`,
      );
    }
    if (
      c.state?.terminated?.reason === 'OOMKilled' ||
      c.lastState?.terminated?.reason === 'OOMKilled'
    ) {
      add('OOMKilled', `${c.name}: last terminated OOMKilled`);
    }
  }
  if (restarts > 0 && problems.length === 0) {
    add('Restarts', `${restarts} restarts`);
  }
  return problems;
}

export function clusterHealth(workloads: ClusterWorkloads): ClusterHealth {
  const problems = workloads.pods.flatMap(podProblems);
  const counts: Record<PodProblemKind, number> = {
    CrashLoopBackOff: 0,
    OOMKilled: 0,
    Pending: 0,
    ImagePullBackOff: 0,
    Restarts: 0,
  };
  for (const p of problems) counts[p.kind] += 1;
  return {
    clusterName: workloads.clusterName,
    rollouts: workloads.deployments.map(rolloutState),
    hpas: workloads.horizontalPodAutoscalers.map(h => ({
      name: h.metadata.name,
      target: h.spec?.scaleTargetRef
        ? `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`
        : undefined,
      current: h.status?.currentReplicas ?? 0,
      desired: h.status?.desiredReplicas ?? 0,
      min: h.spec?.minReplicas ?? 1,
      max: h.spec?.maxReplicas ?? 0,
    })),
    problems,
    podCount: workloads.pods.length,
    restarts: workloads.pods.reduce(
      (n, p) =>
        n +
        (p.status?.containerStatuses ?? []).reduce(
          (m, c) => m + (c.restartCount ?? 0),
          0,
        ),
      0,
    ),
    counts,
  };
}
