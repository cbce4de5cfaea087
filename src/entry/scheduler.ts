/**
 * Node only: node-cron runs the scheduled jobs inside `npm start`, in Vietnam time, with the daily
 * pruning of what is past its retention and, for an embedded database, a daily verified backup (the
 * newest BACKUP_KEEP kept). node-cron gives no
 * exactly-once guarantee and neither does a second process or a Cron Trigger doing the same: each run
 * queues only what its period has not queued yet (see src/jobs/run.ts), so a double trigger sends
 * nothing twice.
 */
import { mkdir } from "node:fs/promises";
import cron, { type ScheduledTask } from "node-cron";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { VN_TIME_ZONE } from "../format/vi.ts";
import { runJob, scheduledJobs } from "../jobs/index.ts";
import type { Log } from "../log.ts";
import { backupInChildProcess } from "../ops/backup-process.ts";
import { pruneExpired } from "../ops/retention.ts";

export interface Scheduler {
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  /** The client of an embedded database (daily backups); null for a remote one. */
  embedded: { url: string } | null;
}

export function startScheduler(deps: Deps, config: Config, log: Log, options: SchedulerOptions): Scheduler {
  const tasks: ScheduledTask[] = [];
  const schedule = (name: string, expression: string, run: (at: Date) => Promise<void>) => {
    if (!cron.validate(expression)) {
      throw new AppError("CONFIG_INVALID", `Lịch của tác vụ ${name} không hợp lệ: "${expression}".`);
    }
    const task = cron.schedule(expression, (context) => run(context.date), {
      timezone: VN_TIME_ZONE,
      name,
      noOverlap: true,
    });
    task.on("execution:failed", (context) =>
      log.error("scheduled task failed", { task: name, error: context.execution?.error }),
    );
    tasks.push(task);
  };
  const { maintenance } = config;
  schedule("retention", maintenance.retentionCron, async (at) => {
    log.info("retention: pruned", { ...(await pruneExpired(deps.store, maintenance.retention, at)) });
  });
  const embedded = options.embedded;
  if (embedded !== null) {
    schedule("backup", maintenance.backupCron, async (at) => {
      await mkdir(maintenance.backupDir, { recursive: true });
      const { path, removed } = await backupInChildProcess(
        embedded.url,
        maintenance.backupDir,
        maintenance.backupKeep,
        at,
      );
      log.info("backup: verified copy written", { path, removed: removed.length });
    });
  }
  for (const { job, cron: expression } of scheduledJobs(config.pushes.schedules)) {
    if (!cron.validate(expression)) {
      throw new AppError("CONFIG_INVALID", `Lịch của tác vụ ${job.name} không hợp lệ: "${expression}".`);
    }
    const task = cron.schedule(
      expression,
      async (context) => {
        const run = await runJob(deps.jobs, job, {
          at: context.date,
          scopeCode: null,
          year: null,
          trigger: "cron",
        });
        log.info("job queued its notices", {
          job: job.name,
          key: run.plan.notice.key,
          added: run.queued?.added,
        });
        deps.sender.wake();
      },
      { timezone: VN_TIME_ZONE, name: job.name, noOverlap: true },
    );
    task.on("execution:failed", (context) => {
      log.error("job failed", { job: job.name, error: context.execution?.error });
    });
    tasks.push(task);
  }
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
