/**
 * Cloudflare's Cron Triggers are UTC; the jobs' schedules are Vietnam time (node-cron's, and the
 * Worker's matcher). For every day of 2027 they must name the same instants: each trigger in
 * wrangler.toml fires exactly when node-cron would run its job, and the Worker, given that trigger's
 * instant, picks exactly that job.
 */
import { readFileSync } from "node:fs";
import cron from "node-cron";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_DRAIN, DEFAULT_MAINTENANCE, DEFAULT_PUSHES } from "../../src/config.ts";
import { vietnamCron } from "../../src/edge/cron-match.ts";
import { VN_TIME_ZONE } from "../../src/format/vi.ts";
import { scheduledJobs } from "../../src/jobs/index.ts";

const YEAR_START = Date.parse("2027-01-01T00:00:00Z");
const YEAR_END = Date.parse("2028-01-01T00:00:00Z");
const MINUTE = 60_000;

function cronsOf(section: string): string[] {
  const toml = readFileSync(new URL("../../wrangler.toml", import.meta.url), "utf8");
  const at = toml.indexOf(section);
  const line = /crons\s*=\s*\[([^\]]*)\]/.exec(toml.slice(at))?.[1] ?? "";
  return [...line.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
}

/** node-cron's own next runs from the start of 2027, within the year. */
function nodeCronRuns(expression: string, timezone: string): string[] {
  vi.useFakeTimers({ now: YEAR_START - 1, toFake: ["Date"] });
  const task = cron.createTask(expression, () => undefined, { timezone });
  const runs = task.getNextRuns(400).map((d) => d.getTime());
  void task.destroy();
  vi.useRealTimers();
  return runs.filter((t) => t >= YEAR_START && t < YEAR_END).map((t) => new Date(t).toISOString());
}

const scheduled = [
  ...scheduledJobs(DEFAULT_PUSHES.schedules).map(({ job, cron: expression }) => ({
    name: job.name as string,
    cron: expression,
  })),
  { name: "retention", cron: DEFAULT_MAINTENANCE.retentionCron },
];

afterEach(() => vi.useRealTimers());

describe("Cron Triggers (UTC) and the jobs' schedules (Vietnam time)", () => {
  for (const section of ["[triggers]", "[env.staging.triggers]"]) {
    it(`${section}: one trigger per job, firing at node-cron's instants for all of 2027, and the drain tick`, () => {
      const triggers = cronsOf(section);
      expect(triggers).toContain(DEFAULT_DRAIN.cron);
      const jobTriggers = triggers.filter((t) => t !== DEFAULT_DRAIN.cron);
      expect(jobTriggers).toHaveLength(scheduled.length);
      for (const job of scheduled) {
        const ict = nodeCronRuns(job.cron, VN_TIME_ZONE);
        expect(ict.length).toBeGreaterThanOrEqual(52);
        const matching = jobTriggers.filter((t) => {
          const utc = nodeCronRuns(t, "Etc/UTC");
          return utc.length === ict.length && utc.every((instant, i) => instant === ict[i]);
        });
        expect(matching, `${job.name} (${job.cron} ICT)`).toHaveLength(1);
      }
    });
  }

  it("the Worker's matcher names the same minutes as node-cron, minute by minute through 2027", () => {
    for (const job of scheduled) {
      const schedule = vietnamCron(job.cron);
      const ours: string[] = [];
      for (let t = YEAR_START; t < YEAR_END; t += MINUTE) {
        if (schedule.matches(new Date(t))) ours.push(new Date(t).toISOString());
      }
      expect(ours, job.name).toEqual(nodeCronRuns(job.cron, VN_TIME_ZONE));
    }
  });
});
