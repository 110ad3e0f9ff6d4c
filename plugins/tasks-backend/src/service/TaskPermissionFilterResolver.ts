import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TaskFilter, TaskPermissionFilter } from '../database/types';
import { taskPermissionRules } from '../permissions/rules';

type NonEmpty = [
  PermissionCriteria<TaskFilter>,
  ...PermissionCriteria<TaskFilter>[],
];

const transformConditions = createConditionTransformer(
  Object.values(taskPermissionRules),
);

/**
 * Turns the policy's decision for a task permission into a filter the store
 * applies in SQL. Throws 403 on DENY; returns undefined on ALLOW.
 */
export class TaskPermissionFilterResolver {
  constructor(
    private readonly options: {
      permissions: PermissionsService;
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {}

  async forPermission(
    permission: ResourcePermission<'task'>,
    credentials: BackstageCredentials,
  ): Promise<TaskPermissionFilter> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`Permission ${permission.name} denied`);
    }
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return this.resolveOwnership(
        transformConditions(
          decision.conditions as any,
        ) as PermissionCriteria<TaskFilter>,
      );
    }
    return undefined;
  }

  /** Replaces `entity_owned_by` claims with the refs of the entities they own. */
  private async resolveOwnership(
    criteria: PermissionCriteria<TaskFilter>,
  ): Promise<PermissionCriteria<TaskFilter>> {
    if ('allOf' in criteria) {
      return {
        allOf: (await Promise.all(
          criteria.allOf.map(c => this.resolveOwnership(c)),
        )) as NonEmpty,
      };
    }
    if ('anyOf' in criteria) {
      return {
        anyOf: (await Promise.all(
          criteria.anyOf.map(c => this.resolveOwnership(c)),
        )) as NonEmpty,
      };
    }
    if ('not' in criteria) {
      return { not: await this.resolveOwnership(criteria.not) };
    }
    if (criteria.key !== 'entity_owned_by') return criteria;
    return {
      key: 'entity_ref',
      values: await this.entitiesOwnedBy(criteria.values),
    };
  }

  private async entitiesOwnedBy(claims: string[]): Promise<string[]> {
    if (!claims.length) return [];
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { 'relations.ownedBy': claims },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items.map(entity => stringifyEntityRef(entity));
  }

  /** Owners of each entity, for applying the ownership rule in memory. */
  async ownersOf(entityRefs: string[]): Promise<Map<string, string[]>> {
    const refs = [...new Set(entityRefs)];
    const owners = new Map<string, string[]>();
    if (!refs.length) return owners;
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['relations'] },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    items.forEach((entity, i) => {
      owners.set(
        refs[i],
        (entity?.relations ?? [])
          .filter(r => r.type === 'ownedBy')
          .map(r => r.targetRef),
      );
    });
    return owners;
  }
}
