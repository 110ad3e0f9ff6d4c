import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { EnvironmentTarget } from '@taskplatform/plugin-environments-common';

export interface AccountConfig {
  accountId: string;
  /** Display name of the account. */
  title?: string;
  regions: string[];
  roleArn?: string;
  externalId?: string;
  clusterAccessRoleArn?: string;
}

/** The accounts and regions of `environments.accounts`: nothing else may be used. */
export class AccountsConfig {
  static fromConfig(config: Config): AccountsConfig {
    // entries filled from unset environment variables are left out
    const accounts = (
      config.getOptionalConfigArray('environments.accounts') ?? []
    )
      .filter(account => account.getOptionalString('accountId'))
      .map(account => ({
        accountId: account.getString('accountId'),
        title: account.getOptionalString('title') || undefined,
        regions: (account.getOptionalStringArray('regions') ?? []).filter(
          Boolean,
        ),
        roleArn: account.getOptionalString('roleArn'),
        externalId: account.getOptionalString('externalId'),
        clusterAccessRoleArn: account.getOptionalString('clusterAccessRoleArn'),
      }));
    return new AccountsConfig(accounts);
  }

  constructor(readonly accounts: AccountConfig[]) {}

  /** The accounts and their regions as users may see them: no role or external id. */
  targets(): EnvironmentTarget[] {
    return this.accounts.map(({ accountId, title, regions }) => ({
      accountId,
      ...(title ? { title } : {}),
      regions: [...regions],
    }));
  }

  get(accountId: string): AccountConfig | undefined {
    return this.accounts.find(a => a.accountId === accountId);
  }

  /** 400 naming `<prefix>account` or `<prefix>region` when not configured. */
  assertAllowed(account: unknown, region: unknown, prefix = 'spec.') {
    const configured = typeof account === 'string' && this.get(account);
    if (!configured) {
      const known = this.accounts.map(a => a.accountId).join(', ') || 'none';
      throw new InputError(
        `${prefix}account: account ${String(
          account,
        )} is not configured in environments.accounts (configured: ${known})`,
      );
    }
    if (typeof region !== 'string' || !configured.regions.includes(region)) {
      throw new InputError(
        `${prefix}region: region ${String(
          region,
        )} is not configured for account ${account} (configured: ${configured.regions.join(
          ', ',
        )})`,
      );
    }
  }
}
