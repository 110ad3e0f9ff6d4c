import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  Environment,
  ENVIRONMENT_PERMISSION_RULES,
  ENVIRONMENT_RESOURCE_TYPE,
} from '@taskplatform/plugin-environments-common';
import { z } from 'zod';
import { EnvironmentFilter } from '../database/types';

/** @public */
export const environmentPermissionResourceRef = createPermissionResourceRef<
  Environment,
  EnvironmentFilter
>().with({ pluginId: 'environments', resourceType: ENVIRONMENT_RESOURCE_TYPE });

const isOwner = createPermissionRule({
  name: ENVIRONMENT_PERMISSION_RULES.isOwner,
  description:
    'Allow environments owned by one of the given claims (usually the caller’s groups)',
  resourceRef: environmentPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Ownership refs, usually the caller’s ownershipEntityRefs'),
  }),
  apply: (environment, { claims }) => claims.includes(environment.owner),
  toQuery: ({ claims }) => ({ key: 'owner', values: claims }),
});

/** The conditional rules of the `environment` resource type. @public */
export const environmentPermissionRules = { isOwner };
