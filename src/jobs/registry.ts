/** The jobs, by name: what `job list` shows, what node-cron and the Worker's cron triggers run. */
import { lateCasesJob } from "./late-cases.ts";
import { resultAnnouncementJob } from "./result-announcement.ts";
import { type Job, JobError, type JobName } from "./types.ts";
import { workScheduleJob } from "./work-schedule.ts";

export const jobs: readonly Job[] = [resultAnnouncementJob, workScheduleJob, lateCasesJob];

export function jobNamed(name: string): Job {
  const job = jobs.find((j) => j.name === name);
  if (job === undefined) {
    throw new JobError(
      "JOB_UNKNOWN",
      `Không có tác vụ "${name}". Các tác vụ: ${jobs.map((j) => j.name).join(", ")}.`,
    );
  }
  return job;
}

/** The jobs that run on a schedule, with the schedule in force (configuration may replace the default). */
export function scheduledJobs(
  overrides: Partial<Record<JobName, string>> = {},
): { job: Job; cron: string }[] {
  return jobs.flatMap((job) => {
    const cron = overrides[job.name] ?? job.schedule;
    return cron === null ? [] : [{ job, cron }];
  });
}
