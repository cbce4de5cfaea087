/**
 * Telegram's send port: a reply as HTML messages of at most 4096 characters (choices as buttons
 * under the last), each one Bot API call through grammY, and every refusal read as the Bot API means
 * it: 429 with retry_after, 403 blocked, 400 with migrate_to_chat_id (the group became a supergroup),
 * 5xx and network failures worth a retry, anything else refused for good.
 */
import { type Api, GrammyError, HttpError } from "grammy";
import { type FailedPart, type SendPort, sendParts } from "../../push/port.ts";
import { planTelegramMessages } from "./send.ts";

export function telegramPort(api: Api): SendPort {
  return {
    platform: "telegram",
    numbersChoices: false,
    partsOf: (reply) => planTelegramMessages(reply).chunks.length,
    send(to, reply, options = {}) {
      const { chunks, keyboard } = planTelegramMessages(reply);
      const first = options.fromPart ?? 0;
      return sendParts(
        chunks,
        options,
        async (chunk, index) => {
          const sent = await api.sendMessage(
            chatIdOf(to.chatId),
            chunk,
            {
              parse_mode: "HTML",
              // Source links would otherwise unfold into a large preview under every score card.
              link_preview_options: { is_disabled: true },
              ...(index === chunks.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
              ...(index === first && options.replyTo !== undefined
                ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }
                : {}),
            },
            // grammY types the signal as its abort-controller shim's; the platform's is what it uses.
            options.signal as Parameters<Api["sendMessage"]>[3],
          );
          return String(sent.message_id);
        },
        classifyTelegramError,
      );
    },
  };
}

export function classifyTelegramError(error: unknown): FailedPart {
  if (error instanceof GrammyError) {
    const reason = `${error.error_code} ${error.description}`;
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after;
      return {
        status: "retry",
        retryAfterMs: seconds === undefined ? null : seconds * 1000,
        rateLimited: true,
        reason,
      };
    }
    if (error.error_code === 403) return { status: "blocked", reason };
    const movedTo = error.parameters.migrate_to_chat_id;
    if (movedTo !== undefined) return { status: "moved", chatId: String(movedTo) };
    if (error.error_code >= 500) return { status: "retry", retryAfterMs: null, rateLimited: false, reason };
    return { status: "failed", reason };
  }
  if (error instanceof HttpError) {
    // grammY's message names the method, never the URL (which holds the token).
    const cause = error.error instanceof Error ? error.error.name : "";
    const reason = cause === "AbortError" || cause === "TimeoutError" ? "hết thời gian chờ" : "lỗi mạng";
    return { status: "retry", retryAfterMs: null, rateLimited: false, reason: `${reason}: ${error.message}` };
  }
  return { status: "failed", reason: error instanceof Error ? error.message : String(error) };
}

/** Stored ids are text; Telegram's are integers below 2^53 (channels' "@name" stays a string). */
function chatIdOf(stored: string): number | string {
  return /^-?\d{1,15}$/.test(stored) ? Number(stored) : stored;
}
