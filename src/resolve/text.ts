/**
 * Shared text normalisation for matching what people type against Vietnamese names and command words.
 * Pure and runtime-neutral.
 */

const COMBINING_MARKS = /\p{M}+/gu;
const WHITESPACE_RUN = /\s+/gu;

/**
 * Folds Vietnamese text to a comparable form: NFC, diacritics removed, đ → d, lower case, runs of
 * white space collapsed to one space, trimmed.
 *
 * Decomposing first makes precomposed (NFC) and decomposed (NFD, as some keyboards send) input fold
 * identically, and exposes every tone and vowel mark as a separate code point to drop.
 *
 * @example
 * foldVietnamese("  Xã Tân   Hồng ") // "xa tan hong"
 * foldVietnamese("Đường An")        // "duong an"
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/[đĐ]/gu, "d")
    .toLowerCase()
    .replace(WHITESPACE_RUN, " ")
    .trim();
}

/**
 * Characters people paste by accident or for decoration: zero-width and bidi controls, variation
 * selectors and other default-ignorable code points, emoji, skin tones and flags.
 */
const DECORATIVE =
  /\p{Default_Ignorable_Code_Point}|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}/gu;
const CONTROL = /\p{Cc}/gu;

/**
 * Removes zero-width characters and emoji; control characters (tabs, line breaks) become spaces so
 * the words they separate stay apart.
 */
export function stripInvisible(text: string): string {
  return text.replace(CONTROL, " ").replace(DECORATIVE, "");
}

/** Words of a text in two forms: lower-case NFC with diacritics, and folded. */
export interface Words {
  accented: string[];
  folded: string[];
}

/**
 * Splits text into words: anything that is not a letter, mark or digit separates words, and so does a
 * letter–digit boundary ("p12" → "p", "12"; "q.1" → "q", "1"), since people glue ward and district
 * numbers to their prefix.
 */
export function words(text: string): Words {
  const accented: string[] = [];
  for (const word of text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)) {
    if (word === "") continue;
    for (const part of word.split(/(?<=[\p{L}\p{M}])(?=\p{N})|(?<=\p{N})(?=\p{L})/u)) accented.push(part);
  }
  return { accented, folded: accented.map(foldVietnamese) };
}

/**
 * Whether `typed` could be the official name written with fewer diacritics: each character is the
 * official one or its bare letter ("tânhong" fits "tânhồng" but not "tảnhồng"). `official` is
 * lower-case NFC and `officialFolded` its folded form, character for character.
 */
export function fitsDiacritics(typed: string, official: string, officialFolded: string): boolean {
  if (typed.length !== official.length || official.length !== officialFolded.length) return false;
  for (let i = 0; i < typed.length; i++) {
    const char = typed[i];
    if (char !== official[i] && char !== officialFolded[i]) return false;
  }
  return true;
}
