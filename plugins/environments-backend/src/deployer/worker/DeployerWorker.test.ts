import { mockServices } from '@backstage/backend-test-utils';
import { specFromPreset } from '@taskplatform/infra';
import type { OfflinePlan } from '../plan/planEnvironment';
import { DeployerWorker } from './DeployerWorker';

jest.setTimeout(180_000);

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('DeployerWorker (a real child process, one synth for the file)', () => {
  it('plans in a child process, answers credential requests, and exits when idle', async () => {
    const asked: string[] = [];
    const worker = new DeployerWorker({
      logger: mockServices.logger.mock(),
      idleTimeoutMs: 500,
      credentials: async (accountId, region) => {
        asked.push(`${accountId}/${region}`);
        throw Object.assign(
          new Error(`No AWS credentials for account ${accountId}`),
          {
            name: 'MissingAwsCredentialsError',
          },
        );
      },
    });
    const plan = await worker.call<OfflinePlan>('plan', {
      spec: specFromPreset('dev', { name: 'worker-dev' }),
    });
    const pid = worker.pid!;
    expect(pid).not.toBe(process.pid);
    expect(plan.summary.stacks).toContain('worker-dev-cluster');
    expect(plan.nag.errors).toEqual([]);
    expect(plan.cost.monthlyUsd).toBeGreaterThan(100);

    // Spec validation runs in the worker too; infra's issues survive IPC.
    const spec = await worker.call<Record<string, any>>('resolveSpec', {
      preset: 'prod',
      overrides: { name: 'worker-prod' },
    });
    expect(spec).toMatchObject({ name: 'worker-prod', stage: 'prod' });
    await expect(
      worker.call('resolveSpec', {
        preset: 'dev',
        overrides: { name: 'Not A DNS Label' },
      }),
    ).rejects.toMatchObject({
      name: 'InvalidEnvironmentSpecError',
      issues: [expect.objectContaining({ path: 'name' })],
    });

    // A toolkit operation asks the backend for credentials over IPC; the refusal comes back by name.
    await expect(
      worker.call('toolkitBootstrap', {
        account: '210987654321',
        region: 'us-east-1',
      }),
    ).rejects.toMatchObject({
      name: 'MissingAwsCredentialsError',
      message: 'No AWS credentials for account 210987654321',
    });
    expect(asked).toEqual(['210987654321/us-east-1']);
    expect(worker.pid).toBe(pid);

    // Idle: the process exits and gives its memory back.
    const deadline = Date.now() + 10_000;
    while (isAlive(pid) && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 100));
    }
    expect(isAlive(pid)).toBe(false);
    expect(worker.pid).toBeUndefined();
  });
});
