import { mockServices } from '@backstage/backend-test-utils';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import { EnvironmentsApiClient } from '../EnvironmentsApiClient';
import { FakeEnvironmentsApi } from './FakeEnvironmentsApi';

/** Loads `@taskplatform/infra` (aws-cdk-lib: seconds) once per test file, in a hook. */
export function loadInfraBeforeAll() {
  beforeAll(() => {
    require('@taskplatform/infra');
  }, 60_000);
}

/** A fake environments API on a local port, and a client that calls it. */
export async function startFakeEnvironmentsApi() {
  const api = new FakeEnvironmentsApi();
  const baseUrl = await api.start();
  const client = new EnvironmentsApiClient({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async (pluginId: string) => {
        if (pluginId !== 'environments') throw new Error(pluginId);
        return baseUrl;
      },
    }),
    auth: mockServices.auth(),
  });
  return { api, client };
}

/**
 * `createMockActionContext` (test-utils 0.3, written for an older scaffolder-node)
 * with a logger whose lines the test can read, and `isDryRun` when asked.
 */
export function actionContext<TInput extends JsonObject>(
  input: TInput,
  options: { isDryRun?: boolean; taskId?: string; signal?: AbortSignal } = {},
) {
  const logger = mockServices.logger.mock();
  const context = {
    ...createMockActionContext({
      input,
      task: { id: options.taskId ?? 'task-1' },
    }),
    logger,
    isDryRun: options.isDryRun,
    signal: options.signal,
  } as unknown as ActionContext<TInput, any>;
  const lines = () =>
    [...logger.info.mock.calls, ...logger.warn.mock.calls].map(call =>
      String(call[0]),
    );
  const outputs = () =>
    Object.fromEntries(
      (context.output as jest.Mock).mock.calls.map(([name, value]) => [
        name,
        value,
      ]),
    );
  return { context, lines, outputs };
}
