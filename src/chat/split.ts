/**
 * Splitting long replies into messages a platform accepts: Telegram (HTML, 4096) and Zalo (plain,
 * 2000 UTF-16 units). Cuts fall after a line break where possible, else after a space; every
 * separator stays at the end of the earlier chunk, so joining the chunks gives the text back.
 */

export const TELEGRAM_MESSAGE_LIMIT = 4096;
export const ZALO_MESSAGE_LIMIT = 2000;

interface Token {
  raw: string;
  kind: "open" | "close" | "text";
  /** Tag name for open and close tokens. */
  name?: string;
}

interface OpenTag {
  name: string;
  raw: string;
}

interface CutPoint {
  /** Index of the first token of the next chunk. */
  at: number;
  stack: readonly OpenTag[];
}

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?>/;
const ENTITY = /^&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/;

/** Tags, entities and single code points, so no cut can land inside one of them. */
function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < html.length) {
    const rest = html.slice(at, at + 512);
    const tag = html[at] === "<" ? TAG.exec(rest) : null;
    if (tag) {
      tokens.push({ raw: tag[0], kind: tag[1] ? "close" : "open", name: tag[2]!.toLowerCase() });
      at += tag[0].length;
      continue;
    }
    const entity = html[at] === "&" ? ENTITY.exec(rest) : null;
    const raw = entity ? entity[0] : String.fromCodePoint(html.codePointAt(at)!);
    tokens.push({ raw, kind: "text" });
    at += raw.length;
  }
  return tokens;
}

const closers = (stack: readonly OpenTag[]) =>
  stack
    .map((tag) => `</${tag.name}>`)
    .reverse()
    .join("");
const openers = (stack: readonly OpenTag[]) => stack.map((tag) => tag.raw).join("");

function afterToken(stack: readonly OpenTag[], token: Token): readonly OpenTag[] {
  if (token.kind === "open") return [...stack, { name: token.name!, raw: token.raw }];
  if (token.kind === "close") {
    const index = stack.map((tag) => tag.name).lastIndexOf(token.name!);
    return index < 0 ? stack : stack.slice(0, index);
  }
  return stack;
}

/**
 * Splits Telegram HTML into chunks of at most `limit` characters, each with balanced tags: a tag
 * open at a cut is closed at the end of the chunk and reopened (with its attributes) at the start
 * of the next. Never cuts inside a tag, an entity or a surrogate pair.
 *
 * Limits are counted on the HTML source, which is never shorter than the text Telegram counts.
 */
export function splitTelegramHtml(html: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  if (fitsWhole(html, limit)) return html === "" ? [] : [html];
  const tokens = tokenize(html);
  const chunks: string[] = [];
  let start = 0;
  let startStack: readonly OpenTag[] = [];
  while (start < tokens.length) {
    const cut = nextCut(tokens, start, startStack, limit);
    const body = tokens
      .slice(start, cut.at)
      .map((token) => token.raw)
      .join("");
    chunks.push(openers(startStack) + body + closers(cut.stack));
    start = cut.at;
    startStack = cut.stack;
  }
  return chunks;
}

const TAGS = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?>/g;

/**
 * Whether the text is one chunk as it stands, found from its tags alone (most replies are far
 * shorter than a message): short enough even with every open tag's closer counted at every point,
 * which is what `nextCut` checks, and balanced at the end, so that no closer is appended.
 */
function fitsWhole(html: string, limit: number): boolean {
  if (html.length > limit) return false;
  let stack: readonly OpenTag[] = [];
  let closers = 0;
  for (const match of html.matchAll(TAGS)) {
    // `tokenize` reads a tag within 512 characters; a longer one is text there. Let it decide.
    if (match[0].length > 512) return false;
    const token: Token = { raw: match[0], kind: match[1] ? "close" : "open", name: match[2]!.toLowerCase() };
    if (token.kind === "open") closers += token.name!.length + 3;
    stack = afterToken(stack, token);
  }
  return stack.length === 0 && html.length + closers <= limit;
}

function nextCut(
  tokens: readonly Token[],
  start: number,
  startStack: readonly OpenTag[],
  limit: number,
): CutPoint {
  let length = openers(startStack).length;
  let stack = startStack;
  let afterNewline: CutPoint | undefined;
  let afterSpace: CutPoint | undefined;
  for (let at = start; at < tokens.length; at++) {
    const token = tokens[at]!;
    const next = afterToken(stack, token);
    if (length + token.raw.length + closers(next).length > limit) {
      const cut = afterNewline ?? afterSpace ?? backOverOpenTags(tokens, start, { at, stack });
      if (cut.at === start) {
        throw new RangeError(`Limit ${limit} is too small for the tags open around "${token.raw}"`);
      }
      return forwardOverCloseTags(tokens, cut);
    }
    length += token.raw.length;
    stack = next;
    if (token.raw === "\n") afterNewline = { at: at + 1, stack };
    else if (token.kind === "text" && /^\s$/u.test(token.raw)) afterSpace = { at: at + 1, stack };
  }
  return { at: tokens.length, stack };
}

/** A cut right after an opening tag would leave an empty element; move it before the tag. */
function backOverOpenTags(tokens: readonly Token[], start: number, cut: CutPoint): CutPoint {
  let { at, stack } = cut;
  while (at > start + 1 && tokens[at - 1]!.kind === "open") {
    at--;
    stack = stack.slice(0, -1);
  }
  return { at, stack };
}

/** Closing tags right after a cut fit in the chunk for free: their closers were already counted. */
function forwardOverCloseTags(tokens: readonly Token[], cut: CutPoint): CutPoint {
  let { at, stack } = cut;
  while (at < tokens.length && tokens[at]!.kind === "close" && stack.at(-1)?.name === tokens[at]!.name) {
    stack = stack.slice(0, -1);
    at++;
  }
  return { at, stack };
}

/**
 * Splits plain text into chunks of at most `limit` UTF-16 units after NFC normalisation (Zalo
 * counts characters of the text as sent). Prefers a paragraph break, then a line break, then a
 * space in the second half of the window; never splits a surrogate pair.
 */
export function splitPlain(text: string, limit = ZALO_MESSAGE_LIMIT): string[] {
  if (limit < 2) throw new RangeError("Limit must allow at least one surrogate pair");
  let rest = text.normalize("NFC");
  const chunks: string[] = [];
  while (rest.length > limit) {
    const cut = plainCut(rest, limit);
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== "") chunks.push(rest);
  return chunks;
}

function plainCut(text: string, limit: number): number {
  const window = text.slice(0, limit);
  const half = Math.floor(limit / 2);
  const after = (index: number, separatorLength: number) => (index < 0 ? 0 : index + separatorLength);
  const candidates = [
    after(window.lastIndexOf("\n\n"), 2),
    after(window.lastIndexOf("\n"), 1),
    after(Math.max(window.lastIndexOf(" "), window.lastIndexOf("\t")), 1),
  ];
  const good = candidates.find((end) => end > half);
  if (good !== undefined) return good;
  const any = Math.max(...candidates);
  if (any > 0) return any;
  const high = text.charCodeAt(limit - 1);
  return high >= 0xd800 && high <= 0xdbff ? limit - 1 : limit;
}
