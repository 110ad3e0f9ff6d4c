import type { WorkerContext } from '../worker/deployerWorkerMain';
import {
  APPROVAL_CODES,
  ioMessageToEvent,
  type ToolkitIoMessage,
} from './ioMessageToEvent';

export interface ToolkitRunArgs {
  account: string;
  region: string;
  environmentName?: string;
  spec?: Record<string, unknown>;
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
  // Lazy requires: toolkit-lib and aws-cdk-lib load only here, in the worker.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdk: typeof import('@aws-cdk/toolkit-lib') = require('@aws-cdk/toolkit-lib');
  const outputs: Record<string, string> = {};
  const ioHost = {
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
  const provider = async () => {
    const c = await context.credentials(args.account, args.region);
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: c.expiration ? new Date(c.expiration) : undefined,
    };
  };
  // Fail before any toolkit work when the backend has no credentials for the account.
  await provider();
  const toolkit = new cdk.Toolkit({
    ioHost: ioHost as any,
    color: false,
    emojis: true,
    sdkConfig: {
      baseCredentials: cdk.BaseCredentials.custom({
        provider,
      }),
    },
  });

  if (op === 'toolkitBootstrap') {
    await toolkit.bootstrap(
      cdk.BootstrapEnvironments.fromList([
        `aws://${args.account}/${args.region}`,
      ]),
    );
    return {};
  }

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const infra: typeof import('@taskplatform/infra') = require('@taskplatform/infra');
  const templates: Record<string, unknown> = {};
  let resourceCount = 0;
  const cx = await toolkit.fromAssemblyBuilder(
    async ({ outdir, context: cdkContext }) => {
      const { app } = infra.buildEnvironmentApp(args.spec, {
        outdir,
        context: cdkContext,
      });
      const assembly = app.synth();
      for (const stack of assembly.stacks) {
        templates[stack.stackName] = stack.template;
        resourceCount += Object.keys(stack.template.Resources ?? {}).length;
      }
      return assembly;
    },
    { clobberEnv: false },
  );
  const stacks = { strategy: cdk.StackSelectionStrategy.ALL_STACKS };
  if (op === 'toolkitDestroy') {
    await toolkit.destroy(cx, { stacks });
    return {};
  }
  const result = await toolkit.deploy(cx, { stacks });
  for (const stack of result.stacks) Object.assign(outputs, stack.outputs);
  return { outputs, templates, resourceCount };
}
