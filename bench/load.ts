/** Latency percentiles and a bounded closed-loop HTTP load, for the chat benchmark. */

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

export interface LoadOptions {
  /** Requests in flight at any time. */
  concurrency: number;
  durationMs: number;
  /** The i-th request. */
  request(i: number): { url: string; init: RequestInit };
}

export interface LoadResult extends Percentiles {
  perSecond: number;
  failures: number;
  /** Every answered request's latency, for combining runs. */
  latencies: number[];
  elapsedMs: number;
}

/** Several runs against one server as one: rate over their summed time, percentiles over all answers. */
export function combinedLoad(runs: readonly LoadResult[]): LoadResult {
  const latencies = runs.flatMap((run) => run.latencies);
  const elapsedMs = runs.reduce((sum, run) => sum + run.elapsedMs, 0);
  return {
    ...percentiles(latencies),
    perSecond: (latencies.length / elapsedMs) * 1000,
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
    latencies,
    elapsedMs,
  };
}

/**
 * `concurrency` workers each send a request, wait for its answer, and send the next, until the
 * duration is up: the rate is what the server sustains, not what a generator pushes.
 */
export async function closedLoopLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const { url, init } = options.request(next++);
      const sent = performance.now();
      const response = await fetch(url, init);
      await response.arrayBuffer();
      if (response.status !== 200) failures++;
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  return {
    ...percentiles(latencies),
    perSecond: (latencies.length / elapsedMs) * 1000,
    failures,
    latencies,
    elapsedMs,
  };
}
