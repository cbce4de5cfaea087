export { jobNamed, jobs, scheduledJobs } from "./registry.ts";
export { announcementKey, resultAnnouncementJob } from "./result-announcement.ts";
export { type JobRun, runJob } from "./run.ts";
export { type ScheduleChange, scheduleChanged } from "./schedule-update.ts";
export { queueSummaries, summaryKey } from "./summary.ts";
export {
  headed,
  JOB_NAMES,
  type Job,
  type JobDeps,
  JobError,
  type JobName,
  type JobPlan,
  type JobRequest,
  type PlannedDelivery,
} from "./types.ts";
