// The environment spec: its schema (environmentSpecSchema.ts) and presets
// (environmentPresets.ts), re-exported for the stacks that import '../spec.ts'.
export { ALB_CONTROLLER_VERSIONS } from './specFields.ts';
export * from './environmentSpecSchema.ts';
export * from './environmentPresets.ts';
