/**
 * The HTTP face of the service, the same on Node and Workers: the Telegram and Zalo webhooks, the
 * health check and the playground. Everything it needs comes in `deps`; nothing here is Node-only.
 */
import type { Bot } from "grammy";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { ChannelUnavailableError, isInfrastructureFailure } from "./channels/failure.ts";
import { handleTelegramUpdate, TELEGRAM_SECRET_HEADER } from "./channels/telegram/webhook.ts";
import { mountWebhook } from "./channels/webhook-route.ts";
import type { ZaloBot } from "./channels/zalo/bot.ts";
import { handleZaloWebhook, ZALO_SECRET_HEADER } from "./channels/zalo/webhook.ts";
import type { ChatService } from "./chat/service.ts";
import type { ChannelMode } from "./config.ts";
import { type ChannelStatus, health } from "./health.ts";
import type { Log } from "./log.ts";
import type { Store } from "./store/index.ts";
import { chatApi, noticesApi } from "./web/chat-api.ts";
import { playgroundPage } from "./web/page.ts";

export interface ChannelDeps<B> {
  bot: B;
  mode: ChannelMode;
  /** Required for the webhook route; without it the route answers 404. */
  webhookSecret: string | null;
}

export interface AppDeps {
  chat: ChatService;
  /** The playground reads its chat's delivered notices. */
  store: Pick<Store, "chats" | "outbox">;
  /** A trivial store query: resolves when the database answers. */
  pingDatabase(): Promise<unknown>;
  /** Null when the channel is not configured (no token). */
  telegram: ChannelDeps<Bot> | null;
  zalo: ChannelDeps<ZaloBot> | null;
  log: Log;
  now: () => Date;
}

const status = (channel: ChannelDeps<unknown> | null): ChannelStatus =>
  channel === null ? { configured: false } : { configured: true, mode: channel.mode };

const webhookSecret = (channel: ChannelDeps<unknown> | null) =>
  channel?.mode === "webhook" ? channel.webhookSecret : null;

export function createApp(deps: AppDeps): Hono {
  const { log } = deps;
  const app = new Hono();

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
    handle: (body) => handleZaloWebhook(deps.zalo!.bot, body, log),
  });

  app.get(
    "/health",
    health({
      pingDatabase: deps.pingDatabase,
      channels: { telegram: status(deps.telegram), zalo: status(deps.zalo) },
      log,
    }),
  );
  app.get("/", playgroundPage());
  app.post("/api/chat", chatApi(deps.chat, deps.now));
  app.get("/api/notices", noticesApi(deps.store));

  app.notFound((c) => c.json({ error: "Không có trang này." }, 404));

  // The one place errors become responses: a reason for the client's mistakes, a generic word for
  // ours, never a stack trace.
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    if (error instanceof ChannelUnavailableError || isInfrastructureFailure(error)) {
      log.error("request failed: database unavailable", { path: c.req.path, error });
      return c.json({ error: "Dịch vụ tạm thời gián đoạn, vui lòng thử lại sau ít phút." }, 503);
    }
    log.error("request failed", { path: c.req.path, error });
    return c.json({ error: "Lỗi máy chủ." }, 500);
  });

  return app;
}
