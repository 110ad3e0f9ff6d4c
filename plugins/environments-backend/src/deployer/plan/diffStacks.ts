import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import type { PlanResult } from '../planResult';
import type { CfnTemplate } from './SynthesizedStack';

export type PlanDiff = NonNullable<PlanResult['diff']>;

const REPLACING = new Set<string>([
  ResourceImpact.WILL_REPLACE,
  ResourceImpact.MAY_REPLACE,
]);

/**
 * Compares each stack's new template with the one deployed last (by stack name), with
 * CloudFormation's own knowledge of which property changes replace a resource
 * (`@aws-cdk/cloudformation-diff`). Stacks only in `previous` are listed as all removed.
 */
export function diffStacks(
  previous: Record<string, unknown>,
  next: Record<string, CfnTemplate>,
): PlanDiff {
  const names = [
    ...Object.keys(next),
    ...Object.keys(previous).filter(name => !(name in next)),
  ];
  return {
    stacks: names.map(stack => {
      const diff = fullDiff(
        (previous[stack] ?? {}) as any,
        (next[stack] ?? {}) as any,
      );
      const added: string[] = [];
      const removed: string[] = [];
      const changed: PlanDiff['stacks'][number]['changed'] = [];
      diff.resources.forEachDifference((logicalId, change) => {
        if (change.isAddition) {
          added.push(logicalId);
        } else if (change.isRemoval) {
          removed.push(logicalId);
        } else {
          changed.push({
            logicalId,
            resourceType: change.resourceType ?? '',
            replacement: REPLACING.has(change.changeImpact),
          });
        }
      });
      return { stack, added, removed, changed };
    }),
  };
}
