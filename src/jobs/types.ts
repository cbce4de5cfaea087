/**
 * The scheduled jobs' shared shapes. A job plans a notice (who gets what, as of an instant passed
 * in), and `runJob` queues it in the outbox; the sender delivers it. Runtime-neutral: Node's
 * node-cron, the CLI and the Worker's scheduled handler all call the same code.
 */
import type { Reply } from "../../commands/reply.ts";
import { AppError } from "../errors.ts";
import type { OfficeHours } from "../push/delivery-window.ts";
import type { Resolver } from "../resolve/index.ts";
import type {
  DeliveryInput,
  NoticeInput,
  Recipient,
  Store,
  StoreRepos,
  WriteContext,
} from "../store/index.ts";

export const JOB_NAMES = ["result-announcement", "work-schedule", "late-cases"] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobDeps {
  store: Store;
  resolver: () => Promise<Resolver>;
  /** When optional notices may go: Monday–Friday 07:00–17:30 by default. */
  office: OfficeHours;
  /** PUBLIC_BASE_URL: announcements link to the report pages when set. */
  pagesBaseUrl?: string | null;
}

export interface JobRequest {
  /** The instant the job runs as: its period, and the quiet hours it honours. */
  at: Date;
  /** GSO code of a district or province (a commune for the schedule): only its chats. */
  scopeCode: string | null;
  year: number | null;
  /** What started it: cron, cli, publish… */
  trigger: string;
}

export interface PlannedDelivery {
  recipient: Recipient;
  delivery: DeliveryInput;
  /** What the chat gets, in a few words (for `--dry-run`). */
  what: string;
}

export interface JobPlan {
  notice: NoticeInput;
  deliveries: PlannedDelivery[];
  /** Written in the same transaction as the queued deliveries (a result announcement's stamp). */
  onQueued?: (repos: StoreRepos, ctx: WriteContext) => Promise<void>;
}

export interface Job {
  name: JobName;
  /** Vietnamese, for `job list`. */
  title: string;
  /** Its default schedule, a cron expression in Vietnam time; null: started by another action. */
  schedule: string | null;
  needsScope: boolean;
  needsYear: boolean;
  plan(deps: JobDeps, request: JobRequest): Promise<JobPlan>;
}

export type JobErrorCode =
  | "JOB_UNKNOWN"
  | "SCOPE_REQUIRED"
  | "YEAR_REQUIRED"
  | "SCOPE_NOT_FOUND"
  | "NOT_PUBLISHED"
  | "NO_SCHEDULE";

export class JobError extends AppError<JobErrorCode> {}

/** A reply with a headline of its own above it: what a pushed message opens with. */
export function headed(headline: Reply, body: Reply): Reply {
  return {
    lines: [...headline.lines, [], ...body.lines],
    choices: body.choices,
    ...(body.link ? { link: body.link } : {}),
  };
}
