/**
 * Sends a platform-neutral reply to a Telegram chat: HTML parse mode, split at 4096 characters with
 * every chunk's tags balanced, choices as inline buttons under the last chunk.
 */
import type { Api } from "grammy";
import type { Reply } from "../../../commands/reply.ts";
import { toTelegramHtml, toTelegramKeyboard } from "../../chat/render.ts";
import { splitTelegramHtml } from "../../chat/split.ts";

/** Telegram refuses an empty text; a reply made only of choices still needs a line above its buttons. */
const CHOICES_ONLY_TEXT = "Chọn một mục:";

export interface TelegramMessagePlan {
  chunks: string[];
  keyboard: ReturnType<typeof toTelegramKeyboard>;
}

export function planTelegramMessages(reply: Reply): TelegramMessagePlan {
  const html = toTelegramHtml(reply);
  const keyboard = toTelegramKeyboard(reply);
  const text = html.trim() === "" && keyboard ? CHOICES_ONLY_TEXT : html;
  return { chunks: text.trim() === "" ? [] : splitTelegramHtml(text), keyboard };
}

export interface SendReplyOptions {
  /** In a group, the first chunk answers the command it replies to, so the thread stays readable. */
  replyToMessageId?: number;
  /** The chunks before this one were delivered already (to a chat that has moved since): default 0. */
  fromChunk?: number;
  /** Counts the chunks delivered, so that a caller seeing a failure knows where to resume. */
  progress?: { sent: number };
}

/** Sends the chunks in order; the first failure stops the rest and is thrown to the caller. */
export async function sendReply(
  api: Api,
  chatId: number | string,
  reply: Reply,
  options: SendReplyOptions = {},
): Promise<number> {
  const { chunks, keyboard } = planTelegramMessages(reply);
  const from = options.fromChunk ?? 0;
  for (const [index, chunk] of chunks.entries()) {
    if (index < from) continue;
    const last = index === chunks.length - 1;
    await api.sendMessage(chatId, chunk, {
      parse_mode: "HTML",
      // Source links would otherwise unfold into a large preview under every score card.
      link_preview_options: { is_disabled: true },
      ...(last && keyboard ? { reply_markup: keyboard } : {}),
      ...(index === from && options.replyToMessageId !== undefined
        ? { reply_parameters: { message_id: options.replyToMessageId, allow_sending_without_reply: true } }
        : {}),
    });
    if (options.progress) options.progress.sent = index + 1;
  }
  return chunks.length;
}
