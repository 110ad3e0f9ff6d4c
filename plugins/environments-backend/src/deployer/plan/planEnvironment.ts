import type { PlanResult } from '../planResult';
import { estimateMonthlyCost } from '../pricing/estimateMonthlyCost';
import { diffStacks } from './diffStacks';
import { costDrivers, summarizeStacks } from './summarizeStacks';
import { templatesByStackName } from './SynthesizedStack';
import { synthesizeStacks } from './synthesizeStacks';

/** The part of a plan that needs no AWS call: synth, cdk-nag, summary, cost and diff. */
export type OfflinePlan = Omit<PlanResult, 'bootstrap' | 'simulated'>;

/** Plans an environment (runs in the deployer worker process). */
export async function planEnvironment(request: {
  spec: Record<string, unknown>;
  previousTemplates?: Record<string, unknown>;
}): Promise<OfflinePlan> {
  const synth = await synthesizeStacks(request.spec);
  const summary = summarizeStacks(synth.stacks);
  const region = String(synth.spec.region);
  return {
    spec: synth.spec,
    summary,
    cost: estimateMonthlyCost(region, summary, costDrivers(synth.stacks)),
    nag: synth.nag,
    diff: request.previousTemplates
      ? diffStacks(
          request.previousTemplates,
          templatesByStackName(synth.stacks),
        )
      : undefined,
  };
}
