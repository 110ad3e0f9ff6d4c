import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
// Imported statically: the sign-in page (which also restores a returning
// user's session) is the first thing every page load renders, so a lazy
// chunk here would add a network round trip before anything else can start.
import { ConfiguredSignInPage } from './ConfiguredSignInPage';

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props => <ConfiguredSignInPage {...props} />,
  },
});

/** Replaces the app's guest-only sign-in page with a config-driven one. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
