import type { Deployer } from '../Deployer';
import type { PlanResult } from '../planResult';
import type { DeployerWorker } from '../worker/DeployerWorker';
import type { OfflinePlan } from './planEnvironment';

/**
 * The plan every deployer gives: synthesis, cdk-nag, summary, cost and diff in
 * the worker process, then whether the spec's account and region are
 * bootstrapped, as the deployer itself sees it.
 */
export async function planInWorker(
  worker: Pick<DeployerWorker, 'call'>,
  deployer: Pick<Deployer, 'isBootstrapped' | 'simulated'>,
  request: Parameters<Deployer['plan']>[0],
): Promise<PlanResult> {
  const plan = await worker.call<OfflinePlan>('plan', request);
  const bootstrap = await deployer.isBootstrapped({
    account: String(plan.spec.account),
    region: String(plan.spec.region),
  });
  return { ...plan, bootstrap, simulated: deployer.simulated };
}
