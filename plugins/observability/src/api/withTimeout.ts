/** A data source that did not answer within its timeout. */
export class SourceTimeoutError extends Error {
  readonly name = 'SourceTimeoutError';
  constructor(source: string, readonly timeoutMs: number) {
    super(`${source} did not answer within ${timeoutMs / 1000} s`);
  }
}

/**
 * Runs `task` with an AbortSignal that fires after `timeoutMs`, and rejects
 * with a {@link SourceTimeoutError} at that time even if the task ignores the
 * signal, so one slow source never holds up the view.
 */
export function withTimeout<T>(
  source: string,
  timeoutMs: number,
  task: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new SourceTimeoutError(source, timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  return Promise.race([task(controller.signal), timeout]).finally(() =>
    clearTimeout(timer),
  );
}
