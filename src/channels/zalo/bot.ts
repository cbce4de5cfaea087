/**
 * The Zalo channel: a text message goes to the chat service and its reply comes back as plain text,
 * split at 2000 characters, choices as a numbered list (the chat service remembers them and maps the
 * number the chair answers back to its command). Like Telegram, the
 * reply is computed first, then the message claimed (on message_id, in the store), then sent: an
 * outage before the claim leaves the message to Zalo's redelivery, a redelivery after it sends nothing.
 */
import { type Reply, textReply } from "../../../commands/reply.ts";
import { toPlainText } from "../../chat/render.ts";
import type { ChatService, IncomingMessage } from "../../chat/service.ts";
import { splitPlain } from "../../chat/split.ts";
import type { Log } from "../../log.ts";
import type { Store } from "../../store/index.ts";
import { answerOnce } from "../claim.ts";
import type { ZaloClient } from "./client.ts";
import { ZaloApiError } from "./errors.ts";
import type { ZaloMessage, ZaloUpdate } from "./schemas.ts";

export interface ZaloBotOptions {
  client: ZaloClient;
  chat: ChatService;
  store: Pick<Store, "updates">;
  log: Log;
  now: () => Date;
  /** Pause before retrying a refused send (429, 5xx, network), times the attempt. Default 500 ms. */
  retryDelayMs?: number;
}

export interface ZaloBot {
  /** Throws only on our own outage (the database); every other problem is logged. */
  handleUpdate(update: ZaloUpdate): Promise<void>;
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

const SEND_ATTEMPTS = 3;

export function createZaloBot(options: ZaloBotOptions): ZaloBot {
  const { client, chat, store, log, now } = options;
  const retryDelayMs = options.retryDelayMs ?? 500;

  async function sendText(chatId: string, text: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.sendMessage(chatId, text);
        return;
      } catch (error) {
        if (!(error instanceof ZaloApiError && error.retryable) || attempt >= SEND_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * attempt));
      }
    }
  }

  async function deliver(chatId: string, reply: Reply): Promise<void> {
    try {
      for (const chunk of splitPlain(toPlainText(reply))) await sendText(chatId, chunk);
    } catch (error) {
      // Zalo's error codes say nothing reliable about a blocked chat (403 is documented as a
      // server error), so the chat's status is left alone.
      log.warn("zalo send failed", { chatId, error });
    }
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
    async handleUpdate(update) {
      const message = update.message;
      if (message === undefined) {
        log.info("zalo event without a message ignored", { event: update.event_name });
        return;
      }
      const chatId = message.chat.id;
      switch (update.event_name) {
        case "message.text.received": {
          const text = message.text?.trim() ?? "";
          if (text === "") return;
          const reply = await answerOnce(chat, store, incoming(message, text), now(), {
            platform: "zalo",
            updateKey: message.message_id,
          });
          if (reply !== null) await deliver(chatId, reply);
          return;
        }
        case "message.unsupported.received":
          if (await firstTime(message)) await deliver(chatId, UNSUPPORTED_ANSWER);
          return;
        case "message.image.received":
        case "message.sticker.received":
          // In a group the bot only hears replies and mentions; a picture there needs no lecture.
          if (incoming(message, "").chatType === "private" && (await firstTime(message))) {
            await deliver(chatId, TEXT_ONLY_HINT);
          }
          return;
        default:
          log.info("zalo event ignored", { event: update.event_name });
      }
    },
  };
}
