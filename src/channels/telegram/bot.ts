/**
 * The Telegram channel: a grammY bot that hands text and commands to the chat service and sends its
 * reply back. The same bot serves the webhook (see `webhook.ts`) and long polling.
 *
 * Each message is answered once: the reply is computed first, then the update is claimed in the
 * store (with the chat's numbered choices, in one write: see `../claim.ts`), then sent through the
 * channel's send port. A failure before the claim (the database unreachable) leaves the update
 * unclaimed, so Telegram's redelivery is handled in full; a redelivery after the claim, even after a
 * restart, sends nothing. A reply the Bot API does not take within the reply budget (7 s: Telegram
 * is answered well inside 10 s) goes to the outbox and is delivered once the Bot API is back.
 */
import { Bot, type Context, type FilterQuery } from "grammy";
import type { Chat, UserFromGetMe } from "grammy/types";
import { type Reply, textReply } from "../../../commands/reply.ts";
import type { ChatService } from "../../chat/service.ts";
import { chatTag, type Log, withFields } from "../../log.ts";
import { moveChat } from "../../push/chat-moves.ts";
import { REPLY_BUDGET_MS, replyNow } from "../../push/reply-now.ts";
import type { Store } from "../../store/index.ts";
import { answerOnce } from "../claim.ts";
import { textForBot, toIncoming } from "./incoming.ts";
import { telegramPort } from "./port.ts";

export interface TelegramBotOptions {
  token: string;
  /** A self-hosted Bot API server or a test double; default https://api.telegram.org. */
  apiRoot?: string;
  /** Skips getMe at start (required on Workers, handy in tests). */
  botInfo?: UserFromGetMe;
  /** The Worker counts its subrequests through this; default grammY's own. */
  fetch?: typeof fetch;
  chat: ChatService;
  store: Pick<Store, "updates" | "chats" | "subscriptions" | "outbox">;
  log: Log;
  now: () => Date;
  /** Tells the outbox's sender that a reply was queued. */
  wakeSender?: () => void;
  /** How long a reply may take before it is queued instead; default 7 s. */
  replyBudgetMs?: number;
}

/** The updates the bot handles; the same list goes to setWebhook and getUpdates. */
export const TELEGRAM_ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

/** A Bot API call outside a reply (answerCallbackQuery) gets this long. */
const SIDE_CALL_MS = 3000;

const MEDIA_HINT = textReply(
  "Mình chỉ đọc được tin nhắn chữ.",
  "Hãy gõ một lệnh, ví dụ: /diem Tân Hồng 2022 — hoặc /help để xem các lệnh.",
);

const MEDIA_MESSAGES = [
  "message:photo",
  "message:sticker",
  "message:document",
  "message:voice",
  "message:audio",
  "message:video",
  "message:video_note",
  "message:animation",
  "message:location",
  "message:contact",
] satisfies FilterQuery[];

/**
 * @example
 * const bot = createTelegramBot({ token, chat, store, log, now: () => new Date() });
 * await bot.handleUpdate(update); // webhook; or bot.start() for long polling
 */
export function createTelegramBot(options: TelegramBotOptions): Bot {
  const { chat, store, log, now } = options;
  const budget = options.replyBudgetMs ?? REPLY_BUDGET_MS;
  const bot = new Bot(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: {
      ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      // grammY's default of 500 s would hold a request far past anyone's patience; replies get less.
      timeoutSeconds: 30,
    },
  });
  const port = telegramPort(bot.api);
  const deliverDeps = {
    store,
    log,
    now,
    actor: "telegram",
    ...(options.wakeSender ? { wakeSender: options.wakeSender } : {}),
  };

  const writeContext = () => ({ now: now(), actor: "telegram" });
  const firstTime = (ctx: Context) =>
    store.updates.markProcessed("telegram", String(ctx.update.update_id), now());

  async function deliver(ctx: Context, chatOfUpdate: Chat, reply: Reply, started: number, replyTo?: number) {
    const updateLog = withFields(log, { update: `telegram:${ctx.update.update_id}` });
    await replyNow(
      port,
      { ...deliverDeps, log: updateLog },
      { chatId: String(chatOfUpdate.id), type: chatOfUpdate.type },
      reply,
      {
        deadline: started + budget,
        receivedAt: started,
        updateKey: String(ctx.update.update_id),
        ...(replyTo === undefined ? {} : { replyTo }),
      },
    );
  }

  async function answer(ctx: Context, chatOfUpdate: Chat, text: string, replyTo?: number): Promise<void> {
    const started = Date.now();
    if (ctx.from === undefined) return;
    const incoming = toIncoming(chatOfUpdate, ctx.from, text);
    if (incoming === null) return;
    const reply = await answerOnce(chat, store, incoming, now(), {
      platform: "telegram",
      updateKey: String(ctx.update.update_id),
    });
    if (reply === null) return;
    if (ctx.callbackQuery) {
      // Stops the button's spinner; a failure here must not cost the chair the answer itself.
      await ctx.api
        .answerCallbackQuery(
          ctx.callbackQuery.id,
          {},
          AbortSignal.timeout(SIDE_CALL_MS) as Parameters<typeof ctx.api.answerCallbackQuery>[2],
        )
        .catch((error: unknown) => {
          log.info("telegram answerCallbackQuery failed", { error });
        });
    }
    await deliver(ctx, chatOfUpdate, reply, started, incoming.chatType === "group" ? replyTo : undefined);
  }

  bot.on("message:text", async (ctx) => {
    const text = textForBot(ctx.message.text, ctx.chat.type, ctx.me.username);
    if (text !== null) await answer(ctx, ctx.chat, text, ctx.message.message_id);
  });

  bot.on("callback_query:data", async (ctx) => {
    // The button sends back the chosen command, which runs as if it had been typed in that chat.
    const chatOfButton = ctx.callbackQuery.message?.chat ?? {
      id: ctx.from.id,
      type: "private" as const,
      first_name: ctx.from.first_name,
    };
    await answer(ctx, chatOfButton, ctx.callbackQuery.data);
  });

  bot.on(MEDIA_MESSAGES, async (ctx) => {
    const started = Date.now();
    if (ctx.chat.type !== "private" || !(await firstTime(ctx))) return;
    await deliver(ctx, ctx.chat, MEDIA_HINT, started);
  });

  // Status changes are idempotent, so a redelivery needs no claim.
  bot.on("my_chat_member", async (ctx) => {
    const { chat: changed, new_chat_member: member } = ctx.myChatMember;
    if (changed.type === "channel") return;
    const chatId = String(changed.id);
    const gone = member.status === "kicked" || member.status === "left";
    if (!gone) {
      const type = changed.type === "private" ? "private" : "group";
      const title = changed.type === "private" ? null : changed.title;
      await store.chats.touch({ platform: "telegram", chatId, type, title }, writeContext());
    }
    const status = gone ? "blocked" : "active";
    if (await store.chats.setStatus("telegram", chatId, status, writeContext())) {
      log.info(`telegram chat ${status}`, { chat: chatTag("telegram", chatId) });
    }
  });

  bot.on("message:migrate_to_chat_id", async (ctx) => {
    await moveChat(
      store,
      "telegram",
      String(ctx.chat.id),
      String(ctx.message.migrate_to_chat_id),
      writeContext(),
      log,
    );
  });

  // Long polling only: a webhook request gets the error thrown back (see webhook.ts).
  bot.catch((error) => {
    log.error("telegram update failed", { updateId: error.ctx.update.update_id, error: error.error });
  });

  return bot;
}
