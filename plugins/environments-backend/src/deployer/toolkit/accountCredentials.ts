import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { Config } from '@backstage/config';
import type { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { lazyIntegrationAws, lazySts } from './lazyAws';
import type { WorkerCredentials } from '../worker/protocol';

/** No credentials can be had for an account: the message says what to configure. */
export class MissingAwsCredentialsError extends Error {
  name = 'MissingAwsCredentialsError';
}

const howToConfigure = (accountId: string) =>
  `configure a role for it: aws.accounts[] with accountId '${accountId}' and roleName (assumed with the backend's own credentials), ` +
  `or aws.accountDefaults.roleName, or environments.accounts[].roleArn. Long-lived keys are not needed`;

export interface AccountCredentialsOptions {
  config: Config;
  /** AWS endpoint override for STS (tests point it at a local server). */
  endpoint?: string;
}

/**
 * Temporary credentials per AWS account, from `@backstage/integration-aws-node`
 * (`aws.accounts`, `aws.accountDefaults`) or, when `environments.accounts[].roleArn` is set,
 * by assuming that role with the backend's main credentials.
 */
export class AccountCredentials {
  private managerInstance?: DefaultAwsCredentialsManager;
  private readonly cache = new Map<string, WorkerCredentials>();

  constructor(private readonly options: AccountCredentialsOptions) {}

  private get manager(): DefaultAwsCredentialsManager {
    this.managerInstance ??=
      lazyIntegrationAws().DefaultAwsCredentialsManager.fromConfig(
        this.options.config,
      );
    return this.managerInstance;
  }

  /** Throws at once (no network call) when nothing in config can give credentials for the account. */
  assertConfigured(accountId: string): void {
    const { config } = this.options;
    const awsAccounts = config.getOptionalConfigArray('aws.accounts') ?? [];
    const envAccount = this.environmentAccount(accountId);
    const configured =
      awsAccounts.some(a => a.getString('accountId') === accountId) ||
      config.has('aws.accountDefaults.roleName') ||
      Boolean(envAccount?.getOptionalString('roleArn'));
    if (!configured) {
      throw new MissingAwsCredentialsError(
        `No AWS credentials for account ${accountId}: ${howToConfigure(
          accountId,
        )}`,
      );
    }
  }

  async get(accountId: string, region: string): Promise<WorkerCredentials> {
    this.assertConfigured(accountId);
    const cached = this.cache.get(accountId);
    if (
      cached?.expiration &&
      Date.parse(cached.expiration) - Date.now() > 5 * 60_000
    ) {
      return cached;
    }
    try {
      const identity = await this.resolve(accountId, region);
      const credentials: WorkerCredentials = {
        accessKeyId: identity.accessKeyId,
        secretAccessKey: identity.secretAccessKey,
        sessionToken: identity.sessionToken,
        expiration: identity.expiration?.toISOString(),
      };
      this.cache.set(accountId, credentials);
      return credentials;
    } catch (error) {
      throw new MissingAwsCredentialsError(
        `No AWS credentials for account ${accountId} (${
          (error as Error).message
        }): ${howToConfigure(accountId)}`,
      );
    }
  }

  /** A credential provider for AWS SDK clients of the account. */
  provider(accountId: string, region: string) {
    return async (): Promise<AwsCredentialIdentity> => {
      const c = await this.get(accountId, region);
      return {
        ...c,
        expiration: c.expiration ? new Date(c.expiration) : undefined,
      };
    };
  }

  private environmentAccount(accountId: string) {
    return (
      this.options.config.getOptionalConfigArray('environments.accounts') ?? []
    ).find(a => a.getString('accountId') === accountId);
  }

  private async resolve(
    accountId: string,
    region: string,
  ): Promise<AwsCredentialIdentity> {
    const envAccount = this.environmentAccount(accountId);
    const roleArn = envAccount?.getOptionalString('roleArn');
    if (!roleArn) {
      const provider = await this.manager.getCredentialProvider({ accountId });
      return provider.sdkCredentialProvider();
    }
    const main = await this.manager.getCredentialProvider();
    const { STSClient, AssumeRoleCommand } = lazySts();
    const sts = new STSClient({
      region,
      credentials: main.sdkCredentialProvider,
      endpoint: this.options.endpoint,
    });
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: 'backstage-environments',
        ExternalId: envAccount?.getOptionalString('externalId'),
        DurationSeconds: 3600,
      }),
    );
    if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) {
      throw new Error(`AssumeRole of ${roleArn} returned no credentials`);
    }
    return {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
      expiration: Credentials.Expiration,
    };
  }
}
