/**
 * A platform-neutral reply as Telegram messages: HTML parse mode, split at 4096 characters with every
 * chunk's tags balanced, choices as inline buttons under the last chunk (sent by `port.ts`).
 */
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
