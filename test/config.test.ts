import { describe, expect, it } from "vitest";
import {
  type Config,
  DEFAULT_DRAIN,
  DEFAULT_MAINTENANCE,
  DEFAULT_PUSHES,
  parseConfig,
  redact,
} from "../src/config.ts";
import { AppError } from "../src/errors.ts";

const TELEGRAM_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const ZALO_TOKEN = "12345689:abc-xyz-secret-part";

function problemsOf(env: Record<string, string | undefined>): { variable: string; message: string }[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe("CONFIG_INVALID");
    return appError.details.problems as { variable: string; message: string }[];
  }
  throw new Error("expected parseConfig to throw");
}

describe("parseConfig", () => {
  it("runs with no variables at all: embedded database, no channels", () => {
    expect(parseConfig({})).toEqual({
      port: 8787,
      libsql: { url: "file:data/cchc.db", authToken: null },
      telegram: null,
      zalo: null,
      adminToken: null,
      publicBaseUrl: null,
      pushes: DEFAULT_PUSHES,
      publicRateLimit: 120,
      trustProxy: false,
      maintenance: DEFAULT_MAINTENANCE,
      drain: DEFAULT_DRAIN,
    } satisfies Config);
  });

  it("reads the push settings: limits, office hours, schedules and the retry budget", () => {
    const config = parseConfig({
      TELEGRAM_MAX_PER_SECOND: "30",
      TELEGRAM_GROUP_MAX_PER_MINUTE: "0",
      ZALO_MAX_PER_SECOND: "2",
      PUSH_CHAT_INTERVAL_MS: "1500",
      NOTICE_HOURS: "07:30-17:00",
      NOTICE_DAYS: "1-5,6",
      SCHEDULER: "off",
      JOB_WORK_SCHEDULE_CRON: "30 6 * * 1",
      OUTBOX_MAX_ATTEMPTS: "3",
      OUTBOX_LEASE_SECONDS: "2",
    });
    expect(config.pushes).toEqual({
      ...DEFAULT_PUSHES,
      telegram: { perSecond: 30, chatIntervalMs: 1500, groupPerMinute: 0 },
      zalo: { perSecond: 2, chatIntervalMs: 1500, groupPerMinute: 0 },
      office: { days: [1, 2, 3, 4, 5, 6], start: "07:30", end: "17:00" },
      scheduler: false,
      schedules: { "work-schedule": "30 6 * * 1", "late-cases": "0 15 * * 5" },
      maxAttempts: 3,
      leaseMs: 2000,
    });
  });

  it("names each malformed push setting", () => {
    expect(
      problemsOf({
        TELEGRAM_MAX_PER_SECOND: "fast",
        NOTICE_HOURS: "17:30-07:00",
        NOTICE_DAYS: "mon-fri",
        JOB_LATE_CASES_CRON: "every friday",
        OUTBOX_MAX_ATTEMPTS: "0",
      }).map((p) => p.variable),
    ).toEqual([
      "TELEGRAM_MAX_PER_SECOND",
      "NOTICE_HOURS",
      "NOTICE_DAYS",
      "JOB_LATE_CASES_CRON",
      "OUTBOX_MAX_ATTEMPTS",
    ]);
  });

  it("reads a full production environment", () => {
    const config = parseConfig({
      PORT: "3000",
      LIBSQL_URL: "libsql://cchc-vn.turso.io",
      LIBSQL_AUTH_TOKEN: "eyJhbGciOi.secret",
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: "tg_secret-123",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      ZALO_BOT_TOKEN: ZALO_TOKEN,
      ZALO_WEBHOOK_SECRET: "zalo-secret-123",
      ADMIN_TOKEN: "admin-token-0123456789",
      PUBLIC_BASE_URL: "https://cchc.example.vn/",
    });
    expect(config).toMatchObject({
      port: 3000,
      libsql: { url: "libsql://cchc-vn.turso.io", authToken: "eyJhbGciOi.secret" },
      telegram: {
        token: TELEGRAM_TOKEN,
        mode: "webhook",
        webhookSecret: "tg_secret-123",
        apiRoot: "http://127.0.0.1:8081",
      },
      zalo: { token: ZALO_TOKEN, mode: "webhook", apiRoot: "https://bot-api.zaloplatforms.com" },
      publicBaseUrl: "https://cchc.example.vn",
    });
  });

  it("polls when a channel has no webhook secret, unless told otherwise", () => {
    const config = parseConfig({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, ZALO_BOT_TOKEN: ZALO_TOKEN });
    expect(config.telegram?.mode).toBe("polling");
    expect(config.zalo?.mode).toBe("polling");
    const forced = parseConfig({
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: "s",
      TELEGRAM_MODE: "polling",
    });
    expect(forced.telegram?.mode).toBe("polling");
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: "", PORT: "  ", ZALO_MODE: "" }).telegram).toBeNull();
  });

  it("lists one message per wrong variable", () => {
    const problems = problemsOf({
      PORT: "80a",
      LIBSQL_URL: "https://db.example.vn",
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_MODE: "webhook",
      TELEGRAM_API_ROOT: "not a url",
      ZALO_BOT_TOKEN: ZALO_TOKEN,
      ZALO_WEBHOOK_SECRET: "short",
      ZALO_MODE: "websocket",
      ADMIN_TOKEN: "short",
      PUBLIC_BASE_URL: "cchc.example.vn",
    });
    expect(problems.map((problem) => problem.variable).sort()).toEqual(
      [
        "ADMIN_TOKEN",
        "LIBSQL_AUTH_TOKEN",
        "PORT",
        "PUBLIC_BASE_URL",
        "TELEGRAM_API_ROOT",
        "TELEGRAM_WEBHOOK_SECRET",
        "ZALO_MODE",
        "ZALO_WEBHOOK_SECRET",
      ].sort(),
    );
    for (const problem of problems) expect(problem.message.length).toBeGreaterThan(5);
  });

  it("rejects out-of-range ports, malformed tokens and secrets", () => {
    expect(problemsOf({ PORT: "70000" })[0]?.variable).toBe("PORT");
    expect(problemsOf({ TELEGRAM_BOT_TOKEN: "not-a-token" })[0]?.variable).toBe("TELEGRAM_BOT_TOKEN");
    expect(
      problemsOf({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: "has space" })[0]?.variable,
    ).toBe("TELEGRAM_WEBHOOK_SECRET");
    expect(
      problemsOf({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: "x".repeat(257) }),
    ).toHaveLength(1);
    expect(problemsOf({ ZALO_BOT_TOKEN: "no-colon" })[0]?.variable).toBe("ZALO_BOT_TOKEN");
    expect(problemsOf({ LIBSQL_URL: "postgres://x" })[0]?.variable).toBe("LIBSQL_URL");
  });

  it("requires the token when a channel's other settings are given", () => {
    expect(problemsOf({ ZALO_WEBHOOK_SECRET: "zalo-secret-123" })).toEqual([
      { variable: "ZALO_BOT_TOKEN", message: expect.stringContaining("ZALO_WEBHOOK_SECRET") },
    ]);
  });

  it("never echoes a value in its messages", () => {
    const secret = "leaky secret value";
    try {
      parseConfig({
        TELEGRAM_BOT_TOKEN: `${secret}:x`,
        TELEGRAM_WEBHOOK_SECRET: secret,
        ZALO_BOT_TOKEN: secret,
        ZALO_WEBHOOK_SECRET: secret,
        ADMIN_TOKEN: "leaky",
        LIBSQL_URL: `https://${secret}`,
      });
      throw new Error("expected a failure");
    } catch (error) {
      const text = `${(error as Error).message} ${JSON.stringify((error as AppError).details)}`;
      expect(text).not.toContain("leaky");
    }
  });
});

describe("redact", () => {
  const config = parseConfig({
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: "tg_secret-123",
    ZALO_BOT_TOKEN: ZALO_TOKEN,
    ZALO_WEBHOOK_SECRET: "zalo-secret-123",
    LIBSQL_URL: "libsql://db.turso.io",
    LIBSQL_AUTH_TOKEN: "libsql-auth-token",
    ADMIN_TOKEN: "admin-token-0123456789",
  });

  it("replaces every configured secret, also URL-encoded or as a token's secret half", () => {
    const line = [
      `GET https://api.telegram.org/bot${TELEGRAM_TOKEN}/sendMessage`,
      `encoded ${encodeURIComponent(TELEGRAM_TOKEN)}`,
      `half ${TELEGRAM_TOKEN.split(":")[1]}`,
      `zalo /bot${ZALO_TOKEN}/getMe header tg_secret-123 zalo-secret-123`,
      "auth libsql-auth-token admin admin-token-0123456789",
    ].join(" | ");
    const redacted = redact(line, config);
    for (const secret of [
      TELEGRAM_TOKEN,
      "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
      ZALO_TOKEN,
      "abc-xyz-secret-part",
      "tg_secret-123",
    ]) {
      expect(redacted).not.toContain(secret);
    }
    expect(redacted).not.toMatch(/libsql-auth-token|admin-token|zalo-secret/);
    expect(redacted).toContain("GET https://api.telegram.org/bot***/sendMessage");
  });

  it("leaves text without secrets alone", () => {
    expect(redact("Xã Tân Hồng 87,03", config)).toBe("Xã Tân Hồng 87,03");
    expect(redact("x", parseConfig({}))).toBe("x");
  });
});

describe("parseConfig on Cloudflare Workers", () => {
  const BOT_INFO = JSON.stringify({ id: 123456789, is_bot: true, first_name: "CCHC", username: "cchc_bot" });
  const remote = { LIBSQL_URL: "libsql://cchc-demo.turso.io", LIBSQL_AUTH_TOKEN: "token-of-the-database" };
  const problems = (env: Record<string, string>) => {
    try {
      parseConfig(env, { runtime: "workers" });
    } catch (error) {
      return (error as AppError).details.problems as { variable: string; message: string }[];
    }
    return [];
  };

  it("has no embedded default: a missing or file: LIBSQL_URL is refused, in Vietnamese, naming the fix", () => {
    expect(problems({})).toEqual([
      { variable: "LIBSQL_URL", message: expect.stringContaining("bắt buộc trên Cloudflare Workers") },
    ]);
    expect(problems({ LIBSQL_URL: "file:data/cchc.db" })[0]?.message).toContain("không nhận file:");
    expect(problems(remote)).toEqual([]);
  });

  it("needs the bot's getMe answer with a Telegram token, validated and of the same bot", () => {
    const telegram = { ...remote, TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: "s3cret" };
    expect(problems(telegram).map((p) => p.variable)).toEqual(["TELEGRAM_BOT_INFO"]);
    expect(problems({ ...telegram, TELEGRAM_BOT_INFO: "{not json" })[0]?.message).toContain("JSON do getMe");
    const other = JSON.stringify({ id: 42, is_bot: true, first_name: "X", username: "x_bot" });
    expect(problems({ ...telegram, TELEGRAM_BOT_INFO: other })[0]?.message).toContain("bot khác");
    const config = parseConfig({ ...telegram, TELEGRAM_BOT_INFO: BOT_INFO }, { runtime: "workers" });
    expect(config.telegram?.botInfo).toMatchObject({
      id: 123456789,
      username: "cchc_bot",
      can_join_groups: true,
    });
  });

  it("reads the drain's budget: 50 subrequests by default, up to 1000", () => {
    expect(parseConfig(remote, { runtime: "workers" }).drain).toEqual(DEFAULT_DRAIN);
    const paid = parseConfig({ ...remote, OUTBOX_DRAIN_SUBREQUESTS: "1000", OUTBOX_DRAIN_SECONDS: "60" });
    expect(paid.drain).toEqual({ subrequests: 1000, timeMs: 60_000, cron: "* * * * *" });
    expect(problemsOf({ OUTBOX_DRAIN_SUBREQUESTS: "5000" })[0]?.variable).toBe("OUTBOX_DRAIN_SUBREQUESTS");
  });
});
