import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  DestroyEnvironmentRequest,
  Environment,
  EnvironmentListResponse,
  EnvironmentOperationResponse,
  EnvironmentTarget,
  ListEnvironmentsQuery,
  Operation,
  OperationEventsQuery,
  OperationEventsResponse,
  PlanResult,
} from '@taskplatform/plugin-environments-common';

/**
 * Access to the environments backend (`/api/environments`). Every method
 * rejects with a `ResponseError` (from `@backstage/errors`) when the backend
 * answers with an error.
 *
 * @public
 */
export interface EnvironmentsApi {
  listEnvironments(
    query?: ListEnvironmentsQuery,
  ): Promise<EnvironmentListResponse>;
  getEnvironment(name: string): Promise<Environment>;
  /** The environment's operations, newest first. */
  listOperations(name: string): Promise<Operation[]>;
  /** Events with an id greater than `since` (ascending). */
  getOperationEvents(
    operationId: string,
    query?: OperationEventsQuery,
  ): Promise<OperationEventsResponse>;
  /** The last plan recorded for the environment, or `undefined` if none. */
  getLastPlan(name: string): Promise<PlanResult | undefined>;
  /** Re-queues the failed operation of a failed environment. */
  retry(name: string): Promise<EnvironmentOperationResponse>;
  /**
   * The AWS accounts (with their regions) environments may be created in,
   * from `environments.accounts`, in config order.
   */
  listTargets(): Promise<EnvironmentTarget[]>;
  /**
   * Asks the backend to start and warm its deployer worker, ahead of a plan
   * (the create form calls it when it opens); needs `environment.create`.
   */
  warmDeployer(): Promise<void>;
  /** Destroys the environment; `confirm` must be its name. */
  destroy(
    name: string,
    request: DestroyEnvironmentRequest,
  ): Promise<EnvironmentOperationResponse>;
}

/** @public */
export const environmentsApiRef = createApiRef<EnvironmentsApi>().with({
  id: 'plugin.environments.api',
  pluginId: 'environments',
});
