import { ResponseError } from '@backstage/errors';

/**
 * A message for the user: the backend's own message for HTTP errors (which
 * names the offending field on a 400), the error message otherwise.
 */
export function describeError(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause?.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
