import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => {
      const { ConfiguredSignInPage } = await import('./ConfiguredSignInPage');
      return props => <ConfiguredSignInPage {...props} />;
    },
  },
});

/** Replaces the app's guest-only sign-in page with a config-driven one. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
