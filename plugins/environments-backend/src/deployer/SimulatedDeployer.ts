import type { Knex } from 'knex';
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
import {
  deploySchedule,
  destroySchedule,
  type StackToWalk,
} from './simulated/buildSchedule';
import {
  bootstrapTemplate,
  BOOTSTRAP_STACK,
  BOOTSTRAP_VERSION,
} from './simulated/bootstrapTemplate';
import { idSource, simulatedOutputs } from './simulated/simulatedOutputs';
import {
  endsAt,
  SimulatedStackStore,
  stackStatusAt,
  type SimulatedStack,
} from './simulated/SimulatedStackStore';
import type { DeployerWorker } from './worker/DeployerWorker';

export interface SimulatedDeployerOptions {
  knex: Knex;
  worker: Pick<DeployerWorker, 'call'>;
  /** Time between two events (`environments.simulated.eventIntervalMs`, default 150). */
  eventIntervalMs?: number;
  /** Logical-id substring of a resource that fails (`environments.simulated.failResource`). */
  failResource?: string;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let timer: NodeJS.Timeout | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(ms, 0));
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * A deployer without AWS: it synthesizes the real spec and walks the real resources of
 * its templates through CloudFormation-like events. Its "cloud" lives in the plugin
 * database (`simulated_stacks`), so every replica sees the same stacks and can re-attach.
 */
export class SimulatedDeployer implements Deployer {
  readonly simulated = true;
  private readonly store: SimulatedStackStore;
  private readonly intervalMs: number;

  constructor(private readonly options: SimulatedDeployerOptions) {
    this.store = new SimulatedStackStore(options.knex);
    this.intervalMs = Math.max(options.eventIntervalMs ?? 150, 1);
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
    const now = Date.now();
    const existing = await this.store.listEnvironment(target);
    const running = existing.filter(
      s => s.operation === 'deploy' && endsAt(s) >= now,
    );
    if (running.length === 0) {
      const synth = await this.options.worker.call<SynthesizedStacks>('synth', {
        spec: target.spec,
      });
      const started = this.scheduleDeploy(target, synth, existing, Date.now());
      await this.store.save(started);
      await this.follow(started, options);
    } else {
      await this.follow(
        this.stacksToReattach('deploy', existing, running, options),
        options,
      );
    }
    const stacks = await this.store.listEnvironment(target);
    const failed = stacks.find(
      s => s.operation === 'deploy' && !isCompleteStatus(s.finalStatus),
    );
    if (failed) {
      const cause = failed.events.find(e => e.status.endsWith('_FAILED'));
      throw new Error(
        `Stack ${failed.stackName} ended ${failed.finalStatus}: ${cause?.logicalId} (${cause?.resourceType}) ${cause?.status}: ${cause?.reason}`,
      );
    }
    const live = stacks.filter(s => isCompleteStatus(s.finalStatus));
    return {
      outputs: Object.assign({}, ...live.map(s => s.outputs)),
      templates: Object.fromEntries(live.map(s => [s.stackName, s.template])),
      resourceCount: live.reduce(
        (sum, s) => sum + Object.keys(s.template.Resources ?? {}).length,
        0,
      ),
    };
  }

  /**
   * The stacks a re-attach follows: those still running, or, with a resume
   * mark, all of the operation's, so that the stacks that finished meanwhile
   * replay the events after the mark too.
   */
  private stacksToReattach(
    kind: 'deploy' | 'destroy',
    existing: SimulatedStack[],
    running: SimulatedStack[],
    options: DeployOptions,
  ): SimulatedStack[] {
    return options.resumeAfter === undefined
      ? running
      : existing.filter(s => s.operation === kind);
  }

  async replayEvents(
    target: DeployTarget,
    kind: 'deploy' | 'destroy',
    options: DeployOptions & { resumeAfter: number },
  ): Promise<void> {
    const now = Date.now();
    const finished = (await this.store.listEnvironment(target)).filter(
      s => s.operation === kind && endsAt(s) < now,
    );
    await this.follow(finished, options);
  }

  async destroy(target: DeployTarget, options: DeployOptions): Promise<void> {
    const now = Date.now();
    const existing = await this.store.listEnvironment(target);
    const running = existing.filter(
      s => s.operation === 'destroy' && endsAt(s) >= now,
    );
    if (running.length > 0) {
      await this.follow(
        this.stacksToReattach('destroy', existing, running, options),
        options,
      );
      return;
    }
    const alive = existing.filter(
      s => stackStatusAt(s, now) !== 'DELETE_COMPLETE',
    );
    if (alive.length === 0) return;
    const synth = await this.options.worker.call<SynthesizedStacks>('synth', {
      spec: target.spec,
    });
    const order = synth.stacks.map(s => s.stackName).reverse();
    const rank = (name: string) =>
      order.includes(name) ? order.indexOf(name) : -1;
    alive.sort((a, b) => rank(a.stackName) - rank(b.stackName));
    let t = Date.now() + this.intervalMs;
    const deleting = alive.map((stack): SimulatedStack => {
      const nested =
        synth.stacks.find(s => s.stackName === stack.stackName)?.nested ?? [];
      const schedule = destroySchedule({
        stackName: stack.stackName,
        template: stack.template,
        nested,
        suffix: idSource(stack.stackName).upperHex(12),
      });
      const row: SimulatedStack = {
        ...stack,
        operation: 'destroy',
        startedAt: t,
        intervalMs: this.intervalMs,
        events: schedule.events,
        previousStatus: stackStatusAt(stack, now),
        finalStatus: schedule.finalStatus,
        outputs: {},
        followedUntil: null,
      };
      t += schedule.events.length * this.intervalMs;
      return row;
    });
    await this.store.save(deleting);
    await this.follow(deleting, options);
  }

  async bootstrap(
    target: { account: string; region: string },
    options: DeployOptions,
  ): Promise<void> {
    const now = Date.now();
    const current = await this.store.get(
      target.account,
      target.region,
      BOOTSTRAP_STACK,
    );
    if (current && endsAt(current) >= now) {
      await this.follow([current], options);
      return;
    }
    const previous =
      current && isCompleteStatus(current.finalStatus)
        ? current.template
        : undefined;
    const walk: StackToWalk = {
      stackName: BOOTSTRAP_STACK,
      template: bootstrapTemplate(),
      nested: [],
      suffix: '',
    };
    const schedule = deploySchedule(
      walk,
      previous,
      undefined,
      idSource(BOOTSTRAP_STACK).hex(32),
    );
    if (schedule.events.length === 0) return;
    const row: SimulatedStack = {
      account: target.account,
      region: target.region,
      stackName: BOOTSTRAP_STACK,
      environmentName: null,
      operation: 'bootstrap',
      startedAt: now + this.intervalMs,
      intervalMs: this.intervalMs,
      events: schedule.events,
      previousStatus: current ? stackStatusAt(current, now) : null,
      finalStatus: schedule.finalStatus,
      outputs: {
        BucketName: `cdk-hnb659fds-assets-${target.account}-${target.region}`,
        BootstrapVersion: String(BOOTSTRAP_VERSION),
      },
      template: walk.template,
      followedUntil: null,
    };
    await this.store.save([row]);
    await this.follow([row], options);
  }

  async status(target: DeployTarget): Promise<StackState[]> {
    const now = Date.now();
    const stacks = await this.store.listEnvironment(target);
    const names = new Set([
      ...environmentStackNames(
        String(target.spec.name ?? target.environmentName),
      ),
      ...stacks.map(s => s.stackName),
    ]);
    return [...names].map(stackName => {
      const stack = stacks.find(s => s.stackName === stackName);
      const status = stack ? stackStatusAt(stack, now) : 'NOT_FOUND';
      if (!stack || status === 'DELETE_COMPLETE')
        return { stackName, status: 'NOT_FOUND' };
      const lastUpdatedAt = stack.startedAt;
      return isCompleteStatus(status) && endsAt(stack) < now
        ? { stackName, status, outputs: stack.outputs, lastUpdatedAt }
        : { stackName, status, lastUpdatedAt };
    });
  }

  resolveSpec(request: ResolveSpecRequest): Promise<Record<string, unknown>> {
    return this.options.worker.call('resolveSpec', request);
  }

  async warm(): Promise<void> {
    await this.options.worker.call('warm', {});
  }

  async isBootstrapped(target: { account: string; region: string }) {
    const stack = await this.store.get(
      target.account,
      target.region,
      BOOTSTRAP_STACK,
    );
    const now = Date.now();
    if (
      stack &&
      isCompleteStatus(stackStatusAt(stack, now)) &&
      endsAt(stack) < now
    ) {
      return { bootstrapped: true, version: BOOTSTRAP_VERSION };
    }
    return {
      bootstrapped: false,
      message: `aws://${target.account}/${target.region} is not bootstrapped (simulated): run the bootstrap operation once for this account and region`,
    };
  }

  private scheduleDeploy(
    target: DeployTarget,
    synth: SynthesizedStacks,
    existing: SimulatedStack[],
    now: number,
  ): SimulatedStack[] {
    const requestId = idSource(`${target.environmentName}:${now}`);
    const templates = templatesByStackName(synth.stacks);
    const rows: SimulatedStack[] = [];
    let t = now + this.intervalMs;
    for (const stack of synth.stacks) {
      const current = existing.find(s => s.stackName === stack.stackName);
      const currentStatus = current ? stackStatusAt(current, now) : undefined;
      const live =
        currentStatus !== undefined && isCompleteStatus(currentStatus);
      const schedule = deploySchedule(
        {
          stackName: stack.stackName,
          template: stack.template,
          nested: stack.nested,
          suffix: idSource(stack.stackName).upperHex(12),
        },
        live ? current!.template : undefined,
        this.options.failResource,
        `${requestId.hex(8)}-${requestId.hex(4)}-${requestId.hex(
          4,
        )}-${requestId.hex(4)}-${requestId.hex(12)}`,
      );
      if (schedule.events.length === 0) continue;
      rows.push({
        account: target.account,
        region: target.region,
        stackName: stack.stackName,
        environmentName: target.environmentName,
        operation: 'deploy',
        startedAt: t,
        intervalMs: this.intervalMs,
        events: schedule.events,
        previousStatus:
          currentStatus === 'DELETE_COMPLETE' ? null : currentStatus ?? null,
        finalStatus: schedule.finalStatus,
        outputs: schedule.failure
          ? current?.outputs ?? {}
          : simulatedOutputs(
              stack.stackName,
              templates[stack.stackName],
              target,
            ),
        template: schedule.failure && live ? current!.template : stack.template,
        followedUntil: null,
      });
      t += schedule.events.length * this.intervalMs;
      if (schedule.failure) break;
    }
    return rows;
  }

  /**
   * Emits the scheduled events, each at its time, from the last event recorded
   * (`resumeAfter`) or where the last follower of this operation got to (all of them
   * on a fresh start), and records the progress so that a replica taking over neither
   * loses nor repeats events.
   */
  private async follow(stacks: SimulatedStack[], options: DeployOptions) {
    const marks = stacks.flatMap(s =>
      s.followedUntil === null ? [] : [s.followedUntil],
    );
    // after the last event recorded when the worker says so (the events a dead
    // replica held in memory are replayed), else after the last one handed out
    let from = marks.length > 0 ? Math.max(...marks) + 1 : 0;
    if (options.resumeAfter !== undefined) from = options.resumeAfter + 1;
    const timeline = stacks
      .flatMap(s =>
        s.events.map((event, i) => ({
          at: s.startedAt + i * s.intervalMs,
          event,
        })),
      )
      .filter(e => e.at >= from)
      .sort((a, b) => a.at - b.at);
    let markedAt = 0;
    const mark = async (at: number) => {
      markedAt = Date.now();
      await this.store.markFollowed(stacks, at).catch(() => {
        // best effort: a lost mark only means a few repeated events on a takeover
      });
    };
    for (const { at, event } of timeline) {
      await sleep(at - Date.now(), options.signal);
      await options.onEvent({ time: new Date(at).toISOString(), ...event });
      if (Date.now() - markedAt >= 500) await mark(at);
    }
    const last = timeline.at(-1);
    if (last) await mark(last.at);
  }
}
