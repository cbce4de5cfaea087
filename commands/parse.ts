/**
 * Finds the command in what a chair typed: "/diem@CchcBot tan hong", "/điểm", "/dime" (a typo),
 * "diem tan hong 2022" or "xem điểm" without a slash. Names and aliases are compared folded (no
 * diacritics, lower case), so "/Điểm" and "/diem" are one command.
 */
import { allowedTypos, boundedEditDistance } from "../src/resolve/edit-distance.ts";
import { foldVietnamese } from "../src/resolve/index.ts";
import { commandInSentence, tidyArgs } from "./sentence.ts";
import { type SmallTalk, smallTalkOf } from "./smalltalk.ts";
import { tokenize } from "./support/tokens.ts";
import type { Command } from "./types.ts";

export type Parsed =
  /** `inSentence`: the command's word was found inside a sentence ("xã tôi được bao nhiêu điểm"). */
  | { kind: "command"; command: Command; args: string; inSentence?: boolean }
  /** "cảm ơn", "alo", "ok": nothing to look up. */
  | { kind: "smalltalk"; talk: SmallTalk }
  /** Looked like a command but is none; `suggestions` are the near misses, closest first. */
  | { kind: "unknown"; word: string; args: string; slash: boolean; suggestions: Command[] }
  /** "/diem@OtherBot" in a group: meant for another bot, not to be answered. */
  | { kind: "other-bot" }
  | { kind: "empty" };

const SLASH_COMMAND = /^\/([^\s@]+)(?:@(\S*))?(?:\s+([\s\S]*))?$/u;
const key = (text: string) => foldVietnamese(text).replace(/[\s_-]+/gu, "");

export function parseCommand(text: string, commands: readonly Command[], botName?: string): Parsed {
  const trimmed = text.normalize("NFC").trim();
  if (trimmed === "") return { kind: "empty" };
  const slash = SLASH_COMMAND.exec(trimmed);
  if (slash) {
    const [, word = "", addressee, args = ""] = slash;
    if (addressee && botName && addressee.toLowerCase() !== botName.replace(/^@/u, "").toLowerCase()) {
      return { kind: "other-bot" };
    }
    return bySlashWord(word, args.trim(), commands);
  }
  const talk = smallTalkOf(trimmed);
  if (talk !== null) return { kind: "smalltalk", talk };
  const leading = byLeadingWords(trimmed, commands);
  if (leading.kind === "command") {
    // "lịch họp chiều nay thế nào" starts with a command word but is a sentence: tidying shows it.
    const args = tidyArgs(leading.args);
    const dropped = tokenize(args).length !== tokenize(leading.args).length;
    return { ...leading, args, inSentence: dropped };
  }
  return inSentence(trimmed, commands) ?? leading;
}

/** Sentences longer than this are not questions for the bot (a forwarded text, a pasted report). */
const MAX_SENTENCE_CHARS = 200;

function inSentence(text: string, commands: readonly Command[]): Parsed | null {
  if (text.length > MAX_SENTENCE_CHARS) return null;
  const found = commandInSentence(text);
  const command = found && commands.find((c) => c.name === found.command);
  return command && found ? { kind: "command", command, args: found.args, inSentence: true } : null;
}

function bySlashWord(word: string, args: string, commands: readonly Command[]): Parsed {
  const typed = key(word);
  const exact = commands.find((c) => keysOf(c).includes(typed));
  if (exact) return { kind: "command", command: exact, args };
  const near = nearMisses(typed, commands);
  // One command clearly closest within the typo allowance: a slip of the thumb, run it.
  const allowed = allowedTypos(typed.length);
  const [best, second] = near;
  if (best && best.distance <= allowed && (second === undefined || second.distance > best.distance)) {
    return { kind: "command", command: best.command, args };
  }
  return { kind: "unknown", word, args, slash: true, suggestions: near.map((n) => n.command) };
}

/**
 * Without a slash only exact names run ("diem tan hong", "xem điểm"), longest alias first: ordinary
 * words one letter from a command ("diện", "hàng") must not trigger one.
 */
function byLeadingWords(text: string, commands: readonly Command[]): Parsed {
  const words = text.split(/\s+/u);
  const folded = words.map((w) => foldVietnamese(w));
  let found: { command: Command; length: number } | null = null;
  for (const command of commands) {
    for (const aliasWords of aliasWordsOf(command)) {
      const length = aliasWords.length;
      if (length > folded.length || (found && found.length >= length)) continue;
      if (aliasWords.every((w, i) => folded[i] === w)) found = { command, length };
    }
  }
  if (found) return { kind: "command", command: found.command, args: words.slice(found.length).join(" ") };
  const first = words[0] ?? "";
  return {
    kind: "unknown",
    word: first,
    args: words.slice(1).join(" "),
    slash: false,
    suggestions: nearMisses(key(first), commands).map((n) => n.command),
  };
}

/** Folded once per command: folding every alias of every command on each message was most of its cost. */
const aliasWordsCache = new WeakMap<Command, string[][]>();

function aliasWordsOf(command: Command): string[][] {
  let words = aliasWordsCache.get(command);
  if (words === undefined) {
    words = [command.name, ...command.aliases].map((alias) => foldVietnamese(alias).split(" "));
    aliasWordsCache.set(command, words);
  }
  return words;
}

function keysOf(command: Command): string[] {
  return [command.name, ...command.aliases].map(key);
}

/** Commands within one more edit than the typo allowance, closest first. */
function nearMisses(typed: string, commands: readonly Command[]): { command: Command; distance: number }[] {
  if (typed.length < 3) return [];
  const max = Math.max(1, allowedTypos(typed.length) + 1);
  const found: { command: Command; distance: number }[] = [];
  for (const command of commands) {
    const distance = Math.min(...keysOf(command).map((k) => boundedEditDistance(typed, k, max)));
    if (distance <= max) found.push({ command, distance });
  }
  return found.sort((a, b) => a.distance - b.distance).slice(0, 3);
}
