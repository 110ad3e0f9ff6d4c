/*
 * Entry of the deployer worker process. The backend forks this very file (see
 * DeployerWorker), so it is part of the build output next to its importer; it loads
 * aws-cdk-lib, infra and toolkit-lib only inside the worker, on first use.
 */
import type { DeployerEvent } from '../Deployer';
import { interopModule } from './interopModule';
import {
  serializeError,
  type ChildMessage,
  type ParentMessage,
  type WorkerCredentials,
} from './protocol';

/** Path of this module, for `child_process.fork`. */
export const DEPLOYER_WORKER_FILE = __filename;

/** What the operations of the worker get besides their arguments. */
export interface WorkerContext {
  emit(event: DeployerEvent): void;
  credentials(accountId: string, region: string): Promise<WorkerCredentials>;
}

function send(message: ChildMessage) {
  process.send?.(message);
}

async function runOp(
  op: string,
  args: any,
  context: WorkerContext,
): Promise<unknown> {
  switch (op) {
    case 'plan':
      return interopModule(
        await import('../plan/planEnvironment'),
      ).planEnvironment(args);
    case 'resolveSpec':
      return interopModule(await import('../plan/resolveSpec')).resolveSpec(
        args,
      );
    case 'warm':
      return warmUp();
    case 'synth':
      return interopModule(
        await import('../plan/synthesizeStacks'),
      ).synthesizeStacks(args.spec);
    case 'toolkitDeploy':
    case 'toolkitDestroy':
    case 'toolkitBootstrap':
      return interopModule(await import('../toolkit/runToolkit')).runToolkit(
        op,
        args,
        context,
      );
    default:
      throw new Error(`Unknown deployer worker operation ${op}`);
  }
}

let warmedUp: Promise<void> | undefined;

/** Operations other than `warm` started so far (the idle warm-up yields to them). */
let operationsStarted = 0;

/**
 * Loads aws-cdk-lib and infra and synthesizes a small dev spec once, so that
 * the plan and deploy that follow (a person is filling the create form) find
 * a warm process; then, if no operation came meanwhile, plans a prod spec
 * (synth, cdk-nag, summary, cost: every step of a plan, with the preset that
 * has the most resources). A dev synth alone left the first real prod plan
 * 1–2 s slower than the next ones; the whole prod plan up front made a form
 * sent within seconds of a start wait for it (6 s). Later calls only keep
 * the process alive.
 */
function warmUp(): Promise<void> {
  warmedUp ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const infra: typeof import('@taskplatform/infra') = require('@taskplatform/infra');
    const { synthesizeStacks } = interopModule(
      await import('../plan/synthesizeStacks'),
    );
    const before = operationsStarted;
    await synthesizeStacks(
      infra.specFromPreset('dev', { name: 'warm-up', account: '000000000000' }),
    );
    setTimeout(async () => {
      if (operationsStarted !== before) return; // a real plan came: it warms
      try {
        const { planEnvironment } = interopModule(
          await import('../plan/planEnvironment'),
        );
        await planEnvironment({
          spec: infra.specFromPreset('prod', {
            name: 'warm-up-prod',
            account: '000000000000',
          }) as unknown as Record<string, unknown>,
        });
      } catch {
        // only a warm-up: the next plan reports its own errors
      }
      warmDiffEngineOnce();
    }, 50);
  })();
  // a failed warm-up is tried again by the next call
  warmedUp.catch(() => {
    warmedUp = undefined;
  });
  return warmedUp;
}

let diffEngineWarmed = false;

/** After the first synth, when idle: load the diff engine for the next plan. */
function warmDiffEngineOnce() {
  if (diffEngineWarmed) return;
  diffEngineWarmed = true;
  setTimeout(async () => {
    try {
      interopModule(await import('../plan/diffStacks')).warmDiffEngine();
    } catch {
      // only a warm-up: the next plan with a diff loads it (and reports errors)
    }
  }, 50);
}

function startWorker() {
  let nextCredentialsRequest = 1;
  const waiting = new Map<
    number,
    { resolve(c: WorkerCredentials): void; reject(e: Error): void }
  >();
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'credentials') {
      const entry = waiting.get(message.requestId);
      waiting.delete(message.requestId);
      if (message.credentials) entry?.resolve(message.credentials);
      else
        entry?.reject(
          Object.assign(new Error(message.error?.message), message.error),
        );
      return;
    }
    if (message.type !== 'request') return;
    const { id, op, args } = message;
    const context: WorkerContext = {
      emit: event => send({ type: 'event', id, event }),
      credentials: (accountId, region) =>
        new Promise((resolve, reject) => {
          const requestId = nextCredentialsRequest++;
          waiting.set(requestId, { resolve, reject });
          send({ type: 'credentials', requestId, accountId, region });
        }),
    };
    if (op !== 'warm') operationsStarted++;
    runOp(op, args, context).then(
      result => {
        send({ type: 'result', id, result });
        if (op === 'plan' || op === 'synth') warmDiffEngineOnce();
      },
      error => send({ type: 'result', id, error: serializeError(error) }),
    );
  });
}

if (require.main === module) {
  startWorker();
}
