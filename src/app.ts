/**
 * The HTTP face of the service, the same on Node and Workers: the Telegram and Zalo webhooks, the
 * health check, the playground, the public report pages and the officers' admin API (/admin).
 * Everything it needs comes in `deps`; nothing here is Node-only.
 */
import type { Bot } from "grammy";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { rateLimiter } from "hono-rate-limiter";
import { ChannelUnavailableError, isInfrastructureFailure } from "./channels/failure.ts";
import { handleTelegramUpdate, TELEGRAM_SECRET_HEADER } from "./channels/telegram/webhook.ts";
import { mountWebhook } from "./channels/webhook-route.ts";
import type { ZaloBot } from "./channels/zalo/bot.ts";
import { handleZaloWebhook, ZALO_SECRET_HEADER } from "./channels/zalo/webhook.ts";
import { verifySecret } from "./chat/secret.ts";
import type { ChatService } from "./chat/service.ts";
import { type ChannelMode, DEFAULT_PUBLIC_RATE_LIMIT } from "./config.ts";
import { type ChannelStatus, health } from "./health.ts";
import type { Log } from "./log.ts";
import { metrics } from "./metrics.ts";
import type { Store } from "./store/index.ts";
import { limitBody } from "./web/body-limit.ts";
import { chatApi, noticesApi } from "./web/chat-api.ts";
import { playgroundPage } from "./web/page.ts";
import type { ReportDeps } from "./web/report/model.ts";
import { mountReportPages } from "./web/report/routes.tsx";

export interface ChannelDeps<B> {
  bot: B;
  mode: ChannelMode;
  /** Required for the webhook route; without it the route answers 404. */
  webhookSecret: string | null;
}

export interface AppDeps {
  chat: ChatService;
  /** The playground reads its chat's delivered notices; /health writes its heartbeat. */
  store: Pick<Store, "chats" | "outbox" | "heartbeat">;
  /** Bearer token of the officers' routes (/metrics); without one they answer 404. */
  adminToken?: string | null;
  /** A trivial store query: resolves when the database answers. */
  pingDatabase(): Promise<unknown>;
  /** A tiny write: resolves when it committed. Default: the heartbeat row of `store`. */
  checkDatabaseWrite?(): Promise<unknown>;
  /** Null when the channel is not configured (no token). */
  telegram: ChannelDeps<Bot> | null;
  zalo: ChannelDeps<ZaloBot> | null;
  log: Log;
  now: () => Date;
  /** Requests a minute one client may make to the public routes (playground, chat API); default 120. */
  publicRateLimit?: number;
  /** Behind one reverse proxy: the client is the last address it appended to X-Forwarded-For. */
  trustProxy?: boolean;
  /** What the public report pages (/bao-cao, /don-vi) read; without it they answer 404. */
  reports?: ReportDeps | null;
  /** The service's public address, for the pages' og:url. */
  publicBaseUrl?: string | null;
  /**
   * The officers' admin API (src/admin/api.ts), mounted at /admin; without it /admin answers 404. Both
   * entries build it with src/admin/for-service.ts (its CSV reading needs no Node).
   */
  // biome-ignore lint/suspicious/noExplicitAny: any sub-app's variables; it is only mounted here.
  admin?: Hono<any> | null;
}

/** A playground message is a command of at most 1,000 characters: 16 KiB of JSON is plenty. */
const MAX_CHAT_BODY_BYTES = 16 * 1024;

/**
 * Who is asking: the connection's address (@hono/node-server hands the socket in `env.incoming`),
 * else the address Cloudflare puts in front of a Worker. Headers a client sets itself are not trusted;
 * behind a reverse proxy (`TRUST_PROXY=on`), the address that proxy appended last to X-Forwarded-For.
 */
export function clientAddress(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? c.req.header("cf-connecting-ip") ?? "unknown";
}

/** A Worker's `waitUntil` (Hono throws when asked on Node, where there is none and none is needed). */
function backgroundOf(c: Context): ((work: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (work) => ctx.waitUntil(work);
  } catch {
    return undefined;
  }
}

const status = (channel: ChannelDeps<unknown> | null): ChannelStatus =>
  channel === null ? { configured: false } : { configured: true, mode: channel.mode };

const webhookSecret = (channel: ChannelDeps<unknown> | null) =>
  channel?.mode === "webhook" ? channel.webhookSecret : null;

export function createApp(deps: AppDeps): Hono {
  const { log } = deps;
  const app = new Hono();
  // Every request gets an id (kept from X-Request-Id when a proxy set one), named in its log lines.
  app.use(requestId());

  mountWebhook(app, "/webhook/telegram", {
    platform: "Telegram",
    header: TELEGRAM_SECRET_HEADER,
    secret: webhookSecret(deps.telegram),
    log,
    handle: (body) => handleTelegramUpdate(deps.telegram!.bot, body, log),
  });
  mountWebhook(app, "/webhook/zalo", {
    platform: "Zalo",
    header: ZALO_SECRET_HEADER,
    secret: webhookSecret(deps.zalo),
    log,
    handle: (body, c) => handleZaloWebhook(deps.zalo!.bot, body, log, backgroundOf(c)),
  });

  app.get(
    "/health",
    health({
      pingDatabase: deps.pingDatabase,
      checkWrite: deps.checkDatabaseWrite ?? (() => deps.store.heartbeat.beat(deps.now())),
      channels: { telegram: status(deps.telegram), zalo: status(deps.zalo) },
      log,
    }),
  );
  // A flood from one address slows that address; the webhooks (platforms) and /health are not limited.
  const perClient = rateLimiter({
    windowMs: 60_000,
    limit: deps.publicRateLimit ?? DEFAULT_PUBLIC_RATE_LIMIT,
    keyGenerator: (c) => clientAddress(c, deps.trustProxy === true),
    standardHeaders: "draft-7",
    // Closing the connection spares reading (and throwing away) whatever body the flood sent along.
    handler: (c) =>
      c.json({ error: "Bạn gửi quá nhiều yêu cầu. Vui lòng chờ một phút rồi thử lại." }, 429, {
        connection: "close",
      }),
  });
  app.get("/", perClient, playgroundPage());
  app.post(
    "/api/chat",
    perClient,
    limitBody(MAX_CHAT_BODY_BYTES, "Nội dung quá lớn: chỉ gửi một lệnh, tối đa 1.000 ký tự."),
    chatApi(deps.chat, deps.now),
  );
  app.get("/api/notices", perClient, noticesApi(deps.store));
  if (deps.reports) {
    app.use("/bao-cao/*", perClient);
    app.use("/don-vi/*", perClient);
    mountReportPages(app, deps.reports, { publicBaseUrl: deps.publicBaseUrl ?? null });
  }

  app.get("/metrics", async (c) => {
    if (!deps.adminToken) throw new HTTPException(404, { message: "Không có trang này." });
    const given = /^Bearer (.+)$/u.exec(c.req.header("authorization") ?? "")?.[1];
    if (!verifySecret(given, deps.adminToken)) {
      throw new HTTPException(401, { message: "Sai hoặc thiếu mã quản trị (Authorization: Bearer …)." });
    }
    const depth = await deps.store.outbox.depth();
    return c.text(metrics.render(depth), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
  });

  if (deps.admin) app.route("/admin", deps.admin);

  app.notFound((c) => c.json({ error: "Không có trang này." }, 404));

  // The one place errors become responses: a reason for the client's mistakes, a generic word for
  // ours, never a stack trace.
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    if (error instanceof ChannelUnavailableError || isInfrastructureFailure(error)) {
      log.error("request failed: database unavailable", {
        request: c.get("requestId"),
        path: c.req.path,
        error,
      });
      return c.json({ error: "Dịch vụ tạm thời gián đoạn, vui lòng thử lại sau ít phút." }, 503);
    }
    log.error("request failed", { request: c.get("requestId"), path: c.req.path, error });
    return c.json({ error: "Lỗi máy chủ." }, 500);
  });

  return app;
}
