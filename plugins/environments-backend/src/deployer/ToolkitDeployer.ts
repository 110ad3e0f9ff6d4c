import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type {
  Deployer,
  DeployOptions,
  DeployResult,
  DeployTarget,
  StackState,
} from './Deployer';
import {
  environmentStackNames,
  isCompleteStatus,
} from './environmentStackNames';
import type { ResolveSpecRequest } from './plan/resolveSpec';
import type { PlanResult } from './planResult';
import { planInWorker } from './plan/planInWorker';
import type { SynthesizedStacks } from './plan/synthesizeStacks';
import { templatesByStackName } from './plan/SynthesizedStack';
import { AccountCredentials } from './toolkit/accountCredentials';
import { lazyCloudFormation, lazySsm } from './toolkit/lazyAws';
import type { DeployerWorker } from './worker/DeployerWorker';

export const BOOTSTRAP_VERSION_PARAMETER = '/cdk-bootstrap/hnb659fds/version';
/** The oldest bootstrap version the default stack synthesizer accepts. */
export const MIN_BOOTSTRAP_VERSION = 6;

export interface ToolkitDeployerOptions {
  config: Config;
  worker: Pick<DeployerWorker, 'call'>;
  logger: LoggerService;
  /** AWS endpoint override for STS, SSM and CloudFormation (tests point it at a local server). */
  endpoint?: string;
  /** How often a re-attached deploy polls CloudFormation (default 5 s). */
  pollIntervalMs?: number;
}

const inProgress = (status: string) => status.endsWith('_IN_PROGRESS');

/**
 * The real deployer: CDK toolkit-lib in the deployer worker process, with credentials per
 * account from `@backstage/integration-aws-node`.
 */
export class ToolkitDeployer implements Deployer {
  readonly simulated = false;
  readonly credentials: AccountCredentials;

  constructor(private readonly options: ToolkitDeployerOptions) {
    this.credentials = new AccountCredentials({
      config: options.config,
      endpoint: options.endpoint,
    });
  }

  async plan(request: {
    spec: Record<string, unknown>;
    previousTemplates?: Record<string, unknown>;
  }): Promise<PlanResult> {
    return planInWorker(this.options.worker, this, request);
  }

  async deploy(
    target: DeployTarget,
    options: DeployOptions,
  ): Promise<DeployResult> {
    this.credentials.assertConfigured(target.account);
    const { followed, states } = await this.followRunning(target, options);
    if (followed && states.every(s => isCompleteStatus(s.status))) {
      // Another replica's deploy finished while we followed it: do not start a second one.
      const synth = await this.options.worker.call<SynthesizedStacks>('synth', {
        spec: target.spec,
      });
      return {
        outputs: Object.assign({}, ...states.map(s => s.outputs ?? {})),
        templates: templatesByStackName(synth.stacks),
        resourceCount: synth.stacks.reduce(
          (n, s) => n + Object.keys(s.template.Resources ?? {}).length,
          0,
        ),
      };
    }
    return this.options.worker.call<DeployResult>(
      'toolkitDeploy',
      { ...target },
      options.onEvent,
    );
  }

  async destroy(target: DeployTarget, options: DeployOptions): Promise<void> {
    this.credentials.assertConfigured(target.account);
    const { followed, states } = await this.followRunning(target, options);
    if (followed && states.every(s => s.status === 'NOT_FOUND')) return;
    await this.options.worker.call(
      'toolkitDestroy',
      { ...target },
      options.onEvent,
    );
  }

  async bootstrap(
    target: { account: string; region: string },
    options: DeployOptions,
  ): Promise<void> {
    this.credentials.assertConfigured(target.account);
    await this.options.worker.call(
      'toolkitBootstrap',
      { ...target },
      options.onEvent,
    );
  }

  async status(target: DeployTarget): Promise<StackState[]> {
    const cfn = this.cloudFormation(target.account, target.region);
    const { DescribeStacksCommand } = lazyCloudFormation();
    const names = environmentStackNames(
      String(target.spec.name ?? target.environmentName),
    );
    return Promise.all(
      names.map(async (stackName): Promise<StackState> => {
        try {
          const { Stacks } = await cfn.send(
            new DescribeStacksCommand({ StackName: stackName }),
          );
          const stack = Stacks?.[0];
          if (!stack?.StackStatus || stack.StackStatus === 'DELETE_COMPLETE') {
            return { stackName, status: 'NOT_FOUND' };
          }
          const outputs = Object.fromEntries(
            (stack.Outputs ?? []).flatMap(o =>
              o.OutputKey && !o.OutputKey.startsWith('ExportsOutput')
                ? [[o.OutputKey, o.OutputValue ?? '']]
                : [],
            ),
          );
          const lastUpdated = stack.LastUpdatedTime ?? stack.CreationTime;
          return {
            stackName,
            status: stack.StackStatus,
            outputs,
            lastUpdatedAt: lastUpdated && new Date(lastUpdated).getTime(),
          };
        } catch (error) {
          if (/does not exist/.test((error as Error).message)) {
            return { stackName, status: 'NOT_FOUND' };
          }
          throw error;
        }
      }),
    );
  }

  resolveSpec(request: ResolveSpecRequest): Promise<Record<string, unknown>> {
    return this.options.worker.call('resolveSpec', request);
  }

  async warm(): Promise<void> {
    await this.options.worker.call('warm', {});
  }

  async isBootstrapped(target: { account: string; region: string }) {
    const where = `aws://${target.account}/${target.region}`;
    try {
      this.credentials.assertConfigured(target.account);
      const { SSMClient, GetParameterCommand } = lazySsm();
      const ssm = new SSMClient({
        region: target.region,
        credentials: this.credentials.provider(target.account, target.region),
        endpoint: this.options.endpoint,
        maxAttempts: 2,
      });
      const { Parameter } = await ssm.send(
        new GetParameterCommand({ Name: BOOTSTRAP_VERSION_PARAMETER }),
      );
      const version = Number(Parameter?.Value);
      if (version >= MIN_BOOTSTRAP_VERSION)
        return { bootstrapped: true, version };
      return {
        bootstrapped: false,
        version,
        message: `${where} has CDK bootstrap version ${version}; ${MIN_BOOTSTRAP_VERSION} or later is needed: run the bootstrap operation`,
      };
    } catch (error) {
      const e = error as Error;
      if (e.name === 'ParameterNotFound') {
        return {
          bootstrapped: false,
          message: `${where} is not CDK-bootstrapped (no ${BOOTSTRAP_VERSION_PARAMETER}): run the bootstrap operation once`,
        };
      }
      return {
        bootstrapped: null,
        message: `Could not check the bootstrap of ${where}: ${e.message}`,
      };
    }
  }

  private cloudFormation(account: string, region: string) {
    return new (lazyCloudFormation().CloudFormationClient)({
      region,
      credentials: this.credentials.provider(account, region),
      endpoint: this.options.endpoint,
      maxAttempts: 3,
    });
  }

  /**
   * Waits while any stack of the environment is *_IN_PROGRESS (a deploy started by another
   * replica keeps running in CloudFormation), emitting its new stack events; returns the
   * settled states and whether there was anything to follow.
   */
  private async followRunning(target: DeployTarget, options: DeployOptions) {
    let states = await this.status(target);
    if (!states.some(s => inProgress(s.status))) {
      return { followed: false, states };
    }
    const seen = new Set<string>();
    // the events after the last one recorded (a dead replica's unwritten ones
    // included); without that mark, those of the last minute
    const after = options.resumeAfter ?? Date.now() - 60_000;
    while (states.some(s => inProgress(s.status))) {
      if (options.signal?.aborted) throw options.signal.reason;
      await this.emitStackEvents(
        target,
        states.filter(x => inProgress(x.status)).map(x => x.stackName),
        after,
        seen,
        options,
      );
      await new Promise(r =>
        setTimeout(r, this.options.pollIntervalMs ?? 5000),
      );
      states = await this.status(target);
    }
    return { followed: true, states };
  }

  async replayEvents(
    target: DeployTarget,
    _kind: 'deploy' | 'destroy',
    options: DeployOptions & { resumeAfter: number },
  ): Promise<void> {
    const stacks = (await this.status(target))
      .filter(s => s.status !== 'NOT_FOUND')
      .map(s => s.stackName);
    await this.emitStackEvents(
      target,
      stacks,
      options.resumeAfter,
      new Set(),
      options,
    );
  }

  /** Emits the stack events after `after` (epoch ms) not in `seen`, oldest first. */
  private async emitStackEvents(
    target: DeployTarget,
    stackNames: string[],
    after: number,
    seen: Set<string>,
    options: DeployOptions,
  ) {
    const cfn = this.cloudFormation(target.account, target.region);
    const { DescribeStackEventsCommand } = lazyCloudFormation();
    for (const stackName of stackNames) {
      const { StackEvents } = await cfn.send(
        new DescribeStackEventsCommand({ StackName: stackName }),
      );
      for (const e of [...(StackEvents ?? [])].reverse()) {
        if (!e.EventId || seen.has(e.EventId)) continue;
        seen.add(e.EventId);
        if (e.Timestamp && e.Timestamp.getTime() <= after) continue;
        await options.onEvent({
          time: (e.Timestamp ?? new Date()).toISOString(),
          stack: e.StackName ?? stackName,
          logicalId: e.LogicalResourceId ?? '',
          resourceType: e.ResourceType ?? '',
          status: e.ResourceStatus ?? '',
          reason: e.ResourceStatusReason,
        });
      }
    }
  }
}
