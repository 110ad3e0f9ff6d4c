/**
 * Scaffolder actions environments:plan, environments:create and environments:destroy,
 * calling the environments backend as the initiating user.
 *
 * @packageDocumentation
 */
export { scaffolderModuleEnvironments as default } from './module';
export { EnvironmentsApiClient } from './EnvironmentsApiClient';
export { createPlanEnvironmentAction } from './actions/planEnvironment';
export { createCreateEnvironmentAction } from './actions/createEnvironment';
export type { FollowOptions } from './actions/createEnvironment';
export { createDestroyEnvironmentAction } from './actions/destroyEnvironment';
