/**
 * The service's configuration, read the same way on Node (process.env) and Workers (the env
 * binding): each entry passes its own record to `parseConfig`. Every channel is optional, so a
 * newcomer without tokens can still run the playground.
 */
import type { UserFromGetMe } from "grammy/types";
import { z } from "zod";
import { BOT_INFO_RULE, parseBotInfo } from "./channels/telegram/bot-info.ts";
import { ZALO_API_ROOT } from "./channels/zalo/client.ts";
import { AppError } from "./errors.ts";
import { DEFAULT_RETENTION, type Retention } from "./ops/retention.ts";
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from "./push/delivery-window.ts";
import type { PacingLimits } from "./push/pacer.ts";

export type ChannelMode = "webhook" | "polling";

export interface ChannelConfig {
  token: string;
  /** Webhook when a secret is set, else long polling, unless the *_MODE variable says otherwise. */
  mode: ChannelMode;
  webhookSecret: string | null;
  apiRoot: string;
  /** Telegram only, from TELEGRAM_BOT_INFO: grammY then never calls getMe (required on Workers). */
  botInfo?: UserFromGetMe;
}

/** Where the configuration is read: a Worker has no disk, so no embedded database and no default URL. */
export type Runtime = "node" | "workers";

/** What one scheduled invocation of the Worker may spend on the outbox; the rest waits for the next tick. */
export interface DrainConfig {
  /** Subrequests (database round trips and Bot API calls) per invocation: 50 on Free, 1000 on Paid. */
  subrequests: number;
  /** Wall-clock budget of one drain, in milliseconds (workerd's clock stands still while computing). */
  timeMs: number;
  /** The Cron Trigger that only drains; any other trigger runs the jobs due at its instant. */
  cron: string;
}

export const DEFAULT_DRAIN: DrainConfig = { subrequests: 50, timeMs: 20_000, cron: "* * * * *" };

export interface Config {
  port: number;
  libsql: { url: string; authToken: string | null };
  /** Null when TELEGRAM_BOT_TOKEN is not set: the channel is off. */
  telegram: ChannelConfig | null;
  /** Null when ZALO_BOT_TOKEN is not set: the channel is off. */
  zalo: ChannelConfig | null;
  adminToken: string | null;
  /** Without a trailing slash. */
  publicBaseUrl: string | null;
  pushes: PushConfig;
  /** Requests a minute one client may make to the public routes (playground, chat API). */
  publicRateLimit: number;
  /** Behind a reverse proxy: take the client's address from its X-Forwarded-For. */
  trustProxy: boolean;
  maintenance: MaintenanceConfig;
  drain: DrainConfig;
}

export interface MaintenanceConfig {
  /** Daily verified copy of an embedded database: where, how many kept, when (cron, Vietnam time). */
  backupDir: string;
  backupKeep: number;
  backupCron: string;
  retention: Retention;
  retentionCron: string;
}

export const DEFAULT_MAINTENANCE: MaintenanceConfig = {
  backupDir: "data/backups",
  backupKeep: 7,
  backupCron: "30 2 * * *",
  retention: DEFAULT_RETENTION,
  retentionCron: "15 3 * * *",
};

export interface PushConfig {
  telegram: PacingLimits;
  zalo: PacingLimits;
  /** When optional notices may go (NOTICE_DAYS, NOTICE_HOURS). */
  office: OfficeHours;
  /** Whether `npm start` runs the scheduled jobs (SCHEDULER=off when another host's cron does). */
  scheduler: boolean;
  /** Cron expressions in Vietnam time, by job. */
  schedules: { "work-schedule": string; "late-cases": string };
  /** Tries a delivery gets after a server error or a network failure before it is given up. */
  maxAttempts: number;
  retryBaseMs: number;
  leaseMs: number;
}

/** A chair types a few commands a minute and the page polls every 3 s: 120 leaves room for both. */
export const DEFAULT_PUBLIC_RATE_LIMIT = 120;

export const DEFAULT_PUSHES: PushConfig = {
  // Telegram allows about 30 messages a second to different chats; 25 leaves room for replies.
  telegram: { perSecond: 25, chatIntervalMs: 1000, groupPerMinute: 20 },
  // Zalo publishes no figure; start low (shared/docs/zalo.md) and raise it after a pilot.
  zalo: { perSecond: 5, chatIntervalMs: 1000, groupPerMinute: 20 },
  office: DEFAULT_OFFICE_HOURS,
  scheduler: true,
  schedules: { "work-schedule": "0 7 * * 1", "late-cases": "0 15 * * 5" },
  maxAttempts: 12,
  retryBaseMs: 1000,
  leaseMs: 30_000,
};

export const DEFAULT_PORT = 8787;
export const DEFAULT_LIBSQL_URL = "file:data/cchc.db";
export const TELEGRAM_API_ROOT = "https://api.telegram.org";

export interface ConfigProblem {
  variable: string;
  message: string;
}

/** Messages name the variable and the rule, never the value: a secret must not reach a log. */
const httpUrl = z
  .string()
  .refine((value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value), "phải là URL http(s)://…");
const mode = z.enum(["webhook", "polling"], { error: "chỉ nhận webhook hoặc polling" });
const whole = (max: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,7}$/, `phải là số nguyên từ 0 đến ${max} (${what})`)
    .transform(Number)
    .refine((n) => n <= max, `phải là số nguyên từ 0 đến ${max} (${what})`);
const positive = (max: number, what: string) =>
  whole(max, what).refine((n) => n >= 1, `phải là số nguyên từ 1 đến ${max} (${what})`);
/** Five fields, minute to weekday; node-cron checks the rest at start. */
const cron = z
  .string()
  .regex(/^\S+(?:\s+\S+){4}$/, 'phải là biểu thức cron 5 trường, ví dụ "0 7 * * 1"')
  .refine((text) => /^[\d*,/\-\s]+$/.test(text), "chỉ gồm số và * , / -");
const clockRange = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'phải có dạng "07:00-17:30"')
  .refine((text) => text.slice(0, 5) < text.slice(6), "giờ bắt đầu phải trước giờ kết thúc");
const weekdays = z
  .string()
  .regex(
    /^[1-7](?:-[1-7])?(?:,[1-7](?:-[1-7])?)*$/,
    'phải là các thứ 1–7 (thứ Hai = 1), ví dụ "1-5" hoặc "1-5,6"',
  );

const envSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, "phải là số cổng 1–65535")
    .transform(Number)
    .refine((port) => port >= 1 && port <= 65535, "phải là số cổng 1–65535")
    .optional(),
  LIBSQL_URL: z
    .string()
    .regex(
      /^(?:file:|:memory:$|libsql:\/\/|https?:\/\/|wss?:\/\/)/,
      "phải bắt đầu bằng file:, libsql://, https:// hoặc wss://",
    )
    // A password in the URL would be printed by whoever prints the URL: it belongs in LIBSQL_AUTH_TOKEN.
    .refine(
      (url) => !/^[a-z]+:\/\/[^/?#]*@/iu.test(url),
      "không được chứa tên đăng nhập hay mật khẩu; đặt mã truy cập vào LIBSQL_AUTH_TOKEN",
    )
    .optional(),
  LIBSQL_AUTH_TOKEN: z.string().optional(),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d{1,20}:[A-Za-z0-9_-]{1,200}$/, "không đúng dạng <số>:<mã> do BotFather cấp")
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "phải gồm 1–256 ký tự A–Z, a–z, 0–9, _ hoặc -")
    .optional(),
  TELEGRAM_API_ROOT: httpUrl.optional(),
  TELEGRAM_MODE: mode.optional(),
  TELEGRAM_BOT_INFO: z
    .string()
    .refine((text) => parseBotInfo(text) !== null, BOT_INFO_RULE)
    .transform((text) => parseBotInfo(text) as UserFromGetMe)
    .optional(),
  ZALO_BOT_TOKEN: z
    .string()
    .regex(/^[^\s:]{1,64}:\S{1,256}$/, "không đúng dạng <bot_id>:<mã> do Zalo Bot Creator cấp")
    .optional(),
  ZALO_WEBHOOK_SECRET: z
    .string()
    .regex(/^[\x21-\x7E]{8,256}$/, "phải gồm 8–256 ký tự in được, không có khoảng trắng")
    .optional(),
  ZALO_API_ROOT: httpUrl.optional(),
  ZALO_MODE: mode.optional(),
  ADMIN_TOKEN: z.string().min(16, "phải dài ít nhất 16 ký tự").optional(),
  PUBLIC_BASE_URL: httpUrl.optional(),
  TELEGRAM_MAX_PER_SECOND: whole(1000, "0 = không giới hạn").optional(),
  TELEGRAM_GROUP_MAX_PER_MINUTE: whole(1000, "0 = không giới hạn").optional(),
  ZALO_MAX_PER_SECOND: whole(1000, "0 = không giới hạn").optional(),
  PUSH_CHAT_INTERVAL_MS: whole(60_000, "mili giây giữa hai tin tới một cuộc trò chuyện").optional(),
  NOTICE_HOURS: clockRange.optional(),
  NOTICE_DAYS: weekdays.optional(),
  SCHEDULER: z.enum(["on", "off"], { error: "chỉ nhận on hoặc off" }).optional(),
  JOB_WORK_SCHEDULE_CRON: cron.optional(),
  JOB_LATE_CASES_CRON: cron.optional(),
  OUTBOX_MAX_ATTEMPTS: positive(100, "số lần thử").optional(),
  OUTBOX_RETRY_BASE_MS: positive(600_000, "mili giây").optional(),
  OUTBOX_LEASE_SECONDS: positive(3600, "giây").optional(),
  PUBLIC_RATE_LIMIT_PER_MINUTE: positive(100_000, "yêu cầu mỗi phút từ một địa chỉ").optional(),
  TRUST_PROXY: z.enum(["on", "off"], { error: "chỉ nhận on hoặc off" }).optional(),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_KEEP: positive(1000, "số bản sao giữ lại").optional(),
  BACKUP_CRON: cron.optional(),
  RETENTION_UPDATES_DAYS: positive(3650, "ngày").optional(),
  RETENTION_DELIVERIES_DAYS: positive(3650, "ngày").optional(),
  RETENTION_AUDIT_DAYS: positive(36500, "ngày").optional(),
  RETENTION_CRON: cron.optional(),
  OUTBOX_DRAIN_SUBREQUESTS: positive(
    1000,
    "lượt gọi ra ngoài mỗi lần chạy: 50 gói Free, 1000 gói Paid",
  ).optional(),
  OUTBOX_DRAIN_SECONDS: positive(900, "giây").optional(),
  OUTBOX_DRAIN_CRON: cron.optional(),
});

export interface ParseOptions {
  /** Default "node". */
  runtime?: Runtime;
}

/**
 * Validates `env` and returns the typed configuration; throws an AppError("CONFIG_INVALID") whose
 * message lists one line per wrong variable. Empty values count as unset.
 *
 * @example
 * const config = parseConfig(process.env);
 */
export function parseConfig(
  env: Readonly<Record<string, string | undefined>>,
  options: ParseOptions = {},
): Config {
  const present: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key]?.trim();
    if (value) present[key] = value;
  }
  const parsed = envSchema.safeParse(present);
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message }));
  problems.push(...crossChecks(present));
  if (options.runtime === "workers") problems.push(...workersChecks(present));
  if (problems.length > 0 || !parsed.success) throw configError(problems);
  const e = parsed.data;
  return {
    port: e.PORT ?? DEFAULT_PORT,
    libsql: { url: e.LIBSQL_URL ?? DEFAULT_LIBSQL_URL, authToken: e.LIBSQL_AUTH_TOKEN ?? null },
    telegram: withBotInfo(
      channel(
        e.TELEGRAM_BOT_TOKEN,
        e.TELEGRAM_WEBHOOK_SECRET,
        e.TELEGRAM_MODE,
        e.TELEGRAM_API_ROOT ?? TELEGRAM_API_ROOT,
      ),
      e.TELEGRAM_BOT_INFO,
    ),
    zalo: channel(e.ZALO_BOT_TOKEN, e.ZALO_WEBHOOK_SECRET, e.ZALO_MODE, e.ZALO_API_ROOT ?? ZALO_API_ROOT),
    adminToken: e.ADMIN_TOKEN ?? null,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, "") ?? null,
    pushes: pushes(e),
    publicRateLimit: e.PUBLIC_RATE_LIMIT_PER_MINUTE ?? DEFAULT_PUBLIC_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY === "on",
    maintenance: {
      backupDir: e.BACKUP_DIR ?? DEFAULT_MAINTENANCE.backupDir,
      backupKeep: e.BACKUP_KEEP ?? DEFAULT_MAINTENANCE.backupKeep,
      backupCron: e.BACKUP_CRON ?? DEFAULT_MAINTENANCE.backupCron,
      retention: {
        updatesDays: e.RETENTION_UPDATES_DAYS ?? DEFAULT_RETENTION.updatesDays,
        deliveriesDays: e.RETENTION_DELIVERIES_DAYS ?? DEFAULT_RETENTION.deliveriesDays,
        auditDays: e.RETENTION_AUDIT_DAYS ?? DEFAULT_RETENTION.auditDays,
      },
      retentionCron: e.RETENTION_CRON ?? DEFAULT_MAINTENANCE.retentionCron,
    },
    drain: {
      subrequests: e.OUTBOX_DRAIN_SUBREQUESTS ?? DEFAULT_DRAIN.subrequests,
      timeMs: e.OUTBOX_DRAIN_SECONDS === undefined ? DEFAULT_DRAIN.timeMs : e.OUTBOX_DRAIN_SECONDS * 1000,
      cron: e.OUTBOX_DRAIN_CRON ?? DEFAULT_DRAIN.cron,
    },
  };
}

function withBotInfo(config: ChannelConfig | null, botInfo: UserFromGetMe | undefined): ChannelConfig | null {
  return config === null || botInfo === undefined ? config : { ...config, botInfo };
}

function pushes(e: z.infer<typeof envSchema>): PushConfig {
  const d = DEFAULT_PUSHES;
  const chatIntervalMs = e.PUSH_CHAT_INTERVAL_MS ?? d.telegram.chatIntervalMs;
  const groupPerMinute = e.TELEGRAM_GROUP_MAX_PER_MINUTE ?? d.telegram.groupPerMinute;
  const hours = e.NOTICE_HOURS;
  return {
    telegram: {
      perSecond: e.TELEGRAM_MAX_PER_SECOND ?? d.telegram.perSecond,
      chatIntervalMs,
      groupPerMinute,
    },
    zalo: { perSecond: e.ZALO_MAX_PER_SECOND ?? d.zalo.perSecond, chatIntervalMs, groupPerMinute },
    office: {
      days: e.NOTICE_DAYS === undefined ? d.office.days : expandDays(e.NOTICE_DAYS),
      start: hours?.slice(0, 5) ?? d.office.start,
      end: hours?.slice(6) ?? d.office.end,
    },
    scheduler: (e.SCHEDULER ?? "on") === "on",
    schedules: {
      "work-schedule": e.JOB_WORK_SCHEDULE_CRON ?? d.schedules["work-schedule"],
      "late-cases": e.JOB_LATE_CASES_CRON ?? d.schedules["late-cases"],
    },
    maxAttempts: e.OUTBOX_MAX_ATTEMPTS ?? d.maxAttempts,
    retryBaseMs: e.OUTBOX_RETRY_BASE_MS ?? d.retryBaseMs,
    leaseMs: e.OUTBOX_LEASE_SECONDS === undefined ? d.leaseMs : e.OUTBOX_LEASE_SECONDS * 1000,
  };
}

/** "1-5,7" → [1, 2, 3, 4, 5, 7]. */
function expandDays(text: string): number[] {
  const days = new Set<number>();
  for (const part of text.split(",")) {
    const [from, to = from] = part.split("-").map(Number) as [number, number?];
    for (let day = Math.min(from, to); day <= Math.max(from, to); day++) days.add(day);
  }
  return [...days].sort();
}

function channel(
  token: string | undefined,
  webhookSecret: string | undefined,
  mode: ChannelMode | undefined,
  apiRoot: string,
): ChannelConfig | null {
  if (token === undefined) return null;
  return {
    token,
    mode: mode ?? (webhookSecret ? "webhook" : "polling"),
    webhookSecret: webhookSecret ?? null,
    apiRoot: apiRoot.replace(/\/+$/, ""),
  };
}

/** Rules across variables, on the raw values so they are reported alongside malformed ones. */
function crossChecks(env: Readonly<Record<string, string>>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (env.LIBSQL_URL && /^(?:libsql|https|wss):/.test(env.LIBSQL_URL) && !env.LIBSQL_AUTH_TOKEN) {
    problems.push({
      variable: "LIBSQL_AUTH_TOKEN",
      message: "bắt buộc khi LIBSQL_URL trỏ tới máy chủ từ xa",
    });
  }
  for (const platform of ["TELEGRAM", "ZALO"] as const) {
    const token = env[`${platform}_BOT_TOKEN`];
    const secret = env[`${platform}_WEBHOOK_SECRET`];
    const chosenMode = env[`${platform}_MODE`];
    if (!token && (secret || chosenMode)) {
      const set = secret ? `${platform}_WEBHOOK_SECRET` : `${platform}_MODE`;
      problems.push({ variable: `${platform}_BOT_TOKEN`, message: `bắt buộc khi đã đặt ${set}` });
    }
    if (chosenMode === "webhook" && !secret) {
      problems.push({
        variable: `${platform}_WEBHOOK_SECRET`,
        message: `bắt buộc khi ${platform}_MODE=webhook (để từ chối yêu cầu giả mạo)`,
      });
    }
  }
  return problems;
}

/**
 * A Worker has no disk and lives for a request or a tick: the database must be a server, and the bot
 * must know itself without asking getMe.
 */
function workersChecks(env: Readonly<Record<string, string>>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const url = env.LIBSQL_URL;
  if (!url) {
    problems.push({
      variable: "LIBSQL_URL",
      message:
        "bắt buộc trên Cloudflare Workers: địa chỉ máy chủ libSQL (libsql://… hoặc https://…), đặt bằng `wrangler secret put LIBSQL_URL`",
    });
  } else if (/^(?:file:|:memory:)/.test(url)) {
    problems.push({
      variable: "LIBSQL_URL",
      message:
        "Cloudflare Workers không có ổ đĩa: chỉ nhận máy chủ libSQL (libsql://, https://), không nhận file: hay :memory:",
    });
  }
  if (env.TELEGRAM_BOT_TOKEN && !env.TELEGRAM_BOT_INFO) {
    problems.push({
      variable: "TELEGRAM_BOT_INFO",
      message:
        "bắt buộc trên Cloudflare Workers khi có TELEGRAM_BOT_TOKEN (JSON getMe do `telegram setup` in ra)",
    });
  }
  const info = env.TELEGRAM_BOT_INFO && parseBotInfo(env.TELEGRAM_BOT_INFO);
  const tokenId = env.TELEGRAM_BOT_TOKEN?.split(":")[0];
  if (info && tokenId && String(info.id) !== tokenId) {
    problems.push({ variable: "TELEGRAM_BOT_INFO", message: "là của một bot khác với TELEGRAM_BOT_TOKEN" });
  }
  return problems;
}

function configError(problems: readonly ConfigProblem[]): AppError<"CONFIG_INVALID"> {
  const seen = new Set<string>();
  const unique = problems.filter((problem) => !seen.has(problem.variable) && seen.add(problem.variable));
  const lines = unique.map((problem) => `- ${problem.variable}: ${problem.message}`);
  return new AppError("CONFIG_INVALID", `Cấu hình không hợp lệ:\n${lines.join("\n")}`, { problems: unique });
}

/**
 * Replaces every configured secret in `text` with "***", also in URL-encoded form and, for bot
 * tokens, the part after the bot id; for log lines and error messages.
 */
export function redact(text: string, config: Config): string {
  const secrets = new Set<string>();
  const add = (secret: string | null | undefined) => {
    if (!secret) return;
    secrets.add(secret);
    secrets.add(encodeURIComponent(secret));
  };
  for (const channelConfig of [config.telegram, config.zalo]) {
    if (!channelConfig) continue;
    add(channelConfig.token);
    const secretPart = channelConfig.token.slice(channelConfig.token.indexOf(":") + 1);
    if (secretPart.length >= 8) add(secretPart);
    add(channelConfig.webhookSecret);
  }
  add(config.libsql.authToken);
  add(config.adminToken);
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length))
    result = result.split(secret).join("***");
  return result;
}
