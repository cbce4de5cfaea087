/**
 * What a command answers, independent of the chat platform: lines of styled text, optional choices
 * and an optional link. Renderers in `src/chat/render.ts` turn it into Telegram HTML (choices as
 * inline buttons) or Zalo plain text (choices as a numbered list answered with the number).
 */

export type SpanStyle = "plain" | "bold" | "italic" | "code";

export interface Span {
  readonly text: string;
  readonly style: SpanStyle;
}

export type Line = readonly Span[];

/** An option the asker can pick; picking it sends `command` as if typed ("/diem 10972 2022"). */
export interface Choice {
  readonly label: string;
  readonly command: string;
}

export interface Link {
  readonly label: string;
  readonly url: string;
}

export interface Reply {
  readonly lines: readonly Line[];
  readonly choices: readonly Choice[];
  readonly link?: Link;
}

/** Anything a line accepts: a styled span or plain text. */
export type Part = Span | string;

/** Telegram carries a chosen command back as callback data, which holds at most 64 bytes. */
export const MAX_CHOICE_COMMAND_BYTES = 64;

export const plain = (text: string): Span => ({ text, style: "plain" });
export const bold = (text: string): Span => ({ text, style: "bold" });
export const italic = (text: string): Span => ({ text, style: "italic" });
export const code = (text: string): Span => ({ text, style: "code" });

/**
 * Builds a reply line by line.
 *
 * @example
 * reply()
 *   .line(bold("Xã Tân Hồng"), ", Huyện Bình Giang")
 *   .line("87,03/100 điểm")
 *   .choice("Năm 2022", "/diem 10972 2022")
 *   .build();
 */
export function reply(): ReplyBuilder {
  return new ReplyBuilder();
}

/** A reply of plain lines, for short answers. */
export function textReply(...lines: string[]): Reply {
  return { lines: lines.map((text) => [plain(text)]), choices: [] };
}

export class ReplyBuilder {
  readonly #lines: Line[] = [];
  readonly #choices: Choice[] = [];
  #link: Link | undefined;

  /** One line; strings are plain text. A line break inside a string starts a new line. */
  line(...parts: Part[]): this {
    let current: Span[] = [];
    for (const part of parts) {
      const span = typeof part === "string" ? plain(part) : part;
      const pieces = span.text.split("\n");
      pieces.forEach((piece, i) => {
        if (i > 0) {
          this.#lines.push(current);
          current = [];
        }
        if (piece !== "") current.push({ text: piece, style: span.style });
      });
    }
    this.#lines.push(current);
    return this;
  }

  /** An empty line, separating paragraphs. */
  blank(): this {
    this.#lines.push([]);
    return this;
  }

  choice(label: string, command: string): this {
    const bytes = new TextEncoder().encode(command).length;
    if (bytes > MAX_CHOICE_COMMAND_BYTES) {
      // A programming error, caught by the command's own tests: use unit codes, not names.
      throw new RangeError(`Choice command is ${bytes} bytes; at most ${MAX_CHOICE_COMMAND_BYTES}`);
    }
    this.#choices.push({ label, command });
    return this;
  }

  choices(list: readonly Choice[]): this {
    for (const item of list) this.choice(item.label, item.command);
    return this;
  }

  link(label: string, url: string): this {
    this.#link = { label, url };
    return this;
  }

  build(): Reply {
    const built: Reply = { lines: [...this.#lines], choices: [...this.#choices] };
    return this.#link ? { ...built, link: this.#link } : built;
  }
}

/** The reply's text without styling, one line per line. */
export function replyText(value: Reply): string {
  return value.lines.map((line) => line.map((span) => span.text).join("")).join("\n");
}

/** Whether a value read back from storage has a reply's shape. */
export function isReply(value: unknown): value is Reply {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as Reply).lines) &&
    Array.isArray((value as Reply).choices)
  );
}
