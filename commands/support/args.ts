/**
 * Pulls years, weeks and periods out of what a chair typed, in any order around the unit name:
 * "tan hong 2022", "2022 tan hong", "năm 2022 Tân Hồng", "/lich 12", "/lich tuần sau", "/tthc quý 3/2023".
 * What is left over is the unit name.
 */
import { foldVietnamese } from "../../src/resolve/index.ts";

const FIRST_YEAR = 1990;
const LAST_YEAR = 2099;

export interface Taken<T> {
  value: T | null;
  /** The text without what was taken, spaces tidied. */
  rest: string;
}

const tidy = (text: string) => text.replace(/\s+/gu, " ").trim();

/** A calendar year typed on its own ("2022", "năm 2022", "nam 2022"). */
export function takeYear(text: string): Taken<number> {
  const pattern = /(^|[\s,;])(?:năm|nam)?\s*((?:19|20)\d{2})(?=$|[\s,.;])/iu;
  const match = pattern.exec(text.normalize("NFC"));
  if (!match) return { value: null, rest: tidy(text) };
  const year = Number(match[2]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return { value: null, rest: tidy(text) };
  const normalized = text.normalize("NFC");
  const rest = normalized.slice(0, match.index) + match[1] + normalized.slice(match.index + match[0].length);
  return { value: year, rest: tidy(rest) };
}

/** A week asked for: an offset from the current one, or a week number (in a year, if typed). */
export type WeekAsked =
  | { kind: "relative"; offset: number }
  | { kind: "number"; week: number; year: number | null };

const RELATIVE_WEEKS: readonly { words: string; offset: number }[] = [
  { words: "sau|toi|ke tiep|tiep theo", offset: 1 },
  { words: "truoc|vua qua", offset: -1 },
  { words: "nay|hien tai", offset: 0 },
];

/** "tuần sau", "tuan truoc", "12", "tuần 12", "tuần 12/2024", "12 2024"; the rest may name a unit. */
export function takeWeek(text: string): Taken<WeekAsked> {
  const folded = foldVietnamese(text);
  for (const { words, offset } of RELATIVE_WEEKS) {
    // "tuần" is required unless the word is all there is: "sau" alone is clear, "Tân Hồng sau" is not.
    const match =
      new RegExp(`(?:^|\\s)tuan\\s*(?:${words})(?=$|\\s)`, "u").exec(folded) ??
      new RegExp(`^(?:${words})$`, "u").exec(folded);
    if (match) return { value: { kind: "relative", offset }, rest: restOf(text, folded, match) };
  }
  const numbered = /(?:^|\s)(?:tuan\s*)?(\d{1,2})(?:\s*(?:\/|-|\s|nam\s*)\s*((?:19|20)\d{2}))?(?=$|\s)/u.exec(
    folded,
  );
  if (numbered) {
    const week = Number(numbered[1]);
    if (week >= 1 && week <= 53) {
      const year = numbered[2] === undefined ? null : Number(numbered[2]);
      return { value: { kind: "number", week, year }, rest: restOf(text, folded, numbered) };
    }
  }
  return { value: null, rest: tidy(text) };
}

/** An inclusive range of calendar dates, ISO "YYYY-MM-DD". */
export interface DateRange {
  from: string;
  to: string;
  /** How to say it: "năm 2023", "quý 3/2023", "tháng 9/2023". */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A reporting period: "tháng 9/2023", "9/2023", "quý 3/2023", "q3 2023", "2023". */
export function takePeriod(text: string): Taken<DateRange> {
  const folded = foldVietnamese(text);
  const quarter = /(?:^|\s)(?:quy|q)\s*([1-4])\s*(?:\/|-|\s|nam\s*)\s*((?:19|20)\d{2})(?=$|\s)/u.exec(folded);
  if (quarter) {
    const q = Number(quarter[1]);
    const year = Number(quarter[2]);
    const last = q * 3;
    return {
      value: {
        from: `${year}-${pad(last - 2)}-01`,
        to: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}`,
        label: `quý ${q}/${year}`,
      },
      rest: restOf(text, folded, quarter),
    };
  }
  const month = /(?:^|\s)(?:thang\s*)?(\d{1,2})\s*[/-]\s*((?:19|20)\d{2})(?=$|\s)/u.exec(folded);
  if (month) {
    const m = Number(month[1]);
    const year = Number(month[2]);
    if (m >= 1 && m <= 12) {
      return {
        value: {
          from: `${year}-${pad(m)}-01`,
          to: `${year}-${pad(m)}-${pad(lastDayOfMonth(year, m))}`,
          label: `tháng ${m}/${year}`,
        },
        rest: restOf(text, folded, month),
      };
    }
  }
  const year = takeYear(text);
  if (year.value !== null) {
    return {
      value: { from: `${year.value}-01-01`, to: `${year.value}-12-31`, label: `năm ${year.value}` },
      rest: year.rest,
    };
  }
  return { value: null, rest: tidy(text) };
}

/**
 * The original text without the part matched in its folded form. Folding keeps one character per
 * character of NFC text except for collapsed spaces, so the match is found again by word positions.
 */
function restOf(original: string, folded: string, match: RegExpExecArray): string {
  const words = tidy(original.normalize("NFC")).split(" ");
  const before = folded.slice(0, match.index + (match[0].length - match[0].trimStart().length));
  const skip = before.trim() === "" ? 0 : before.trim().split(" ").length;
  const take = match[0].trim().split(" ").length;
  return tidy([...words.slice(0, skip), ...words.slice(skip + take)].join(" "));
}
