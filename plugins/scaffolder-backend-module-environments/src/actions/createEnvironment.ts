import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { EnvironmentsApiClient } from '../EnvironmentsApiClient';
import { examples } from './createEnvironment.examples';
import {
  environmentSpecInput,
  resolveEnvironmentSpec,
} from './environmentSpecInput';
import { followOperation } from './followOperation';
import { formatPlan } from './formatPlan';

/** How long the actions follow an operation, and how often they ask for new events. */
export interface FollowOptions {
  /** Default wait for an operation to finish, in seconds (action input `followTimeoutSeconds` overrides it). */
  followTimeoutSeconds: number;
  pollIntervalMs: number;
}

/**
 * `environments:create`: records the environment and queues its deploy in the
 * environments backend as the initiating user, once per task and step (a retried or
 * recovered task replays the checkpoint and sends the same idempotency key), then
 * streams the deploy's events into the task log. In a dry run it only plans.
 */
export function createCreateEnvironmentAction(
  options: { client: EnvironmentsApiClient } & FollowOptions,
) {
  const { client } = options;
  return createTemplateAction({
    id: 'environments:create',
    description:
      'Creates an AWS environment: records it in the environments backend and queues its deploy, then follows the deploy in the task log until it is ready, fails, or the wait runs out (the deploy goes on regardless). A dry run only plans.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...environmentSpecInput,
        title: z =>
          z
            .string({
              description:
                'Display title of the environment. Default: its name',
            })
            .optional(),
        owner: z =>
          z.string({
            description:
              'Entity ref of the owning group, e.g. group:default/platform-team',
          }),
        followTimeoutSeconds: z =>
          z
            .number({
              description:
                'How long to follow the deploy in the task log, in seconds; 0 returns at once. Default: environments.scaffolder.followTimeoutSeconds of the app config (1800)',
            })
            .min(0)
            .optional(),
      },
      output: {
        environmentName: z =>
          z.string({ description: 'Name of the environment' }),
        environmentUrl: z =>
          z.string({
            description: 'Path of the environment page in the portal',
          }),
        planUrl: z =>
          z.string({
            description: 'Path of the environment page section with its plan',
          }),
        entityRef: z =>
          z.string({
            description: 'Catalog entity ref of the environment Resource',
          }),
        operationId: z =>
          z
            .string({
              description: 'Id of the deploy operation (not set in a dry run)',
            })
            .optional(),
        status: z =>
          z.string({
            description:
              'Environment status when the action returned (ready, provisioning, ...; dry-run in a dry run)',
          }),
      },
    },
    async handler(ctx) {
      const { preset, overrides, spec } = await resolveEnvironmentSpec(
        ctx.input,
      );
      const credentials = await ctx.getInitiatorCredentials();
      const name = spec.name;
      const environmentUrl = `/environments/${encodeURIComponent(name)}`;
      ctx.output('environmentName', name);
      ctx.output('environmentUrl', environmentUrl);
      ctx.output('planUrl', `${environmentUrl}#plan`);
      ctx.output('entityRef', `resource:default/${name}`);

      if (ctx.isDryRun) {
        const plan = await client.plan(
          { preset, spec: overrides },
          credentials,
        );
        for (const line of formatPlan(name, plan)) ctx.logger.info(line);
        ctx.logger.info(
          `Dry run: environment ${name} would be recorded and its deploy queued; nothing was recorded`,
        );
        ctx.output('status', 'dry-run');
        return;
      }

      const stepId = ctx.step?.id ?? 'create';
      const created = await ctx.checkpoint({
        key: `environments.create.${stepId}.${name}`,
        fn: async () => {
          const response = await client.createEnvironment(
            {
              title: ctx.input.title,
              owner: ctx.input.owner,
              preset,
              spec: overrides,
              idempotencyKey: `scaffolder:${ctx.task.id}:${stepId}:${name}`,
            },
            credentials,
          );
          return {
            operationId: response.operation.id,
            status: response.environment.status,
          };
        },
      });
      ctx.output('operationId', created.operationId);
      ctx.logger.info(
        `Environment ${name} recorded (${created.status}); following deploy ${created.operationId}. The page ${environmentUrl} shows it live.`,
      );

      const timeoutSeconds =
        ctx.input.followTimeoutSeconds ?? options.followTimeoutSeconds;
      const followed = await followOperation({
        client,
        credentials,
        operationId: created.operationId,
        logger: ctx.logger,
        timeoutMs: timeoutSeconds * 1000,
        pollIntervalMs: options.pollIntervalMs,
        signal: ctx.signal,
      });
      const { operation } = followed;
      const progress =
        operation.resourcesPlanned === undefined
          ? ''
          : ` (${operation.resourcesDone ?? 0} of ${
              operation.resourcesPlanned
            } resources)`;
      if (operation.status === 'failed') {
        throw new Error(
          `Deploy of environment ${name} failed${progress}: ${
            operation.error ?? 'see the events above'
          }. Retry it from ${environmentUrl}`,
        );
      }
      const environment = await client.getEnvironment(name, credentials);
      ctx.output('status', environment.status);
      if (followed.timedOut && ctx.signal?.aborted) {
        ctx.logger.info(
          `Task cancelled: stopped following with the environment ${environment.status}${progress}; the deploy goes on in the environments backend: ${environmentUrl}`,
        );
      } else if (followed.timedOut) {
        ctx.logger.info(
          `Stopped following after ${timeoutSeconds} s with the environment ${environment.status}${progress}; the deploy goes on in the environments backend: ${environmentUrl}`,
        );
      } else {
        ctx.logger.info(
          `Environment ${name} is ${environment.status}${progress}: ${environmentUrl}`,
        );
      }
    },
  });
}
