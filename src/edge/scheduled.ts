/**
 * One Cron Trigger of the Worker. The drain trigger (OUTBOX_DRAIN_CRON) only drains the outbox; any
 * other trigger runs the jobs whose schedule (Vietnam time, the same JOB_*_CRON node-cron reads) names
 * the trigger's instant, then drains with what is left of the invocation's budget. The instant is the
 * one the trigger was scheduled for, never "now": a late or retried invocation claims the same period,
 * and a period already queued queues nothing (src/jobs/run.ts).
 */
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { runJob, scheduledJobs } from "../jobs/index.ts";
import { pruneExpired } from "../ops/retention.ts";
import type { DrainReport } from "../push/sender.ts";
import { vietnamCron } from "./cron-match.ts";
import type { Meter } from "./meter.ts";

export interface Trigger {
  cron: string;
  /** Epoch milliseconds the trigger was scheduled for. */
  scheduledTime: number;
}

export interface ScheduledReport {
  at: Date;
  /** Jobs (and retention) run by this trigger. */
  ran: string[];
  drained: DrainReport;
}

const MINUTE_MS = 60_000;

export async function runScheduled(
  deps: Pick<Deps, "jobs" | "sender" | "store" | "log">,
  config: Pick<Config, "drain" | "pushes" | "maintenance">,
  trigger: Trigger,
  meter: Pick<Meter, "count">,
): Promise<ScheduledReport> {
  const { log } = deps;
  const startedAt = meter.count;
  const at = new Date(Math.floor(trigger.scheduledTime / MINUTE_MS) * MINUTE_MS);
  const ran: string[] = [];
  const failures: string[] = [];
  if (trigger.cron !== config.drain.cron) {
    for (const { job, cron } of scheduledJobs(config.pushes.schedules)) {
      if (!vietnamCron(cron).matches(at)) continue;
      try {
        const run = await runJob(deps.jobs, job, { at, scopeCode: null, year: null, trigger: "cron" });
        log.info("job queued its notices", {
          job: job.name,
          key: run.plan.notice.key,
          added: run.queued?.added,
        });
        ran.push(job.name);
      } catch (error) {
        log.error("job failed", { job: job.name, error });
        failures.push(job.name);
      }
    }
    const { retention, retentionCron } = config.maintenance;
    if (vietnamCron(retentionCron).matches(at)) {
      log.info("retention: pruned", { ...(await pruneExpired(deps.store, retention, at)) });
      ran.push("retention");
    }
    if (ran.length === 0 && failures.length === 0) {
      log.warn("cron trigger names no job at its instant: wrangler.toml and JOB_*_CRON disagree", {
        cron: trigger.cron,
        at: at.toISOString(),
      });
    }
  }
  const drained = await deps.sender.drain({
    subrequests: config.drain.subrequests,
    spent: () => meter.count - startedAt,
    until: new Date(Date.now() + config.drain.timeMs),
  });
  log.info("outbox drained", { cron: trigger.cron, ...drained });
  if (failures.length > 0) {
    throw new AppError("JOB_FAILED", `Tác vụ không chạy được: ${failures.join(", ")} (xem nhật ký).`, {
      jobs: failures,
    });
  }
  return { at, ran, drained };
}
