import {
  Deployer,
  DeployerEvent,
  DeployOptions,
  DeployResult,
  DeployTarget,
  StackState,
} from '../deployer/Deployer';
import { PlanResult } from '../deployer/planResult';

const STACKS = ['network', 'cluster'];
const RESOURCES_PER_STACK = 3;

type CloudStack = {
  kind: 'deploy' | 'destroy';
  startedAt: number;
  /** Set by failResource: the deploy ends in ROLLBACK_COMPLETE. */
  fails: boolean;
};

/**
 * A test double of the Deployer interface with a "cloud" that keeps going
 * without the process that started it (like CloudFormation): a deploy is a
 * schedule of events over time, shared by every deployer made on the same
 * cloud, so a second worker can re-attach. Counts the deploys it starts.
 */
export class FakeCloud {
  readonly stacks = new Map<string, CloudStack>();
  starts = 0;
  destroyStarts = 0;
  bootstraps = 0;
  warms = 0;
  failNext = false;
  /** cdk-nag errors the next plans report. */
  nagErrors: PlanResult['nag']['errors'] = [];

  constructor(readonly stepMs = 40) {}

  deployer(): Deployer {
    // eslint-disable-next-line @typescript-eslint/no-use-before-define
    return new FakeCloudDeployer(this);
  }

  durationMs() {
    return STACKS.length * RESOURCES_PER_STACK * 2 * this.stepMs;
  }
}

function stackName(target: DeployTarget, stack: string) {
  return `${target.environmentName}-${stack}`;
}

function schedule(target: DeployTarget, kind: 'deploy' | 'destroy') {
  const events: Omit<DeployerEvent, 'time'>[] = [];
  for (const stack of STACKS) {
    for (let i = 0; i < RESOURCES_PER_STACK; i++) {
      const base = {
        stack: stackName(target, stack),
        logicalId: `${stack}Resource${i}`,
        resourceType: 'AWS::SSM::Parameter',
      };
      const verb = kind === 'deploy' ? 'CREATE' : 'DELETE';
      events.push({ ...base, status: `${verb}_IN_PROGRESS` });
      events.push({ ...base, status: `${verb}_COMPLETE` });
    }
  }
  return events;
}

class FakeCloudDeployer implements Deployer {
  readonly simulated = true;
  constructor(private readonly cloud: FakeCloud) {}

  async plan(request: { spec: Record<string, unknown> }): Promise<PlanResult> {
    return {
      spec: request.spec,
      summary: {
        totalResources: STACKS.length * RESOURCES_PER_STACK,
        resourcesByType: { 'AWS::SSM::Parameter': 6 },
        nodeGroups: [],
        database: {
          instanceClass: 'db.t4g.medium',
          allocatedStorageGb: 20,
          maxAllocatedStorageGb: 100,
          multiAz: false,
          engineVersion: '16',
        },
        natGateways: 1,
        stacks: STACKS,
      },
      cost: {
        monthlyUsd: 123.45,
        currency: 'USD',
        region: String(request.spec.region),
        source: 'test',
        priceDate: '2026-12-01',
        lines: [],
      },
      nag: { errors: this.cloud.nagErrors, warningCount: 0 },
      bootstrap: { bootstrapped: true, version: 21 },
      simulated: true,
    };
  }

  private async run(
    target: DeployTarget,
    kind: 'deploy' | 'destroy',
    options: DeployOptions,
  ) {
    const key = target.environmentName;
    let stack = this.cloud.stacks.get(key);
    const inProgress =
      stack?.kind === kind &&
      Date.now() < stack.startedAt + this.cloud.durationMs();
    if (!inProgress) {
      // not re-attaching: this call starts a new deploy
      stack = { kind, startedAt: Date.now(), fails: this.cloud.failNext };
      this.cloud.failNext = false;
      this.cloud.stacks.set(key, stack);
      if (kind === 'deploy') this.cloud.starts++;
      else this.cloud.destroyStarts++;
    }
    const events = schedule(target, kind);
    for (let i = 0; i < events.length; i++) {
      const due = stack!.startedAt + (i + 1) * this.cloud.stepMs;
      const wait = due - Date.now();
      if (wait > 0) await new Promise(r => setTimeout(r, wait));
      if (options.signal?.aborted) throw new Error('aborted');
      if (wait > 0 || !inProgress) {
        await options.onEvent({
          ...events[i],
          time: new Date(due).toISOString(),
        });
      }
      if (stack!.fails && i === 2) {
        await options.onEvent({
          ...events[i],
          status: 'CREATE_FAILED',
          reason: 'Resource handler returned message: "Injected failure"',
          time: new Date().toISOString(),
        });
        this.cloud.stacks.delete(key); // rolled back
        throw new Error(
          `${events[i].stack}: ${events[i].logicalId} CREATE_FAILED: Injected failure`,
        );
      }
    }
  }

  async deploy(
    target: DeployTarget,
    options: DeployOptions,
  ): Promise<DeployResult> {
    await this.run(target, 'deploy', options);
    return {
      outputs: {
        ClusterName: `${target.environmentName}-cluster`,
        ClusterEndpoint: `https://${target.environmentName}.eks.example.com`,
        ClusterCertificateAuthorityData: 'Q0EK',
        DatabaseEndpoint: `${target.environmentName}.db.example.com`,
        DatabasePort: '5432',
      },
      templates: Object.fromEntries(
        STACKS.map(s => [
          stackName(target, s),
          { Resources: { [`${s}Resource0`]: {} } },
        ]),
      ),
      resourceCount: STACKS.length * RESOURCES_PER_STACK,
    };
  }

  async destroy(target: DeployTarget, options: DeployOptions): Promise<void> {
    await this.run(target, 'destroy', options);
    this.cloud.stacks.delete(target.environmentName);
  }

  async bootstrap(): Promise<void> {
    this.cloud.bootstraps++;
  }

  async status(target: DeployTarget): Promise<StackState[]> {
    const stack = this.cloud.stacks.get(target.environmentName);
    return STACKS.map(s => {
      const stackName_ = stackName(target, s);
      if (!stack) return { stackName: stackName_, status: 'NOT_FOUND' };
      const done = Date.now() >= stack.startedAt + this.cloud.durationMs();
      const verb = stack.kind === 'deploy' ? 'CREATE' : 'DELETE';
      return {
        stackName: stackName_,
        status: `${verb}_${done ? 'COMPLETE' : 'IN_PROGRESS'}`,
        lastUpdatedAt: stack.startedAt,
      };
    });
  }

  async replayEvents(
    target: DeployTarget,
    kind: 'deploy' | 'destroy',
    options: DeployOptions & { resumeAfter: number },
  ): Promise<void> {
    const stack = this.cloud.stacks.get(target.environmentName);
    if (!stack || stack.kind !== kind) return;
    const events = schedule(target, kind);
    for (let i = 0; i < events.length; i++) {
      const due = stack.startedAt + (i + 1) * this.cloud.stepMs;
      if (due > options.resumeAfter && due <= Date.now()) {
        await options.onEvent({
          ...events[i],
          time: new Date(due).toISOString(),
        });
      }
    }
  }

  async warm(): Promise<void> {
    this.cloud.warms++;
  }

  async isBootstrapped() {
    return { bootstrapped: true, version: 21 };
  }
}
