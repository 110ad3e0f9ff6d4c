import { EnvironmentStatus } from './types';

/** The signal channel the backend publishes every environment change on. @public */
export const ENVIRONMENTS_SIGNAL_CHANNEL = 'environments:changed';

/**
 * The message sent on {@link ENVIRONMENTS_SIGNAL_CHANNEL}: a status change
 * (`status`) or a batch of new operation events (`events`). Broadcast to all
 * signed-in users; refetch through the API, which applies permissions.
 *
 * @public
 */
export interface EnvironmentsSignal {
  environmentName: string;
  status: EnvironmentStatus;
  operationId?: string;
  /** For `events`: the id of the last event written (fetch with `since`). */
  lastEventId?: number;
  type: 'status' | 'events';
}
