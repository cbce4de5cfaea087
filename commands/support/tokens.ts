/**
 * The words of a command's arguments, kept as typed (for the unit name left over) and folded (for
 * recognising years, weeks and periods). Punctuation around a word is ignored when recognising it:
 * "2022," and "(2022)" are a year as much as "2022" is.
 */
import { foldVietnamese } from "../../src/resolve/index.ts";

export interface Token {
  /** As typed, NFC. */
  text: string;
  /** Folded (no diacritics, lower case), surrounding punctuation removed: "hong", "18/3/2024", "'21". */
  bare: string;
  /** Lower case with its diacritics, surrounding punctuation removed: "năm" but "nam". */
  accented: string;
}

const AROUND = /^[^\p{L}\p{N}'’‘]+|[^\p{L}\p{N}]+$/gu;

export function tokenize(text: string): Token[] {
  return text
    .normalize("NFC")
    .split(/\s+/u)
    .filter((word) => word !== "")
    .map((text) => {
      const accented = text.toLowerCase().replace(AROUND, "");
      return { text, accented, bare: foldVietnamese(accented) };
    });
}

/** The typed words outside `[from, to)`, as one tidy string. */
export function without(tokens: readonly Token[], from: number, to: number): string {
  return [...tokens.slice(0, from), ...tokens.slice(to)].map((t) => t.text).join(" ");
}

/** Something read out of the arguments (a year, a week, a period) and the unit name left over. */
export interface Reading<T> {
  value: T | null;
  rest: string;
}

/**
 * Readings of one text, the likelier unit name first: "Chi Lăng Nam 2023" is read with "Nam" in the
 * name before it is read as "năm 2023". The last one is the default, used when no earlier reading
 * names a unit exactly. `error` is set when the text asks for something impossible ("tuần 60").
 */
export interface Readings<T> {
  readings: Reading<T>[];
  error?: string;
}

export const single = <T>(value: T | null, rest: string): Readings<T> => ({
  readings: [{ value, rest: rest.replace(/\s+/gu, " ").trim() }],
});
