/**
 * Runs identical reads once for all the callers that ask while one is
 * running, without ever answering a caller with a result computed before
 * it asked: a caller that arrives while a run is in flight waits for the
 * next run, which starts when the current one ends, and shares it with
 * everyone else who arrived meanwhile. So at most one run per key is in
 * flight, and a write committed before a call began is always in its
 * result (the run starts after the call).
 */
export class SharedNextRun<T> {
  private readonly slots = new Map<
    string,
    {
      waiting?: {
        promise: Promise<T>;
        resolve(value: T): void;
        reject(error: unknown): void;
      };
    }
  >();

  /** `run`'s result, shared with identical calls (same `key`) as above. */
  run(key: string, run: () => Promise<T>): Promise<T> {
    const slot = this.slots.get(key);
    if (!slot) {
      const fresh = {};
      this.slots.set(key, fresh);
      return this.start(key, fresh, run);
    }
    if (!slot.waiting) {
      let resolve!: (value: T) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      slot.waiting = { promise, resolve, reject };
    }
    return slot.waiting.promise;
  }

  private async start(
    key: string,
    slot: { waiting?: { resolve(v: T): void; reject(e: unknown): void } },
    run: () => Promise<T>,
  ): Promise<T> {
    try {
      return await run();
    } finally {
      const waiting = slot.waiting;
      slot.waiting = undefined;
      if (waiting) {
        // those who arrived during this run get one that starts now
        this.start(key, slot, run).then(waiting.resolve, waiting.reject);
      } else {
        this.slots.delete(key);
      }
    }
  }
}
