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
export { listNagAcknowledgements } from './nagAcknowledgements.ts';
export type { NagAcknowledgement } from './nagAcknowledgements.ts';
export { NetworkStack } from './stacks/NetworkStack.ts';
export { StorageStack, bucketNames } from './stacks/StorageStack.ts';
export { CiCdIdentityStack } from './stacks/CiCdIdentityStack.ts';
export { ClusterStack } from './stacks/ClusterStack.ts';
export { DatabaseStack } from './stacks/DatabaseStack.ts';
