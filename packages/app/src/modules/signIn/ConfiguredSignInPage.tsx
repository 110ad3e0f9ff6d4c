import {
  SignInPage,
  SignInProviderConfig,
  IdentityProviders,
} from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { SignInPageProps } from '@backstage/core-plugin-api';

const githubProvider: SignInProviderConfig = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in using GitHub',
  apiRef: githubAuthApiRef,
};

/**
 * Offers the sign-in methods named in `app.signIn.providers`: guest in the
 * embedded default, GitHub only in production (app-config.production.yaml).
 */
export function providersFromConfig(names: string[]): IdentityProviders {
  return names.map(name => {
    if (name === 'guest') return 'guest';
    if (name === 'github') return githubProvider;
    throw new Error(
      `app.signIn.providers: unknown sign-in provider '${name}' (expected guest or github)`,
    );
  });
}

export function ConfiguredSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const names = config.getOptionalStringArray('app.signIn.providers') ?? [
    'guest',
  ];
  return <SignInPage {...props} auto providers={providersFromConfig(names)} />;
}
