import { ResponseError } from '@backstage/errors';

/**
 * Thrown by {@link TasksApi.updateTask} when the task changed since the
 * caller read it (the backend answered 409 or 412). Nothing was written;
 * reload the task and apply the edit again.
 *
 * @public
 */
export class TaskConflictError extends Error {
  readonly name = 'TaskConflictError';
  /** The HTTP error the backend answered with. */
  readonly response: ResponseError;

  constructor(response: ResponseError) {
    super(
      'This task was changed by someone else since you opened it. Nothing was saved.',
    );
    this.response = response;
  }

  static is(value: unknown): value is TaskConflictError {
    return (
      value instanceof Error &&
      value.name === 'TaskConflictError' &&
      'response' in value
    );
  }
}
