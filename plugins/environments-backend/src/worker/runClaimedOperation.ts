import { Environment } from '@taskplatform/plugin-environments-common';
import { ClaimedOperation, EnvironmentStore } from '../database/types';
import {
  Deployer,
  DeployResult,
  DeployTarget,
  StackState,
} from '../deployer/Deployer';
import { OperationEventBuffer } from './OperationEventBuffer';

/** What an earlier attempt left behind, read from CloudFormation. */
export type StackVerdict =
  | { action: 'start' }
  | { action: 'follow' }
  | { action: 'done'; outputs: Record<string, string> }
  | { action: 'fail'; reason: string };

const isFailed = (status: string) =>
  status.includes('ROLLBACK') || status.endsWith('_FAILED');

/**
 * The takeover rule: stacks in progress are followed (the deployer waits
 * for them), stacks all complete finish the operation, no stacks start it.
 * For a deploy, "all complete" counts only if CloudFormation created or
 * updated every stack after the deploy started (`deployStartedAt`): an update
 * whose replica died before CloudFormation began finds the stacks of the last
 * deploy, all complete, and must start (cdk skips unchanged stacks).
 */
export function judgeStacks(
  kind: 'deploy' | 'destroy',
  states: StackState[],
  deployStartedAt?: number,
): StackVerdict {
  const failed = states.find(s => isFailed(s.status));
  if (failed) {
    return {
      action: 'fail',
      reason: `stack ${failed.stackName} is ${failed.status}`,
    };
  }
  if (states.some(s => s.status.endsWith('_IN_PROGRESS'))) {
    return { action: 'follow' };
  }
  const gone = (s: StackState) =>
    s.status === 'NOT_FOUND' || s.status === 'DELETE_COMPLETE';
  if (kind === 'destroy') {
    return states.every(gone)
      ? { action: 'done', outputs: {} }
      : { action: 'follow' };
  }
  const touchedByThisDeploy = (s: StackState) =>
    deployStartedAt === undefined ||
    (s.lastUpdatedAt !== undefined && s.lastUpdatedAt >= deployStartedAt);
  if (
    states.length &&
    states.every(s => s.status.endsWith('_COMPLETE') && touchedByThisDeploy(s))
  ) {
    return {
      action: 'done',
      outputs: Object.assign({}, ...states.map(s => s.outputs ?? {})),
    };
  }
  return { action: 'start' };
}

export async function runClaimedOperation(options: {
  store: EnvironmentStore;
  deployer: Deployer;
  claim: ClaimedOperation;
  target: DeployTarget;
  environment?: Environment;
  buffer: OperationEventBuffer;
  signal: AbortSignal;
  onFinished(environment: Environment): void;
}) {
  const { store, deployer, claim, target, environment, buffer, signal } =
    options;
  const kind = claim.operation.kind;
  const deployOptions = {
    onEvent: (event: Parameters<typeof buffer.push>[0]) => {
      if (!signal.aborted) buffer.push(event);
    },
    signal,
    resumeAfter: claim.deployStarted
      ? claim.lastEventAt ?? claim.deployStartedAt
      : undefined,
  };

  const finish = async (
    result: Parameters<EnvironmentStore['completeOperation']>[1],
  ) => {
    await buffer.flush();
    if (signal.aborted) return;
    if (!(await store.completeOperation(claim, result))) return;
    if (environment) {
      const [finished] = await store.getEnvironmentsByIds([environment.id]);
      options.onFinished(finished);
    }
  };

  try {
    let verdict: StackVerdict = { action: 'start' };
    if (claim.deployStarted && kind !== 'bootstrap') {
      verdict = judgeStacks(
        kind,
        await deployer.status(target),
        claim.deployStartedAt,
      );
    } else if (!(await store.markDeployStarted(claim))) {
      return; // lost the lease before starting anything
    }
    if (signal.aborted) return;
    if (
      kind !== 'bootstrap' &&
      (verdict.action === 'done' || verdict.action === 'fail') &&
      deployOptions.resumeAfter !== undefined
    ) {
      // finished while no replica followed it: record the events it missed
      await deployer.replayEvents(target, kind, {
        ...deployOptions,
        resumeAfter: deployOptions.resumeAfter,
      });
    }
    if (verdict.action === 'fail') throw new Error(verdict.reason);

    if (kind === 'bootstrap') {
      await deployer.bootstrap(
        { account: target.account, region: target.region },
        deployOptions,
      );
      await finish({ status: 'succeeded' });
    } else if (kind === 'destroy') {
      if (verdict.action !== 'done') {
        await deployer.destroy(target, deployOptions);
      }
      await finish({
        status: 'succeeded',
        environment: { to: 'destroyed', patch: { failureReason: null } },
      });
    } else {
      let result: Pick<DeployResult, 'outputs'> &
        Partial<Pick<DeployResult, 'templates' | 'resourceCount'>>;
      if (verdict.action === 'done') {
        result = { outputs: verdict.outputs };
      } else {
        result = await deployer.deploy(target, deployOptions);
      }
      if (result.resourceCount !== undefined) {
        await store.setProgress(claim, {
          resourcesPlanned: result.resourceCount,
        });
      }
      await finish({
        status: 'succeeded',
        environment: {
          to: 'ready',
          patch: {
            outputs: result.outputs,
            everReady: true,
            failureReason: null,
          },
        },
        templates: result.templates,
      });
    }
  } catch (error) {
    if (signal.aborted) return;
    const message = error instanceof Error ? error.message : String(error);
    await finish({
      status: 'failed',
      error: message,
      environment: environment && {
        to: 'failed',
        patch: { failureReason: `${kind} failed: ${message}` },
      },
    });
  }
}
