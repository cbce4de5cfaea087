import type { UnitKind } from "../domain/unit.ts";
import { prefixAt } from "./prefixes.ts";
import type { Words } from "./text.ts";

/**
 * One way to read a typed text: which words are the unit's name, which type word preceded it, and
 * which words qualify it with its district or province.
 */
export interface Reading {
  /** The name's folded words joined without spaces: "tanhong". */
  key: string;
  /** The same with the diacritics as typed: "tânhồng". */
  accentKey: string;
  /** Kinds named by a type word typed before the name ("p." → phường), or null. */
  typedKinds: readonly UnitKind[] | null;
  qualifiers: readonly string[];
  /** The name came last ("Bình Giang, Tân Hồng"), less usual than name first. */
  nameLast: boolean;
}

/** Longer runs are not a unit name; bounds the number of readings. */
const MAX_NAME_WORDS = 7;

/**
 * Every reading of the tokens with the name first (then qualifiers) or last (after qualifiers),
 * with and without a leading type word removed, since "phuong", "quan", "xa"… are also name words.
 */
export function readingsOf({ folded: tokens, accented }: Words): Reading[] {
  const readings: Reading[] = [];
  for (const start of nameStarts(tokens, 0)) {
    let key = "";
    let accentKey = "";
    for (let end = start.at + 1; end <= Math.min(tokens.length, start.at + MAX_NAME_WORDS); end++) {
      key += tokens[end - 1];
      accentKey += accented[end - 1];
      const qualifiers = tokens.slice(end);
      readings.push({ key, accentKey, typedKinds: start.kinds, qualifiers, nameLast: false });
    }
  }
  for (let split = 1; split < tokens.length; split++) {
    for (const start of nameStarts(tokens, split)) {
      if (tokens.length - start.at > MAX_NAME_WORDS) continue;
      const key = tokens.slice(start.at).join("");
      const accentKey = accented.slice(start.at).join("");
      const qualifiers = tokens.slice(0, split);
      readings.push({ key, accentKey, typedKinds: start.kinds, qualifiers, nameLast: true });
    }
  }
  return readings;
}

/** Whether the words are only type words ("xã", "tp"), with no name. */
export function onlyTypeWords(tokens: readonly string[]): boolean {
  let at = 0;
  while (at < tokens.length) {
    const prefix = prefixAt(tokens, at);
    if (!prefix) return false;
    at += prefix.tokens.length;
  }
  return true;
}

function nameStarts(
  tokens: readonly string[],
  at: number,
): { at: number; kinds: readonly UnitKind[] | null }[] {
  const starts: { at: number; kinds: readonly UnitKind[] | null }[] = [{ at, kinds: null }];
  const prefix = prefixAt(tokens, at);
  if (prefix && at + prefix.tokens.length < tokens.length) {
    starts.push({ at: at + prefix.tokens.length, kinds: prefix.kinds });
  }
  return starts;
}
