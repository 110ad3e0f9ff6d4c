import { fixtureWorkloads } from '../__testUtils__';
import { clusterHealth, podProblems, rolloutState } from './clusterHealth';

const target = {
  labelSelector: 'backstage.io/kubernetes-id=task-platform-portal',
  namespace: 'task-platform',
};

describe('clusterHealth', () => {
  it('counts rollout, HPA and pod problems of the recorded cluster', () => {
    const health = clusterHealth(fixtureWorkloads('eu', target, { pods: 5 }));
    expect(health.rollouts).toEqual([
      expect.objectContaining({
        name: 'task-platform-portal',
        state: 'degraded',
        desired: 5,
        ready: 3,
      }),
    ]);
    expect(health.hpas).toEqual([
      expect.objectContaining({ current: 5, min: 2, max: 6 }),
    ]);
    expect(health.counts).toMatchObject({
      CrashLoopBackOff: 1,
      OOMKilled: 1,
      Pending: 1,
    });
    expect(health.restarts).toBe(17);
    expect(health.podCount).toBe(5);
  });

  it('finds nothing wrong in a healthy cluster', () => {
    const health = clusterHealth(
      fixtureWorkloads('us', target, { pods: 3, healthy: true }),
    );
    expect(health.problems).toEqual([]);
    expect(health.rollouts[0].state).toBe('complete');
  });

  it('selects nothing for another service', () => {
    const workloads = fixtureWorkloads('eu', {
      labelSelector: 'backstage.io/kubernetes-id=other',
    });
    expect(workloads.pods).toEqual([]);
    expect(workloads.deployments).toEqual([]);
  });
});

describe('podProblems', () => {
  const pod = (status: any) => ({ metadata: { name: 'p' }, status });

  it('detects CrashLoopBackOff, OOMKilled, Pending, image pulls and restarts', () => {
    expect(
      podProblems(
        pod({
          phase: 'Running',
          containerStatuses: [
            {
              name: 'c',
              ready: false,
              restartCount: 4,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { reason: 'OOMKilled' } },
            },
          ],
        }),
      ).map(p => p.kind),
    ).toEqual(['CrashLoopBackOff', 'OOMKilled']);
    expect(
      podProblems(
        pod({
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: '0/3 nodes are available',
            },
          ],
        }),
      ),
    ).toEqual([
      expect.objectContaining({
        kind: 'Pending',
        detail: 'Unschedulable: 0/3 nodes are available',
      }),
    ]);
    expect(
      podProblems(
        pod({
          phase: 'Pending',
          containerStatuses: [
            {
              name: 'c',
              ready: false,
              restartCount: 0,
              state: { waiting: { reason: 'ImagePullBackOff' } },
            },
          ],
        }),
      ).map(p => p.kind),
    ).toEqual(['Pending', 'ImagePullBackOff']);
    expect(
      podProblems(
        pod({
          phase: 'Running',
          containerStatuses: [
            { name: 'c', ready: true, restartCount: 2, state: { running: {} } },
          ],
        }),
      ),
    ).toEqual([expect.objectContaining({ kind: 'Restarts', restarts: 2 })]);
    expect(
      podProblems(
        pod({
          phase: 'Running',
          containerStatuses: [
            { name: 'c', ready: true, restartCount: 0, state: { running: {} } },
          ],
        }),
      ),
    ).toEqual([]);
  });
});

describe('rolloutState', () => {
  it('follows kubectl rollout status', () => {
    const d = (status: any, generation = 2) => ({
      metadata: { name: 'd', generation },
      spec: { replicas: 3 },
      status,
    });
    expect(
      rolloutState(
        d({
          observedGeneration: 2,
          replicas: 3,
          updatedReplicas: 3,
          readyReplicas: 3,
          availableReplicas: 3,
        }),
      ).state,
    ).toBe('complete');
    expect(
      rolloutState(
        d({
          observedGeneration: 1,
          replicas: 3,
          updatedReplicas: 3,
          readyReplicas: 3,
          availableReplicas: 3,
        }),
      ).state,
    ).toBe('progressing');
    expect(
      rolloutState(
        d({
          observedGeneration: 2,
          replicas: 4,
          updatedReplicas: 2,
          readyReplicas: 3,
          availableReplicas: 3,
        }),
      ).state,
    ).toBe('progressing');
    expect(
      rolloutState(
        d({
          observedGeneration: 2,
          replicas: 3,
          updatedReplicas: 1,
          conditions: [
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
            },
          ],
        }),
      ).state,
    ).toBe('failed');
  });
});
