import { providersFromConfig } from './ConfiguredSignInPage';

describe('providersFromConfig', () => {
  it('maps configured names to sign-in providers', () => {
    const providers = providersFromConfig(['guest', 'github']);
    expect(providers[0]).toBe('guest');
    expect(providers[1]).toMatchObject({ id: 'github-auth-provider' });
  });

  it('names the config key on an unknown provider', () => {
    expect(() => providersFromConfig(['okta'])).toThrow(
      /app\.signIn\.providers: unknown sign-in provider 'okta'/,
    );
  });
});
