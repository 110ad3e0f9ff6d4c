import { createRequire } from 'node:module';
import type { PlanResult } from '../planResult';
import type { CfnTemplate } from './SynthesizedStack';

export type PlanDiff = NonNullable<PlanResult['diff']>;

/**
 * toolkit-lib's own diff engine (`@aws-cdk/cloudformation-diff`, which knows which property
 * changes replace a resource), resolved through toolkit-lib so that its version is the one
 * toolkit-lib deploys with.
 */
function loadCloudFormationDiff(): typeof import('@aws-cdk/cloudformation-diff') {
  return createRequire(require.resolve('@aws-cdk/toolkit-lib'))(
    '@aws-cdk/cloudformation-diff',
  );
}

const REPLACING = new Set<string>(['WILL_REPLACE', 'MAY_REPLACE']);

/**
 * Compares each stack's new template with the one deployed last (by stack name), with
 * CloudFormation's own knowledge of which property changes replace a resource
 * (`@aws-cdk/cloudformation-diff`). Stacks only in `previous` are listed as all removed.
 */
export function diffStacks(
  previous: Record<string, unknown>,
  next: Record<string, CfnTemplate>,
): PlanDiff {
  const { fullDiff } = loadCloudFormationDiff();
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

/**
 * Loads the diff engine and CloudFormation's resource specification (a first diff
 * with a property change reads its database: about a second of CPU). The deployer
 * worker calls this once it is idle after its first plan, so that the next plan of a
 * change to an existing environment does not pay it.
 */
export function warmDiffEngine(): void {
  const bucket = (name: string) => ({
    Resources: {
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: name } },
    },
  });
  diffStacks({ warm: bucket('a') }, { warm: bucket('b') });
}
