/**
 * Environments backend plugin: plans, provisions, follows and destroys AWS
 * environments (CDK toolkit-lib) and publishes them to the catalog.
 *
 * @packageDocumentation
 */

export { default } from './feature';
export {
  createEnvironmentsPlugin,
  environmentsPlugin,
  type EnvironmentsPluginOptions,
} from './plugin';
export { environmentsCatalogModule } from './catalog/environmentsCatalogModule';
export { environmentsCatalogBridgeRef } from './catalog/EnvironmentsCatalogBridge';
export {
  environmentConditions,
  createEnvironmentConditionalDecision,
} from './permissions/conditionExports';
export {
  environmentPermissionResourceRef,
  environmentPermissionRules,
} from './permissions/rules';
