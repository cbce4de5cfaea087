/**
 * The service's own counters, served by GET /metrics in Prometheus's text format (version 0.0.4):
 * updates handled, reply latency, sends, job runs and database errors, kept in this process (on
 * Workers, in this isolate). The outbox's depth is read from the store when scraped. Small and
 * runtime-neutral: prom-client is tied to Node.
 */

type Labels = Readonly<Record<string, string>>;

const key = (labels: Labels) =>
  Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`)
    .join(",");

class Counter {
  readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels, by = 1): void {
    const k = key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.values) lines.push(`${this.name}{${k}} ${v}`);
    return lines;
  }
}

class Histogram {
  readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}
  observe(labels: Labels, value: number): void {
    const k = key(labels);
    const entry = this.series.get(k) ?? { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    this.buckets.forEach((bound, i) => {
      if (value <= bound) entry.counts[i] = (entry.counts[i] ?? 0) + 1;
    });
    entry.sum += value;
    entry.count += 1;
    this.series.set(k, entry);
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, entry] of this.series) {
      const prefix = k === "" ? "" : `${k},`;
      for (const [i, bound] of this.buckets.entries()) {
        lines.push(`${this.name}_bucket{${prefix}le="${bound}"} ${entry.counts[i]}`);
      }
      lines.push(`${this.name}_bucket{${prefix}le="+Inf"} ${entry.count}`);
      lines.push(`${this.name}_sum{${k}} ${entry.sum}`, `${this.name}_count{${k}} ${entry.count}`);
    }
    return lines;
  }
}

export class Metrics {
  readonly updates = new Counter("cchc_updates_total", "Webhook updates by platform and outcome.");
  readonly replySeconds = new Histogram(
    "cchc_reply_seconds",
    "Time from an update to its reply handed to the platform (or queued), by platform and result.",
    [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
  );
  readonly sends = new Counter("cchc_sends_total", "Outbox deliveries settled, by platform and outcome.");
  readonly jobRuns = new Counter("cchc_job_runs_total", "Job runs by job and outcome.");
  readonly databaseErrors = new Counter("cchc_database_errors_total", "Database errors by driver code.");

  /** The counters, then the outbox's depth by platform and state as read now. */
  render(depth: readonly { platform: string; state: string; count: number }[]): string {
    const lines = [
      ...this.updates.render(),
      ...this.replySeconds.render(),
      ...this.sends.render(),
      ...this.jobRuns.render(),
      ...this.databaseErrors.render(),
      "# HELP cchc_outbox_deliveries Deliveries in the outbox, by platform and state.",
      "# TYPE cchc_outbox_deliveries gauge",
      ...depth.map(
        (d) => `cchc_outbox_deliveries{${key({ platform: d.platform, state: d.state })}} ${d.count}`,
      ),
    ];
    return `${lines.join("\n")}\n`;
  }
}

/** This process's counters. */
export const metrics = new Metrics();

/** The driver's code of a database error, for `cchc_database_errors_total`. */
export function countDatabaseError(error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  metrics.databaseErrors.inc({
    code: typeof code === "string" ? code : error instanceof Error ? error.name : "UNKNOWN",
  });
}
