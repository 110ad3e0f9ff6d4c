/**
 * The tasks backend plugin: task API with permissions, audit, signals,
 * notifications and Prometheus metrics.
 *
 * @packageDocumentation
 */

export { tasksPlugin as default } from './plugin';
export {
  taskPermissionResourceRef,
  taskPermissionRules,
} from './permissions/rules';
export type { TaskResource } from './permissions/rules';
export {
  taskConditions,
  createTaskConditionalDecision,
} from './permissions/conditionExports';
