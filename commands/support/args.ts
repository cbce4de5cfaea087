/**
 * Weeks typed around a unit name: "/lich tuần sau", "/lich 18/3/2024 Kinh Môn", "/lich tuần 12/2024".
 * What is left over is the unit name. An impossible week or date ("tuần 60", "31/2/2024") is refused,
 * never taken for a name. Reporting periods are in periods.ts, years in years.ts.
 */
import type { IsoWeek } from "../../src/store/index.ts";
import { isoWeekOf } from "./iso-week.ts";
import { type Reading, type Readings, single, type Token, tokenize, without } from "./tokens.ts";
import { messageYear } from "./years.ts";

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

const pad = (n: number) => String(n).padStart(2, "0");
const tidy = (text: string) => text.replace(/\s+/gu, " ").trim();

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "2023", written as a reporting period's or a week's year. */
export const isYear = (bare: string | undefined) => bare !== undefined && /^(?:19|20)\d{2}$/u.test(bare);
