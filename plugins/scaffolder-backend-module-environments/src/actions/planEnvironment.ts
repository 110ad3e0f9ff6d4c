import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { EnvironmentsApiClient } from '../EnvironmentsApiClient';
import {
  environmentSpecInput,
  resolveEnvironmentSpec,
} from './environmentSpecInput';
import { formatPlan } from './formatPlan';
import { examples } from './planEnvironment.examples';

/**
 * `environments:plan`: validates the spec, then asks the environments backend for a
 * plan (synth, cdk-nag, cost, diff; no AWS change) as the initiating user. Records
 * nothing, so it behaves the same in a dry run.
 */
export function createPlanEnvironmentAction(options: {
  client: EnvironmentsApiClient;
}) {
  const { client } = options;
  return createTemplateAction({
    id: 'environments:plan',
    description:
      'Plans a new AWS environment (or a change to an existing one) from a preset and overrides: the CDK app is synthesized and checked by cdk-nag, its monthly cost estimated and its templates diffed. Nothing is recorded or deployed.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...environmentSpecInput,
        environment: z =>
          z
            .string({
              description:
                'Name of an existing environment to diff the plan against (its last deployed templates)',
            })
            .optional(),
      },
      output: {
        spec: z =>
          z.record(z.unknown(), {
            description: 'The full validated EnvironmentSpec',
          }),
        summary: z =>
          z.record(z.unknown(), {
            description:
              'Resources by type, stacks, node groups, database and NAT gateways',
          }),
        cost: z =>
          z.record(z.unknown(), {
            description:
              'Monthly cost estimate with its lines, source and date',
          }),
        monthlyCostUsd: z =>
          z.number({ description: 'Estimated monthly cost in USD' }),
        nag: z =>
          z.record(z.unknown(), {
            description:
              'cdk-nag errors (rule, description, paths) and warning count',
          }),
        nagErrorCount: z =>
          z.number({ description: 'Number of cdk-nag errors' }),
        diff: z =>
          z
            .record(z.unknown(), {
              description:
                'Per stack: resources added, removed and changed (with replacement); only with `environment`',
            })
            .optional(),
        simulated: z =>
          z.boolean({
            description: 'Planned by the simulated deployer (no real AWS)',
          }),
        markdown: z =>
          z.string({
            description: 'The plan as Markdown, for a template output',
          }),
      },
    },
    async handler(ctx) {
      const { preset, overrides, spec } = await resolveEnvironmentSpec(
        ctx.input,
      );
      ctx.logger.info(
        `Planning environment ${spec.name} (${preset}, account ${spec.account}, ${spec.region})`,
      );
      const plan = await client.plan(
        { preset, spec: overrides, environment: ctx.input.environment },
        await ctx.getInitiatorCredentials(),
      );
      const lines = formatPlan(spec.name, plan);
      for (const line of lines) ctx.logger.info(line);
      if (plan.nag.errors.length > 0) {
        ctx.logger.warn(
          `cdk-nag reports ${plan.nag.errors.length} error(s): see the table above`,
        );
      }
      ctx.output('spec', plan.spec);
      ctx.output('summary', plan.summary);
      ctx.output('cost', plan.cost);
      ctx.output('monthlyCostUsd', plan.cost.monthlyUsd);
      ctx.output('nag', plan.nag);
      ctx.output('nagErrorCount', plan.nag.errors.length);
      if (plan.diff) ctx.output('diff', plan.diff);
      ctx.output('simulated', plan.simulated);
      ctx.output('markdown', lines.join('\n'));
    },
  });
}
