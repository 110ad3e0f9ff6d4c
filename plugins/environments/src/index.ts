/**
 * Environments frontend plugin (new frontend system): the Environments page,
 * the page of one environment with its live operation timeline, and the
 * "Environment" tab on environment Resources.
 *
 * @packageDocumentation
 */

export { environmentsPlugin as default } from './plugin';
export {
  environmentsApiRef,
  EnvironmentsClient,
  type EnvironmentsApi,
} from './api';
