/**
 * Running a job: plan its notice as of the instant asked, then queue it, claiming the period and
 * adding only the chats that do not have it yet, in one transaction with whatever the job records
 * alongside (a publication's announcement). A second trigger of the same period queues nothing new.
 */
import { metrics } from "../metrics.ts";
import type { EnqueueResult } from "../store/index.ts";
import type { Job, JobDeps, JobPlan, JobRequest } from "./types.ts";

export interface JobRun {
  plan: JobPlan;
  /** Null for a dry run. */
  queued: EnqueueResult | null;
}

export async function runJob(
  deps: JobDeps,
  job: Job,
  request: JobRequest,
  options: { dryRun?: boolean; actor?: string } = {},
): Promise<JobRun> {
  try {
    const plan = await job.plan(deps, request);
    if (options.dryRun === true) {
      metrics.jobRuns.inc({ job: job.name, outcome: "dry-run" });
      return { plan, queued: null };
    }
    const ctx = { now: request.at, actor: options.actor ?? `job:${job.name}` };
    const queued = await deps.store.transaction(async (tx) => {
      const result = await tx.outbox.enqueue(
        plan.notice,
        plan.deliveries.map((d) => d.delivery),
        ctx,
      );
      if (plan.onQueued) await plan.onQueued(tx, ctx);
      return result;
    });
    metrics.jobRuns.inc({ job: job.name, outcome: queued.created ? "queued" : "already-run" });
    return { plan, queued };
  } catch (error) {
    metrics.jobRuns.inc({ job: job.name, outcome: "failed" });
    throw error;
  }
}
