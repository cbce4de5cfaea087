/**
 * A Worker may make only so many subrequests per invocation (50 on Free, 1000 on Paid), database round
 * trips included. Every outbound call of the Worker goes through one metered fetch, so a drain can stop
 * before the platform stops it; and each call gets a deadline, since a hung call would hold the
 * invocation until the runtime kills it.
 */
export interface Meter {
  /** Calls made since the isolate started. */
  readonly count: number;
  /** Deadlines still running: calls whose answer has not been read to its end. */
  readonly pending: number;
  fetch: typeof fetch;
}

export function createMeter(deadlineMs: number, inner: typeof fetch = (...args) => fetch(...args)): Meter {
  let count = 0;
  let pending = 0;
  return {
    get count() {
      return count;
    },
    get pending() {
      return pending;
    },
    async fetch(input, init) {
      count++;
      // A timer of our own, cleared once the answer is read: workerd allows 10,000 live timers per isolate,
      // and AbortSignal.timeout's would live on for the whole deadline after every call.
      const deadline = new AbortController();
      pending++;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        pending--;
        clearTimeout(timer);
      };
      const timer = setTimeout(() => {
        deadline.abort(new DOMException(`no answer within ${deadlineMs} ms`, "TimeoutError"));
        finish();
      }, deadlineMs);
      const own = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      const signal = own ? AbortSignal.any([own, deadline.signal]) : deadline.signal;
      try {
        const response = await inner(input, { ...init, signal });
        if (response.body === null) {
          finish();
          return response;
        }
        // The deadline covers the body too: it ends when the body has been read, or given up.
        const { readable, writable } = new TransformStream({ flush: finish });
        response.body.pipeTo(writable).catch(finish);
        return new Response(readable, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      } catch (error) {
        finish();
        throw error;
      }
    },
  };
}
