/**
 * Reporting periods typed around a unit name: "/tthc quý 3/2023 Bắc An", "/tthc tháng 9 năm 2023",
 * "/tthc Bắc An năm ngoái". An impossible or unreadable period ("quý 7/2023", "2023/9") is refused,
 * never taken for a name.
 */
import { isYear, lastDayOfMonth } from "./args.ts";
import { type Readings, single, type Token, tokenize, without } from "./tokens.ts";
import { messageYear, readYear } from "./years.ts";

const pad = (n: number) => String(n).padStart(2, "0");

/** An inclusive range of calendar dates, ISO "YYYY-MM-DD". */
export interface DateRange {
  from: string;
  to: string;
  /** How to say it: "năm 2023", "quý 3/2023", "tháng 9/2023". */
  label: string;
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
