/**
 * Node only: node-cron runs the scheduled jobs inside `npm start`, in Vietnam time. node-cron gives no
 * exactly-once guarantee and neither does a second process or a Cron Trigger doing the same: each run
 * queues only what its period has not queued yet (see src/jobs/run.ts), so a double trigger sends
 * nothing twice.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { VN_TIME_ZONE } from "../format/vi.ts";
import { runJob, scheduledJobs } from "../jobs/index.ts";
import type { Log } from "../log.ts";

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(deps: Deps, config: Config, log: Log): Scheduler {
  const tasks: ScheduledTask[] = [];
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
