import { InputError } from '@backstage/errors';
import {
  actionContext,
  startFakeEnvironmentsApi,
} from '../__testUtils__/actionTestContext';
import { createDestroyEnvironmentAction } from './destroyEnvironment';

describe('environments:destroy', () => {
  let fake: Awaited<ReturnType<typeof startFakeEnvironmentsApi>>;
  let action: ReturnType<typeof createDestroyEnvironmentAction>;
  beforeAll(async () => {
    fake = await startFakeEnvironmentsApi();
    action = createDestroyEnvironmentAction({
      client: fake.client,
      followTimeoutSeconds: 30,
      pollIntervalMs: 10,
    });
    // an environment to destroy, created through the API the way the create action does
    await fake.client.createEnvironment(
      {
        owner: 'group:default/team-a',
        preset: 'dev',
        spec: { name: 'doomed', account: '123456789012', region: 'us-east-1' },
      },
      {
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/mock' },
      } as any,
    );
  });
  afterAll(() => fake.api.stop());

  const destroys = () =>
    fake.api.requests.filter(r => r.path.endsWith('/destroy'));

  it('requires the typed name', async () => {
    const { context } = actionContext({ name: 'doomed' });
    const error = await action.handler(context).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'confirm: type the environment name "doomed" to destroy it',
    );
    expect(destroys()).toHaveLength(0);
  });

  it('refuses a wrong confirmation', async () => {
    const { context } = actionContext({ name: 'doomed', confirm: 'doomd' });
    await expect(action.handler(context)).rejects.toThrow(
      'confirm: "doomd" is not the environment name; type "doomed" to destroy it',
    );
    expect(destroys()).toHaveLength(0);
  });

  it('only checks in a dry run', async () => {
    const { context, lines, outputs } = actionContext(
      { name: 'doomed', confirm: 'doomed' },
      { isDryRun: true },
    );
    await action.handler(context);
    expect(destroys()).toHaveLength(0);
    expect(lines()).toContainEqual(
      expect.stringMatching(
        /^Dry run: environment doomed \(\w+, 123456789012 us-east-1\) would be destroyed/,
      ),
    );
    expect(outputs().status).toBe('dry-run');
  });

  it('fails a dry run for an unknown environment', async () => {
    const { context } = actionContext(
      { name: 'nowhere', confirm: 'nowhere' },
      { isDryRun: true },
    );
    await expect(action.handler(context)).rejects.toThrow(
      'environments API GET /environments/nowhere: No environment nowhere',
    );
  });

  it('destroys as the user with the confirmation and follows until destroyed', async () => {
    const { context, lines, outputs } = actionContext(
      { name: 'doomed', confirm: 'doomed' },
      { taskId: 'task-destroy' },
    );
    await action.handler(context);
    const [request] = destroys();
    expect(request.authorization).toContain('user:default/mock');
    expect(request.body).toEqual({
      confirm: 'doomed',
      idempotencyKey: 'scaffolder:task-destroy:mock-step-id:doomed',
    });
    expect(lines().filter(l => / DELETE_COMPLETE$/.test(l))).toHaveLength(4);
    expect(outputs().status).toBe('destroyed');
    expect(lines().at(-1)).toBe('Environment doomed is destroyed');
  });
});
