import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleEnvironments } from './module';

describe('scaffolderModuleEnvironments', () => {
  it('adds the three environments actions, with a description on every input', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleEnvironments,
        mockServices.rootConfig.factory({
          data: { environments: { scaffolder: { followTimeoutSeconds: 60 } } },
        }),
      ],
    });
    const actions = addActions.mock.calls.flat();
    expect(actions.map(a => a.id)).toEqual([
      'environments:plan',
      'environments:create',
      'environments:destroy',
    ]);
    for (const action of actions) {
      expect(action.examples.length).toBeGreaterThan(0);
      const properties = Object.entries<any>(action.schema.input.properties);
      expect(properties.length).toBeGreaterThan(1);
      for (const [field, schema] of properties) {
        expect([field, typeof schema.description]).toEqual([field, 'string']);
      }
    }
    expect(actions.map(a => a.supportsDryRun)).toEqual([true, true, true]);
  });
});
