/**
 * The Worker's bindings: strings from wrangler.toml's [vars] and from `wrangler secret put`. Every one is
 * optional here because parseConfig (the same schema as on Node) says which are required and why, in
 * Vietnamese, instead of a type the platform cannot enforce.
 */
export type WorkerEnv = {
  /** Secret: libsql://… or https://… (no file: on Workers). */
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
  TELEGRAM_BOT_TOKEN?: string;
  TELEGRAM_WEBHOOK_SECRET?: string;
  /** The bot's getMe answer as JSON, so no getMe runs per isolate. */
  TELEGRAM_BOT_INFO?: string;
  TELEGRAM_API_ROOT?: string;
  TELEGRAM_MODE?: string;
  ZALO_BOT_TOKEN?: string;
  ZALO_WEBHOOK_SECRET?: string;
  ZALO_API_ROOT?: string;
  ZALO_MODE?: string;
  ADMIN_TOKEN?: string;
  PUBLIC_BASE_URL?: string;
  NOTICE_DAYS?: string;
  NOTICE_HOURS?: string;
  JOB_WORK_SCHEDULE_CRON?: string;
  JOB_LATE_CASES_CRON?: string;
  RETENTION_CRON?: string;
  OUTBOX_DRAIN_SUBREQUESTS?: string;
  OUTBOX_DRAIN_SECONDS?: string;
  OUTBOX_DRAIN_CRON?: string;
};
