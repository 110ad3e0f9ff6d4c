import type { WorkerContext } from '../worker/deployerWorkerMain';
import {
  APPROVAL_CODES,
  ioMessageToEvent,
  type ToolkitIoMessage,
} from './ioMessageToEvent';

type ToolkitLib = typeof import('@aws-cdk/toolkit-lib');

export interface ToolkitRunArgs {
  account: string;
  region: string;
  environmentName?: string;
  spec?: Record<string, unknown>;
}

/** Lazy require: toolkit-lib and aws-cdk-lib load only in the worker. */
function loadToolkitLib(): ToolkitLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@aws-cdk/toolkit-lib');
}

/**
 * An IoHost that turns messages into events as they arrive, collects stack outputs and
 * answers the approval requests (the portal already asked the user).
 */
export function createIoHost(context: Pick<WorkerContext, 'emit'>) {
  const outputs: Record<string, string> = {};
  return {
    outputs,
    async notify(msg: ToolkitIoMessage) {
      const mapped = ioMessageToEvent(msg);
      if (mapped.event) context.emit(mapped.event);
      if (mapped.outputs) Object.assign(outputs, mapped.outputs);
    },
    async requestResponse(
      msg: ToolkitIoMessage & { defaultResponse: unknown },
    ) {
      return APPROVAL_CODES.has(msg.code) ? true : msg.defaultResponse;
    },
  };
}

/** A `Toolkit` whose base credentials are asked from the backend for the target account. */
export function createEnvironmentToolkit(
  args: ToolkitRunArgs,
  context: WorkerContext,
  ioHost: ReturnType<typeof createIoHost>,
) {
  const cdk = loadToolkitLib();
  const provider = async () => {
    const c = await context.credentials(args.account, args.region);
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: c.expiration ? new Date(c.expiration) : undefined,
    };
  };
  const toolkit = new cdk.Toolkit({
    ioHost: ioHost as any,
    color: false,
    sdkConfig: {
      baseCredentials: cdk.BaseCredentials.custom({
        provider,
        region: args.region,
      }),
    },
  });
  return { cdk, toolkit, provider };
}

/** The environment's cloud assembly: infra's `buildEnvironmentApp`, synthesized by toolkit-lib. */
export async function environmentAssembly(
  toolkit: InstanceType<ToolkitLib['Toolkit']>,
  spec: unknown,
) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const infra: typeof import('@taskplatform/infra') = require('@taskplatform/infra');
  const synthesized = {
    templates: {} as Record<string, unknown>,
    resourceCount: 0,
  };
  const cx = await toolkit.fromAssemblyBuilder(
    async ({ outdir, context: cdkContext }) => {
      const { app } = infra.buildEnvironmentApp(spec, {
        outdir,
        context: cdkContext,
      });
      const assembly = app.synth();
      synthesized.templates = {};
      synthesized.resourceCount = 0;
      for (const stack of assembly.stacks) {
        synthesized.templates[stack.stackName] = stack.template;
        synthesized.resourceCount += Object.keys(
          stack.template.Resources ?? {},
        ).length;
      }
      return assembly;
    },
    { clobberEnv: false },
  );
  return { cx, synthesized };
}

/**
 * Runs a toolkit-lib action in the deployer worker: `Toolkit` with an assembly builder
 * calling infra's `buildEnvironmentApp` (no CLI, `clobberEnv: false`), credentials asked
 * from the backend per account, and IoHost messages turned into events as they arrive.
 */
export async function runToolkit(
  op: 'toolkitDeploy' | 'toolkitDestroy' | 'toolkitBootstrap',
  args: ToolkitRunArgs,
  context: WorkerContext,
): Promise<unknown> {
  const ioHost = createIoHost(context);
  const { cdk, toolkit, provider } = createEnvironmentToolkit(
    args,
    context,
    ioHost,
  );
  // Fail before any toolkit work when the backend has no credentials for the account.
  await provider();

  if (op === 'toolkitBootstrap') {
    await toolkit.bootstrap(
      cdk.BootstrapEnvironments.fromList([
        `aws://${args.account}/${args.region}`,
      ]),
    );
    return {};
  }
  const { cx, synthesized } = await environmentAssembly(toolkit, args.spec);
  const stacks = { strategy: cdk.StackSelectionStrategy.ALL_STACKS };
  if (op === 'toolkitDestroy') {
    await toolkit.destroy(cx, { stacks });
    return {};
  }
  const result = await toolkit.deploy(cx, { stacks });
  for (const stack of result.stacks)
    Object.assign(ioHost.outputs, stack.outputs);
  return { outputs: ioHost.outputs, ...synthesized };
}
