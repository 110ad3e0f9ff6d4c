import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  EnvironmentFilter,
  EnvironmentPermissionFilter,
} from '../database/types';
import { environmentPermissionRules } from './rules';

const transformConditions = createConditionTransformer(
  Object.values(environmentPermissionRules),
);

/** Turns the policy's decisions into 403s or SQL filters for the store. */
export class EnvironmentPermissionFilters {
  constructor(private readonly permissions: PermissionsService) {}

  /** 403 on DENY; undefined on ALLOW; the conditions as a filter otherwise. */
  async forPermission(
    permission: ResourcePermission<'environment'>,
    credentials: BackstageCredentials,
  ): Promise<EnvironmentPermissionFilter> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`Permission ${permission.name} denied`);
    }
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return transformConditions(
        decision.conditions as any,
      ) as PermissionCriteria<EnvironmentFilter>;
    }
    return undefined;
  }

  /** 403 unless a basic permission is allowed. */
  async assertAllowed(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Permission ${permission.name} denied`);
    }
  }
}
