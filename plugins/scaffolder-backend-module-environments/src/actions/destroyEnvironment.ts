import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { EnvironmentsApiClient } from '../EnvironmentsApiClient';
import type { FollowOptions } from './createEnvironment';
import { examples } from './destroyEnvironment.examples';
import { followOperation } from './followOperation';

/**
 * `environments:destroy`: destroys an environment after its name was typed again,
 * as the initiating user, once per task and step, then follows the destroy in the
 * task log like `environments:create`. A dry run checks the confirmation and that
 * the environment exists, and changes nothing.
 */
export function createDestroyEnvironmentAction(
  options: { client: EnvironmentsApiClient } & FollowOptions,
) {
  const { client } = options;
  return createTemplateAction({
    id: 'environments:destroy',
    description:
      'Destroys an AWS environment (all its stacks) after its name was typed again, then follows the destroy in the task log until it finishes, fails, or the wait runs out (the destroy goes on regardless). A dry run only checks.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({ description: 'Name of the environment to destroy' }),
        confirm: z =>
          z
            .string({
              description:
                'The environment name typed again, to confirm the destroy',
            })
            .optional(),
        followTimeoutSeconds: z =>
          z
            .number({
              description:
                'How long to follow the destroy in the task log, in seconds; 0 returns at once. Default: environments.scaffolder.followTimeoutSeconds of the app config (1800)',
            })
            .min(0)
            .optional(),
      },
      output: {
        environmentUrl: z =>
          z.string({
            description: 'Path of the environment page in the portal',
          }),
        operationId: z =>
          z
            .string({
              description: 'Id of the destroy operation (not set in a dry run)',
            })
            .optional(),
        status: z =>
          z.string({
            description:
              'Environment status when the action returned (destroyed, destroying, ...; dry-run in a dry run)',
          }),
      },
    },
    async handler(ctx) {
      const { name, confirm } = ctx.input;
      if (confirm !== name) {
        throw new InputError(
          confirm
            ? `confirm: "${confirm}" is not the environment name; type "${name}" to destroy it`
            : `confirm: type the environment name "${name}" to destroy it`,
        );
      }
      const credentials = await ctx.getInitiatorCredentials();
      const environmentUrl = `/environments/${encodeURIComponent(name)}`;
      ctx.output('environmentUrl', environmentUrl);

      if (ctx.isDryRun) {
        const environment = await client.getEnvironment(name, credentials);
        ctx.logger.info(
          `Dry run: environment ${name} (${environment.status}, ${environment.account} ${environment.region}) would be destroyed; nothing was changed`,
        );
        ctx.output('status', 'dry-run');
        return;
      }

      const stepId = ctx.step?.id ?? 'destroy';
      const started = await ctx.checkpoint({
        key: `environments.destroy.${stepId}.${name}`,
        fn: async () => {
          const response = await client.destroyEnvironment(
            name,
            {
              confirm,
              idempotencyKey: `scaffolder:${ctx.task.id}:${stepId}:${name}`,
            },
            credentials,
          );
          return { operationId: response.operation.id };
        },
      });
      ctx.output('operationId', started.operationId);
      ctx.logger.info(
        `Destroying environment ${name}; following operation ${started.operationId}. The page ${environmentUrl} shows it live.`,
      );

      const timeoutSeconds =
        ctx.input.followTimeoutSeconds ?? options.followTimeoutSeconds;
      const followed = await followOperation({
        client,
        credentials,
        operationId: started.operationId,
        logger: ctx.logger,
        timeoutMs: timeoutSeconds * 1000,
        pollIntervalMs: options.pollIntervalMs,
        signal: ctx.signal,
      });
      if (followed.operation.status === 'failed') {
        throw new Error(
          `Destroy of environment ${name} failed: ${
            followed.operation.error ?? 'see the events above'
          }. Retry it from ${environmentUrl}`,
        );
      }
      const environment = await client.getEnvironment(name, credentials);
      ctx.output('status', environment.status);
      ctx.logger.info(
        followed.timedOut
          ? `Stopped following after ${timeoutSeconds} s with the environment ${environment.status}; the destroy goes on in the environments backend: ${environmentUrl}`
          : `Environment ${name} is ${environment.status}`,
      );
    },
  });
}
