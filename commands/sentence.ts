/**
 * Questions written as sentences, without a slash: "xã Tân Hồng được bao nhiêu điểm", "điểm của xã
 * tôi năm nay thế nào?", "cho tôi xem xếp hạng huyện Gia Lộc". Finds the command's word anywhere,
 * then drops the words that only make the sentence polite, so what is left is a unit and a year.
 * "Xã tôi", "đơn vị mình" mean the chat's linked unit, which is what an empty name means.
 */
import { BARE_ANYWHERE, BARE_AT_ENDS, FILLERS, INTENTS, MINE, type Phrase } from "./sentence-words.ts";
import { type Token, tokenize } from "./support/tokens.ts";

export interface SentenceCommand {
  command: string;
  /** The unit and year or week left, as typed. */
  args: string;
}

/** The command a sentence asks for, if one of its words names it. */
export function commandInSentence(text: string): SentenceCommand | null {
  const tokens = tokenize(text);
  for (const { command, phrases } of INTENTS) {
    for (const words of phrases) {
      const at = findPhrase(tokens, words);
      if (at >= 0) {
        return {
          command,
          args: tidyArgs([...tokens.slice(0, at), ...tokens.slice(at + words.words.length)]),
        };
      }
    }
  }
  return null;
}

/** Longest first, so "thế nào" goes as a whole before "nào" could leave "thế" behind. */
const longestFirst = (phrases: readonly Phrase[]) =>
  [...phrases].sort((a, b) => b.words.length - a.words.length);
const MINE_ORDERED = longestFirst(MINE);
const FILLERS_ORDERED = longestFirst(FILLERS);

/** The arguments of a command typed in a sentence, without its polite words. */
export function tidyArgs(tokens: readonly Token[] | string): string {
  let kept = typeof tokens === "string" ? tokenize(tokens) : [...tokens];
  for (const words of MINE_ORDERED) kept = dropAll(kept, words, () => true);
  for (const words of FILLERS_ORDERED) {
    const key = words.key;
    const length = words.words.length;
    kept = dropAll(
      kept,
      words,
      (at, all) =>
        !isBare(all, at, length) ||
        BARE_ANYWHERE.has(key) ||
        (BARE_AT_ENDS.has(key) && (at === 0 || at + length === all.length)),
    );
  }
  return kept
    .map((t) => t.text.replace(/[?!.,;:]+$/u, ""))
    .filter((t) => t !== "")
    .join(" ");
}

/** The tokens without every occurrence of the phrase that `drop` agrees to, checked left to right. */
function dropAll(
  tokens: Token[],
  words: Phrase,
  drop: (at: number, tokens: readonly Token[]) => boolean,
): Token[] {
  let kept = tokens;
  for (let at = findPhrase(kept, words, 0); at >= 0; ) {
    if (drop(at, kept)) {
      kept = [...kept.slice(0, at), ...kept.slice(at + words.words.length)];
      at = findPhrase(kept, words, at);
    } else {
      at = findPhrase(kept, words, at + 1);
    }
  }
  return kept;
}

/** Where the phrase starts in the tokens, typed with its diacritics or with none, or -1. */
function findPhrase(tokens: readonly Token[], phrase: Phrase, from = 0): number {
  const { words, bare } = phrase;
  outer: for (let at = from; at + words.length <= tokens.length; at++) {
    for (let i = 0; i < words.length; i++) {
      const typed = tokens[at + i]!;
      if (typed.bare !== bare[i]) continue outer;
      if (typed.accented !== words[i] && typed.accented !== typed.bare) continue outer;
    }
    return at;
  }
  return -1;
}

function isBare(tokens: readonly Token[], at: number, length: number): boolean {
  return tokens.slice(at, at + length).every((t) => t.accented === t.bare);
}
