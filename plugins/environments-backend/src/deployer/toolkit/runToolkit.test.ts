import { specFromPreset } from '@taskplatform/infra';
import type { DeployerEvent } from '../Deployer';
import {
  createEnvironmentToolkit,
  createIoHost,
  environmentAssembly,
} from './runToolkit';

jest.setTimeout(120_000);

describe('toolkit-lib with infra (one synth for the file, no AWS)', () => {
  it('synthesizes infra’s app through fromAssemblyBuilder without credentials or process.env changes', async () => {
    const env = { ...process.env };
    const events: DeployerEvent[] = [];
    let credentialCalls = 0;
    const context = {
      emit: (e: DeployerEvent) => void events.push(e),
      credentials: async () => {
        credentialCalls++;
        throw new Error('no AWS in this test');
      },
    };
    const ioHost = createIoHost(context);
    const { toolkit, cdk } = createEnvironmentToolkit(
      { account: '210987654321', region: 'us-east-1' },
      context,
      ioHost,
    );
    const { cx, synthesized } = await environmentAssembly(
      toolkit,
      specFromPreset('dev', { name: 'toolkit-dev', account: '210987654321' }),
    );
    const assembly = await toolkit.synth(cx, {
      stacks: { strategy: cdk.StackSelectionStrategy.ALL_STACKS },
    });
    try {
      expect(Object.keys(synthesized.templates).sort()).toEqual([
        'toolkit-dev-cicd',
        'toolkit-dev-cluster',
        'toolkit-dev-database',
        'toolkit-dev-network',
        'toolkit-dev-storage',
      ]);
      expect(synthesized.resourceCount).toBeGreaterThan(100);
      // toolkit-lib looks up the default account once and goes on when that fails.
      expect(credentialCalls).toBeLessThanOrEqual(1);
      expect(events).toEqual([]);
      expect(process.env).toEqual(env); // clobberEnv: false
    } finally {
      await assembly.dispose();
    }
  });

  it('answers the deploy and destroy approval requests with yes, others with their default', async () => {
    const ioHost = createIoHost({ emit: () => {} });
    const ask = (code: string) =>
      ioHost.requestResponse({
        time: new Date(),
        level: 'info',
        code,
        message: '?',
        defaultResponse: false,
      });
    expect(await ask('CDK_TOOLKIT_I5060')).toBe(true);
    expect(await ask('CDK_TOOLKIT_I7010')).toBe(true);
    expect(await ask('CDK_TOOLKIT_I9210')).toBe(false);
  });
});
