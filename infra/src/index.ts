export * from './spec.ts';
export * from './buildEnvironmentApp.ts';
export * from './synthesizeEnvironment.ts';
export { allowedGithubSubjects } from './stacks/CiCdIdentityStack.ts';
export {
  addonCharts,
  clusterNameFor,
  monitoringServices,
} from './stacks/addonCharts.ts';
export type { AddonChart } from './stacks/addonCharts.ts';
