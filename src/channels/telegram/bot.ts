/**
 * The Telegram channel: a grammY bot that hands text and commands to the chat service and sends its
 * reply back. The same bot serves the webhook (see `webhook.ts`) and long polling.
 *
 * Each message is answered once: the reply is computed first, then the update is claimed in the
 * store (with the chat's numbered choices, in one write: see `../claim.ts`), then sent. A failure
 * before the claim (the database unreachable) leaves the update unclaimed, so Telegram's
 * redelivery is handled in full; a redelivery after the claim, even after a restart, sends nothing.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, type Context, type FilterQuery, GrammyError } from "grammy";
import type { Chat, UserFromGetMe } from "grammy/types";
import { type Reply, textReply } from "../../../commands/reply.ts";
import type { ChatService } from "../../chat/service.ts";
import type { Log } from "../../log.ts";
import { StoreError } from "../../store/errors.ts";
import type { Store } from "../../store/index.ts";
import { answerOnce } from "../claim.ts";
import { textForBot, toIncoming } from "./incoming.ts";
import { sendReply } from "./send.ts";

export interface TelegramBotOptions {
  token: string;
  /** A self-hosted Bot API server or a test double; default https://api.telegram.org. */
  apiRoot?: string;
  /** Skips getMe at start (required on Workers, handy in tests). */
  botInfo?: UserFromGetMe;
  chat: ChatService;
  store: Pick<Store, "updates" | "chats" | "subscriptions">;
  log: Log;
  now: () => Date;
}

/** The updates the bot handles; the same list goes to setWebhook and getUpdates. */
export const TELEGRAM_ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

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
  const bot = new Bot(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: {
      ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
      // grammY's default of 500 s would hold a webhook request far past Telegram's patience.
      timeoutSeconds: 30,
    },
  });
  // Waits out 429s up to 30 s and retries 5xx and network errors, three times at most, so a webhook
  // request never hangs for long.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));

  const writeContext = () => ({ now: now(), actor: "telegram" });
  const firstTime = (ctx: Context) =>
    store.updates.markProcessed("telegram", String(ctx.update.update_id), now());

  async function moveChat(oldChatId: number, newChatId: number): Promise<void> {
    const [from, to] = [String(oldChatId), String(newChatId)];
    try {
      if (await store.chats.changeChatId("telegram", from, to, writeContext())) {
        log.info("telegram group became a supergroup", { from, to });
      }
      return;
    } catch (error) {
      if (!(error instanceof StoreError && error.code === "CHAT_ID_TAKEN")) throw error;
    }
    // The supergroup is already known (a command was sent there before the migration arrived, or
    // this is a redelivery): carry the group's link over unless the supergroup has its own.
    const [oldChat, newChat] = await Promise.all([
      store.chats.get("telegram", from),
      store.chats.get("telegram", to),
    ]);
    if (oldChat === null || newChat === null) return;
    const link = await store.subscriptions.get(oldChat.id);
    if (link === null || (await store.subscriptions.get(newChat.id)) !== null) return;
    await store.subscriptions.set(newChat.id, link.unitId, link.role, writeContext());
    await store.subscriptions.remove(oldChat.id, writeContext());
    log.info("telegram supergroup took over the group's link", { from, to });
  }

  async function deliver(
    ctx: Context,
    chatId: number,
    reply: Reply,
    replyTo?: number,
    followed?: { fromChunk: number },
  ): Promise<void> {
    const progress = { sent: followed?.fromChunk ?? 0 };
    try {
      await sendReply(ctx.api, chatId, reply, {
        ...(replyTo === undefined ? {} : { replyToMessageId: replyTo }),
        fromChunk: progress.sent,
        progress,
      });
    } catch (error) {
      if (!(error instanceof GrammyError)) {
        log.warn("telegram send failed", { chatId, error });
        return;
      }
      if (error.error_code === 403) {
        await store.chats.setStatus("telegram", String(chatId), "blocked", writeContext());
        log.info("telegram chat blocked the bot", { chatId, description: error.description });
        return;
      }
      const movedTo = error.parameters.migrate_to_chat_id;
      // A group upgraded before we heard of it: move its link and answer in the supergroup, once.
      if (movedTo !== undefined && movedTo !== chatId && followed === undefined) {
        // The update is already claimed: a failing move must not cost the chair the answer. The
        // supergroup's own migration message (or its next command) moves the link later.
        await moveChat(chatId, movedTo).catch((moveError: unknown) => {
          log.warn("telegram chat move failed", { from: chatId, to: movedTo, error: moveError });
        });
        // The chunks that reached the group stay in the supergroup's history: send the rest only.
        await deliver(ctx, movedTo, reply, undefined, { fromChunk: progress.sent });
        return;
      }
      log.warn("telegram send refused", { chatId, code: error.error_code, description: error.description });
    }
  }

  async function answer(ctx: Context, chatOfUpdate: Chat, text: string, replyTo?: number): Promise<void> {
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
      await ctx.answerCallbackQuery().catch((error: unknown) => {
        log.info("telegram answerCallbackQuery failed", { error });
      });
    }
    await deliver(ctx, chatOfUpdate.id, reply, incoming.chatType === "group" ? replyTo : undefined);
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
    if (ctx.chat.type !== "private" || !(await firstTime(ctx))) return;
    await deliver(ctx, ctx.chat.id, MEDIA_HINT);
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
      log.info(`telegram chat ${status}`, { chatId });
    }
  });

  bot.on("message:migrate_to_chat_id", async (ctx) => {
    await moveChat(ctx.chat.id, ctx.message.migrate_to_chat_id);
  });

  // Long polling only: a webhook request gets the error thrown back (see webhook.ts).
  bot.catch((error) => {
    log.error("telegram update failed", { updateId: error.ctx.update.update_id, error: error.error });
  });

  return bot;
}
