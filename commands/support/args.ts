/**
 * Weeks and reporting periods typed around a unit name: "/lich tuần sau", "/lich 18/3/2024 Kinh Môn",
 * "/lich tuần 12/2024", "/tthc quý 3/2023 Bắc An", "/tthc tháng 9 năm 2023". What is left over is the
 * unit name. Something impossible ("tuần 60", "quý 7/2023") is refused, never taken for a name.
 */
import type { IsoWeek } from "../../src/store/index.ts";
import { isoWeekOf } from "./iso-week.ts";
import { type Reading, type Readings, single, type Token, tokenize, without } from "./tokens.ts";
import { messageYear, readYear } from "./years.ts";

/** A week asked for: an offset from the current one, or a week number (in a year, if typed). */
export type WeekAsked =
  | { kind: "relative"; offset: number }
  | { kind: "number"; week: number; year: number | null }
  | { kind: "week"; week: IsoWeek };

const RELATIVE_WEEKS = new Map<string, number>([
  ["sau", 1],
  ["toi", 1],
  ["ke tiep", 1],
  ["tiep theo", 1],
  ["truoc", -1],
  ["vua qua", -1],
  ["nay", 0],
  ["hien tai", 0],
]);

const WEEK_YEAR = /^(\d{1,3})[/-]((?:19|20)\d{2})$/u;
const DATE = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-]((?:19|20)\d{2}))?$/u;
const isYear = (bare: string | undefined) => bare !== undefined && /^(?:19|20)\d{2}$/u.test(bare);

/** "tuần sau", "12", "tuần 12/2024", "12 2024", "18/3/2024", "ngày 18/3"; the rest may name a unit. */
export function takeWeek(text: string, now: Date): Readings<WeekAsked> {
  const tokens = tokenize(text);
  const relative = relativeWeek(tokens);
  if (relative) return relative;
  for (let i = 0; i < tokens.length; i++) {
    const bare = tokens[i]!.bare;
    const date = DATE.exec(bare);
    if (date) {
      const from = tokens[i - 1]?.bare === "ngay" ? i - 1 : i;
      return dateWeek(tokens, from, i + 1, date, now);
    }
    const tuan = bare === "tuan";
    const at = tuan ? i + 1 : i;
    const numbered = numberedWeek(tokens, at);
    if (numbered === null) continue;
    const { week, year, end } = numbered;
    const explicit = tuan || year !== null || at === 0;
    if (week < 1 || week > 53) {
      if (!explicit) continue;
      return {
        readings: [],
        error: `Không có tuần ${week}: một năm có 52 hoặc 53 tuần. Ví dụ: /lich tuần 12/2024.`,
      };
    }
    const taken: Reading<WeekAsked> = {
      value: { kind: "number", week, year },
      rest: tidy(without(tokens, tuan ? i : at, end)),
    };
    // "Phường 12" names a ward: a bare number after a name is read as part of it first.
    if (explicit) return { readings: [taken] };
    return { readings: [{ value: null, rest: tidy(text) }, taken] };
  }
  return single<WeekAsked>(null, text);
}

function relativeWeek(tokens: readonly Token[]): Readings<WeekAsked> | null {
  const words = tokens.map((t) => t.bare);
  if (tokens.length === 1 && RELATIVE_WEEKS.has(words[0]!)) {
    return single({ kind: "relative", offset: RELATIVE_WEEKS.get(words[0]!)! }, "");
  }
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== "tuan") continue;
    for (const length of [2, 1]) {
      const offset = RELATIVE_WEEKS.get(words.slice(i + 1, i + 1 + length).join(" "));
      if (offset !== undefined)
        return single({ kind: "relative", offset }, without(tokens, i, i + 1 + length));
    }
  }
  return null;
}

/** "12", "12/2024", "12 2024", "12 năm 2024" starting at `at`. */
function numberedWeek(
  tokens: readonly Token[],
  at: number,
): { week: number; year: number | null; end: number } | null {
  const bare = tokens[at]?.bare;
  if (bare === undefined) return null;
  const withYear = WEEK_YEAR.exec(bare);
  if (withYear) return { week: Number(withYear[1]), year: Number(withYear[2]), end: at + 1 };
  if (!/^\d{1,3}$/u.test(bare)) return null;
  const next = tokens[at + 1]?.bare;
  if (isYear(next)) return { week: Number(bare), year: Number(next), end: at + 2 };
  if (next === "nam" && isYear(tokens[at + 2]?.bare)) {
    return { week: Number(bare), year: Number(tokens[at + 2]!.bare), end: at + 3 };
  }
  return { week: Number(bare), year: null, end: at + 1 };
}

function dateWeek(
  tokens: readonly Token[],
  from: number,
  to: number,
  date: RegExpExecArray,
  now: Date,
): Readings<WeekAsked> {
  const day = Number(date[1]);
  const month = Number(date[2]);
  const year = date[3] === undefined ? messageYear(now) : Number(date[3]);
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) {
    return {
      readings: [],
      error: `Ngày ${tokens[to - 1]!.bare} không có trong lịch. Ví dụ: /lich 18/3/2024.`,
    };
  }
  const week = isoWeekOf(`${year}-${pad(month)}-${pad(day)}`);
  return single({ kind: "week", week }, without(tokens, from, to));
}

/** An inclusive range of calendar dates, ISO "YYYY-MM-DD". */
export interface DateRange {
  from: string;
  to: string;
  /** How to say it: "năm 2023", "quý 3/2023", "tháng 9/2023". */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const tidy = (text: string) => text.replace(/\s+/gu, " ").trim();

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const PERIOD_EXAMPLE = "Ví dụ: /tthc Bắc An quý 3/2023, /tthc Bắc An tháng 9/2023, /tthc Bắc An 2023.";

/**
 * A reporting period: "tháng 9/2023", "9/2023", "quý 3/2023", "quý 3 năm 2023", "q3 2023", "2023",
 * "năm ngoái"; "quý 3" and "tháng 9" are of the message's year.
 */
export function takePeriod(text: string, now: Date): Readings<DateRange> {
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const found = quarterAt(tokens, i, now) ?? monthAt(tokens, i, now);
    if (found === null) continue;
    if ("error" in found) return { readings: [], error: `${found.error} ${PERIOD_EXAMPLE}` };
    return single(found.range, without(tokens, found.from, found.to));
  }
  const unreadable = tokens.find((t) => /\d[/.-]\d/u.test(t.bare));
  if (unreadable) {
    return { readings: [], error: `Không đọc được kỳ “${unreadable.bare}”. ${PERIOD_EXAMPLE}` };
  }
  const years = readYear(text, now);
  return {
    readings: years.readings.map((reading) => ({
      value:
        reading.value === null
          ? null
          : { from: `${reading.value}-01-01`, to: `${reading.value}-12-31`, label: `năm ${reading.value}` },
      rest: reading.rest,
    })),
  };
}

type Found = { range: DateRange; from: number; to: number } | { error: string };

/** "n/2023", "n 2023", "n năm 2023" or "n" (the message's year) after a quarter or month word. */
function numberAndYear(
  tokens: readonly Token[],
  at: number,
  now: Date,
): { n: number; year: number; end: number } | null {
  const bare = tokens[at]?.bare;
  if (bare === undefined) return null;
  const slashed = /^(\d{1,2})[/-]((?:19|20)\d{2})$/u.exec(bare);
  if (slashed) return { n: Number(slashed[1]), year: Number(slashed[2]), end: at + 1 };
  if (!/^\d{1,2}$/u.test(bare)) return null;
  const next = tokens[at + 1]?.bare;
  if (isYear(next)) return { n: Number(bare), year: Number(next), end: at + 2 };
  if (next === "nam" && isYear(tokens[at + 2]?.bare)) {
    return { n: Number(bare), year: Number(tokens[at + 2]!.bare), end: at + 3 };
  }
  return { n: Number(bare), year: messageYear(now), end: at + 1 };
}

function quarterAt(tokens: readonly Token[], i: number, now: Date): Found | null {
  const token = tokens[i]!;
  // "Phú Quý" is a name: only "quý" or an unaccented "quy" followed by a number is a quarter.
  let parsed: { n: number; year: number; end: number } | null = null;
  if (token.accented === "quý" || token.accented === "quy") parsed = numberAndYear(tokens, i + 1, now);
  const glued = /^q([1-9])$/u.exec(token.bare);
  if (glued && isYear(tokens[i + 1]?.bare))
    parsed = { n: Number(glued[1]), year: Number(tokens[i + 1]!.bare), end: i + 2 };
  if (parsed === null) return null;
  const { n, year, end } = parsed;
  if (n < 1 || n > 4) return { error: `Không có quý ${n}: một năm có 4 quý.` };
  const last = n * 3;
  return {
    range: {
      from: `${year}-${pad(last - 2)}-01`,
      to: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}`,
      label: `quý ${n}/${year}`,
    },
    from: i,
    to: end,
  };
}

function monthAt(tokens: readonly Token[], i: number, now: Date): Found | null {
  const token = tokens[i]!;
  // "Toàn Thắng" is a name: only "tháng" or an unaccented "thang" is the month word.
  const worded = token.accented === "tháng" || token.accented === "thang";
  const parsed = worded ? numberAndYear(tokens, i + 1, now) : monthYear(token.bare, i);
  if (parsed === null) return null;
  const { n, year, end } = parsed;
  if (n < 1 || n > 12) return { error: `Không có tháng ${n}: một năm có 12 tháng.` };
  return {
    range: {
      from: `${year}-${pad(n)}-01`,
      to: `${year}-${pad(n)}-${pad(lastDayOfMonth(year, n))}`,
      label: `tháng ${n}/${year}`,
    },
    from: i,
    to: end,
  };
}

function monthYear(bare: string, i: number): { n: number; year: number; end: number } | null {
  const match = /^(\d{1,2})[/-]((?:19|20)\d{2})$/u.exec(bare);
  return match ? { n: Number(match[1]), year: Number(match[2]), end: i + 1 } : null;
}
