export { environmentsApiRef } from './EnvironmentsApi';
export type { EnvironmentsApi } from './EnvironmentsApi';
export { EnvironmentsClient } from './EnvironmentsClient';
export { describeError } from './describeError';
