/**
 * Turns a platform-neutral reply into what each chat platform accepts: Telegram's HTML parse mode
 * (choices as inline buttons) and Zalo's plain text (choices as a numbered list).
 */
import type { Reply, Span } from "../../commands/reply.ts";

/** Escapes text for Telegram's HTML parse mode, which knows only &lt; &gt; &amp; &quot;. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}

const TAG_OF_STYLE = { bold: "b", italic: "i", code: "code" } as const;

function spanHtml(span: Span): string {
  const text = escapeHtml(span.text);
  if (span.style === "plain") return text;
  const tag = TAG_OF_STYLE[span.style];
  return `<${tag}>${text}</${tag}>`;
}

/** The reply as Telegram HTML (parse_mode "HTML"). Choices are not part of it: see `toTelegramKeyboard`. */
export function toTelegramHtml(reply: Reply): string {
  const lines = reply.lines.map((line) => line.map(spanHtml).join(""));
  if (reply.link)
    lines.push(`<a href="${escapeAttribute(reply.link.url)}">${escapeHtml(reply.link.label)}</a>`);
  return lines.join("\n");
}

/** Telegram's inline keyboard, shaped as the Bot API expects (and as grammY's type is). */
export interface TelegramInlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

/** One button per row (labels are long unit paths); the button sends back the choice's command. */
export function toTelegramKeyboard(reply: Reply): TelegramInlineKeyboard | undefined {
  if (reply.choices.length === 0) return undefined;
  return {
    inline_keyboard: reply.choices.map((choice) => [{ text: choice.label, callback_data: choice.command }]),
  };
}

export interface PlainTextOptions {
  /** Shown under a numbered list of choices. */
  choiceHint?: (count: number) => string;
}

const defaultChoiceHint = (count: number) =>
  count === 1 ? "Gõ 1 để chọn." : `Gõ số thứ tự (1–${count}) để chọn.`;

/**
 * The reply as plain text for Zalo, which shows no markup. Choices become "1. …" lines; the channel
 * maps the number the user answers back to `reply.choices[n - 1].command`.
 */
export function toPlainText(reply: Reply, options: PlainTextOptions = {}): string {
  const lines = reply.lines.map((line) => line.map((span) => span.text).join(""));
  if (reply.choices.length > 0) {
    if (lines.length > 0) lines.push("");
    reply.choices.forEach((choice, i) => {
      lines.push(`${i + 1}. ${choice.label}`);
    });
    lines.push((options.choiceHint ?? defaultChoiceHint)(reply.choices.length));
  }
  if (reply.link) lines.push(`${reply.link.label}: ${reply.link.url}`);
  return lines.join("\n");
}
