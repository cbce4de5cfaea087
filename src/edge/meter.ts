/**
 * A Worker may make only so many subrequests per invocation (50 on Free, 1000 on Paid), database round
 * trips included. Every outbound call of the Worker goes through one metered fetch, so a drain can stop
 * before the platform stops it; and each call gets a deadline, since a hung call would hold the
 * invocation until the runtime kills it.
 */
export interface Meter {
  /** Calls made since the isolate started. */
  readonly count: number;
  fetch: typeof fetch;
}

export function createMeter(deadlineMs: number, inner: typeof fetch = (...args) => fetch(...args)): Meter {
  let count = 0;
  return {
    get count() {
      return count;
    },
    fetch(input, init) {
      count++;
      const own = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      const deadline = AbortSignal.timeout(deadlineMs);
      const signal = own ? AbortSignal.any([own, deadline]) : deadline;
      return inner(input, { ...init, signal });
    },
  };
}
