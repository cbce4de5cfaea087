/**
 * The year in what a chair typed: "2022", "năm 2022", "'21", "năm ngoái", or "21" after a name.
 * Relative years count from the message's time, never the clock. "Nam" is also a name word (Quảng
 * Nam, Chi Lăng Nam), so "nam 2022" after a name is read both ways, the name first.
 */
import { type Readings, single, type Token, tokenize, without } from "./tokens.ts";

const FIRST_YEAR = 1990;
const LAST_YEAR = 2099;

/** Years counted from the message's year: "năm nay", "năm ngoái", "năm kia". */
const RELATIVE = new Map<string, number>([
  ["nay", 0],
  ["ngoai", -1],
  ["truoc", -1],
  ["roi", -1],
  ["kia", -2],
]);

const fullYear = (bare: string): number | null => {
  if (!/^(?:19|20)\d{2}$/u.test(bare)) return null;
  const year = Number(bare);
  return year >= FIRST_YEAR && year <= LAST_YEAR ? year : null;
};
const apostropheYear = (bare: string): number | null => {
  const match = /^['’‘](\d{2})$/u.exec(bare);
  return match ? 2000 + Number(match[1]) : null;
};
const twoDigitYear = (bare: string): number | null => (/^\d{2}$/u.test(bare) ? 2000 + Number(bare) : null);

/** Vietnam keeps UTC+7 all year (no daylight saving), so its year needs no time-zone database. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The calendar year in Vietnam when the message was sent. */
export function messageYear(now: Date): number {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).getUTCFullYear();
}

/** The year readings of `text`, the likelier unit name first; see `Readings`. */
export function readYear(text: string, now: Date): Readings<number> {
  const tokens = tokenize(text);
  const thisYear = messageYear(now);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.bare === "nam" && i + 1 < tokens.length) {
      const keyword = afterYearWord(tokens, i, thisYear);
      if (keyword) return keyword;
    }
    const year = fullYear(token.bare) ?? apostropheYear(token.bare);
    if (year !== null) return single(year, without(tokens, i, i + 1));
  }
  return shortYearAfterName(tokens, text, thisYear);
}

/** "năm 2022", "năm 21", "năm nay", "năm vừa qua"; null when "năm" is not followed by a year. */
function afterYearWord(tokens: readonly Token[], i: number, thisYear: number): Readings<number> | null {
  const next = tokens[i + 1]!;
  const relative = RELATIVE.get(next.bare);
  if (relative !== undefined) return single(thisYear + relative, without(tokens, i, i + 2));
  if (next.bare === "vua" && tokens[i + 2]?.bare === "qua") {
    return single(thisYear - 1, without(tokens, i, i + 3));
  }
  const year = fullYear(next.bare) ?? apostropheYear(next.bare) ?? twoDigitYear(next.bare);
  if (year === null) return null;
  const taken = { value: year, rest: tidy(without(tokens, i, i + 2)) };
  // Written with its accent, "năm" is the word; bare "nam" after a name may end the name.
  if (tokens[i]!.accented === "năm" || i === 0) return { readings: [taken] };
  return { readings: [{ value: year, rest: tidy(without(tokens, i + 1, i + 2)) }, taken] };
}

/** "Tân Hồng 21" is 2021, unless a unit is named so ("Phường 12"): the name reading comes first. */
function shortYearAfterName(tokens: readonly Token[], text: string, thisYear: number): Readings<number> {
  const last = tokens.at(-1);
  const year = last && tokens.length > 1 ? twoDigitYear(last.bare) : null;
  if (year === null || year > thisYear + 1 || /\d/u.test(tokens.at(-2)!.bare))
    return single<number>(null, text);
  return {
    readings: [
      { value: null, rest: tidy(text) },
      { value: year, rest: tidy(without(tokens, tokens.length - 1, tokens.length)) },
    ],
  };
}

const tidy = (text: string) => text.replace(/\s+/gu, " ").trim();
