import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  createScaffolderTaskConditionalDecision,
  createScaffolderTemplateConditionalDecision,
  scaffolderTaskConditions,
  scaffolderTemplateConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  createTaskConditionalDecision,
  taskConditions,
} from '@taskplatform/plugin-tasks-backend';
import {
  createEnvironmentConditionalDecision,
  environmentConditions,
} from '@taskplatform/plugin-environments-backend';

/** The tag that keeps a Scaffolder template (or a step or parameter) for admins. */
export const RESTRICTED_TAG = 'restricted';

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

type Rule = (request: PolicyQuery, user: PolicyQueryUser) => PolicyDecision;

const always: Rule = () => allow;
const adminsOnly: Rule = () => deny;

const entityOwner: Rule = ({ permission }, user) =>
  isResourcePermission(permission, 'catalog-entity')
    ? createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({
          claims: user.info.ownershipEntityRefs,
        }),
      )
    : deny;

/** Every entity except the Scaffolder templates tagged restricted. */
const unrestrictedEntity: Rule = ({ permission }) =>
  isResourcePermission(permission, 'catalog-entity')
    ? createCatalogConditionalDecision(permission, {
        not: {
          allOf: [
            catalogConditions.isEntityKind({ kinds: ['template'] }),
            catalogConditions.hasMetadata({
              key: 'tags',
              value: RESTRICTED_TAG,
            }),
          ],
        },
      })
    : deny;

/** A task is its entity's owners', its creator's and its assignee's. */
const taskOwner: Rule = ({ permission }, user) => {
  if (!isResourcePermission(permission, 'task')) return deny;
  const userRefs = [user.info.userEntityRef];
  return createTaskConditionalDecision(permission, {
    anyOf: [
      taskConditions.isEntityOwner({ claims: user.info.ownershipEntityRefs }),
      taskConditions.isCreator({ userRefs }),
      taskConditions.isAssignee({ userRefs }),
    ],
  });
};

const environmentOwner: Rule = ({ permission }, user) =>
  isResourcePermission(permission, 'environment')
    ? createEnvironmentConditionalDecision(
        permission,
        environmentConditions.isOwner({
          claims: user.info.ownershipEntityRefs,
        }),
      )
    : deny;

/** Steps and parameters tagged restricted are hidden from non-admins. */
const unrestrictedTemplatePart: Rule = ({ permission }) =>
  isResourcePermission(permission, 'scaffolder-template')
    ? createScaffolderTemplateConditionalDecision(permission, {
        not: scaffolderTemplateConditions.hasTag({ tag: RESTRICTED_TAG }),
      })
    : deny;

const scaffolderTaskCreator: Rule = ({ permission }, user) =>
  isResourcePermission(permission, 'scaffolder-task')
    ? createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [user.info.userEntityRef],
        }),
      )
    : deny;

/**
 * What a signed-in user who is not an admin may do, by permission name.
 * A permission that is not listed is denied.
 */
const rules: Record<string, Rule> = {
  // catalog: everyone reads; owners refresh and unregister their entities;
  // registering and removing locations is for admins.
  'catalog.entity.read': unrestrictedEntity,
  'catalog.entity.refresh': entityOwner,
  'catalog.entity.delete': entityOwner,
  'catalog.entity.validate': always,
  'catalog.location.read': always,
  'catalog.location.analyze': always,
  'catalog.entity.create': adminsOnly,
  'catalog.location.create': adminsOnly,
  'catalog.location.delete': adminsOnly,
  'catalog.ingestion.read': adminsOnly,
  'catalog.ingestion.manage': adminsOnly,

  // tasks: everyone reads, creates and comments; owners edit and delete.
  'tasks.task.read': always,
  'tasks.task.create': always,
  'tasks.task.comment.create': always,
  'tasks.task.update': taskOwner,
  'tasks.task.delete': taskOwner,

  // environments: everyone reads and creates; owners update and destroy.
  'environment.read': always,
  'environment.create': always,
  'environment.update': environmentOwner,
  'environment.destroy': environmentOwner,

  // scaffolder: restricted templates are hidden by catalog.entity.read.
  'scaffolder.template.parameter.read': unrestrictedTemplatePart,
  'scaffolder.template.step.read': unrestrictedTemplatePart,
  'scaffolder.action.execute': always,
  'scaffolder.task.create': always,
  'scaffolder.task.read': scaffolderTaskCreator,
  'scaffolder.task.cancel': scaffolderTaskCreator,
  'scaffolder.template.dry-run': always,
  'scaffolder.template.management': adminsOnly,

  // kubernetes: read what the catalog points at; the raw proxy is for admins.
  'kubernetes.clusters.read': always,
  'kubernetes.resources.read': always,
  'kubernetes.proxy': adminsOnly,

  'techdocs.actions.read': always,
};

/**
 * The portal's policy: everyone signed in reads; owners (members of the
 * owning group) edit what they own; members of an admin group do everything.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  readonly #adminGroups: ReadonlySet<string>;

  constructor(options: { adminGroups: string[] }) {
    this.#adminGroups = new Set(options.adminGroups);
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) return deny;
    if (user.info.ownershipEntityRefs.some(ref => this.#adminGroups.has(ref))) {
      return allow;
    }
    const rule = rules[request.permission.name] ?? adminsOnly;
    return rule(request, user);
  }
}
