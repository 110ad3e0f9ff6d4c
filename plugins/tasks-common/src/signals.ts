/** The signal channel the backend publishes every task change on. @public */
export const TASKS_SIGNAL_CHANNEL = 'tasks:changed';

/**
 * The message sent on {@link TASKS_SIGNAL_CHANNEL}. It is broadcast to all
 * signed-in users; refetch through the API (which applies permissions)
 * instead of trusting the message.
 *
 * @public
 */
export type TaskChangedSignal = {
  type: 'created' | 'updated' | 'deleted' | 'commented';
  taskIds: string[];
  /** Entity refs of the affected tasks, so entity pages can filter. */
  entityRefs: string[];
  /** New version per task id (absent for deletes). */
  versions?: Record<string, number>;
};
