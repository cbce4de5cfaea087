/**
 * The Zalo channel: a text message goes to the chat service and its reply comes back as plain text,
 * split at 2000 characters, choices as a numbered list (the chat service remembers them and maps the
 * number the chair answers back to its command). Like Telegram, the reply is computed first, then the
 * message claimed (on message_id, in the store), then sent through the channel's send port: an outage
 * before the claim leaves the message to Zalo's redelivery, a redelivery after it sends nothing, and a
 * reply the Bot API does not take within the reply budget goes to the outbox.
 */
import { type Reply, textReply } from "../../../commands/reply.ts";
import type { ChatService, IncomingMessage } from "../../chat/service.ts";
import { type Log, withFields } from "../../log.ts";
import { REPLY_BUDGET_MS, replyNow } from "../../push/reply-now.ts";
import type { Store } from "../../store/index.ts";
import { answerOnce } from "../claim.ts";
import type { ZaloClient } from "./client.ts";
import { zaloPort } from "./port.ts";
import type { ZaloMessage, ZaloUpdate } from "./schemas.ts";

export interface ZaloBotOptions {
  client: ZaloClient;
  chat: ChatService;
  store: Pick<Store, "updates" | "chats" | "subscriptions" | "outbox">;
  log: Log;
  now: () => Date;
  /** Tells the outbox's sender that a reply was queued. */
  wakeSender?: () => void;
  /** How long a reply may take before it is queued instead; default 7 s. */
  replyBudgetMs?: number;
}

/**
 * Hands the sending of a reply to the runtime (a Worker's `ctx.waitUntil`), so that the webhook is
 * answered once the message is claimed: Zalo need not wait on our call back to it. Without one, the
 * reply is sent before the webhook is answered.
 */
export type Background = (work: Promise<unknown>) => void;

export interface ZaloBot {
  /** Throws only on our own outage (the database); every other problem is logged. */
  handleUpdate(update: ZaloUpdate, background?: Background): Promise<void>;
}

/** What a protected sender's message (a child, a person who cannot read…) arrives as: no content. */
export const UNSUPPORTED_ANSWER = textReply(
  "Xin lỗi, mình chưa đọc được nội dung tin nhắn này.",
  "Mời bạn gõ lệnh bằng chữ, ví dụ: /diem Tân Hồng 2022 — hoặc gõ /help để xem hướng dẫn.",
);

export const TEXT_ONLY_HINT = textReply(
  "Mình chỉ đọc được tin nhắn chữ.",
  "Ví dụ: /diem Tân Hồng 2022 — gõ /help để xem các lệnh.",
);

export function createZaloBot(options: ZaloBotOptions): ZaloBot {
  const { chat, store, log, now } = options;
  const budget = options.replyBudgetMs ?? REPLY_BUDGET_MS;
  const port = zaloPort(options.client);
  const deliverDeps = {
    store,
    log,
    now,
    actor: "zalo",
    ...(options.wakeSender ? { wakeSender: options.wakeSender } : {}),
  };

  async function deliverNow(message: ZaloMessage, reply: Reply, started: number): Promise<void> {
    const to = { chatId: message.chat.id, type: message.chat.chat_type ?? "PRIVATE" };
    const updateLog = withFields(log, { update: `zalo:${message.message_id}` });
    await replyNow(port, { ...deliverDeps, log: updateLog }, to, reply, {
      deadline: started + budget,
      receivedAt: started,
      updateKey: message.message_id,
    });
  }

  const firstTime = (message: ZaloMessage) => store.updates.markProcessed("zalo", message.message_id, now());

  function incoming(message: ZaloMessage, text: string): IncomingMessage {
    const userName = message.from.display_name ?? message.from.name;
    return {
      platform: "zalo",
      chatId: message.chat.id,
      chatType: message.chat.chat_type?.toUpperCase() === "GROUP" ? "group" : "private",
      userId: message.from.id,
      ...(userName ? { userName } : {}),
      text,
    };
  }

  return {
    async handleUpdate(update, background) {
      const started = Date.now();
      // replyNow never throws for the platform's refusals (it queues them): only a bug would escape.
      const deliver = (message: ZaloMessage, reply: Reply, at: number): Promise<void> => {
        const sending = deliverNow(message, reply, at);
        if (background === undefined) return sending;
        background(sending.catch((error: unknown) => log.error("zalo reply failed", { error })));
        return Promise.resolve();
      };
      const message = update.message;
      if (message === undefined) {
        log.info("zalo event without a message ignored", { event: update.event_name });
        return;
      }
      switch (update.event_name) {
        case "message.text.received": {
          const text = message.text?.trim() ?? "";
          if (text === "") return;
          const reply = await answerOnce(chat, store, incoming(message, text), now(), {
            platform: "zalo",
            updateKey: message.message_id,
          });
          if (reply !== null) await deliver(message, reply, started);
          return;
        }
        case "message.unsupported.received":
          if (await firstTime(message)) await deliver(message, UNSUPPORTED_ANSWER, started);
          return;
        case "message.image.received":
        case "message.sticker.received":
          // In a group the bot only hears replies and mentions; a picture there needs no lecture.
          if (incoming(message, "").chatType === "private" && (await firstTime(message))) {
            await deliver(message, TEXT_ONLY_HINT, started);
          }
          return;
        default:
          log.info("zalo event ignored", { event: update.event_name });
      }
    },
  };
}
