/**
 * Vietnamese presentation of numbers and dates: "87,03", "1.035", "18/03/2024", always in
 * Asia/Ho_Chi_Minh time. Pure functions: the caller passes every instant it wants shown.
 */

import { roundHalfUp } from "../core/round.ts";
import { parseDate, parseInstant } from "../imports/dates.ts";

export const VN_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** 87.032 → "87,03"; with `keep` the given number of decimals is kept exactly (87.032, 3 → "87,032"). */
export function formatNumber(value: number, decimals = 2, opts: { trimZeros?: boolean } = {}): string {
  const rounded = roundHalfUp(value, decimals);
  const negative = rounded < 0;
  const [intPart, fracPart = ""] = Math.abs(rounded).toFixed(decimals).split(".");
  const grouped = intPart!.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  let frac = fracPart;
  if (opts.trimZeros) frac = frac.replace(/0+$/, "");
  return `${negative ? "-" : ""}${grouped}${frac ? `,${frac}` : ""}`;
}

/** Decimals a published figure carries: 87.032 → 3, 73.34 → 2, 7 → 0 (capped at 6). */
export function decimalsOf(value: number): number {
  const text = String(Number(value.toPrecision(15)));
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : Math.min(6, text.length - dot - 1);
}

/** A score shown with at least two decimals, more when the source published more (87,032). */
export function formatScore(value: number): string {
  return formatNumber(value, Math.max(2, decimalsOf(value)));
}

/** 87.03 → "87,03%". */
export function formatPercent(value: number, decimals = 2): string {
  return `${formatNumber(value, decimals)}%`;
}

/** Whole numbers with vi-VN thousands separators: 1035 → "1.035". */
export function formatInteger(value: number): string {
  return formatNumber(Math.round(value), 0);
}

/** +3.12 → "+3,12", -2 → "-2,00". */
export function formatSigned(value: number, decimals = 2): string {
  const text = formatNumber(value, decimals);
  return value > 0 ? `+${text}` : text;
}

function vnParts(instant: Date): { day: string; month: string; year: string; hour: string; minute: string } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: VN_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    day: get("day"),
    month: get("month"),
    year: get("year"),
    hour: get("hour"),
    minute: get("minute"),
  };
}

/** An instant shown as its Vietnamese calendar date: "18/03/2024". */
export function formatDate(instant: Date): string {
  const p = vnParts(instant);
  return `${p.day}/${p.month}/${p.year}`;
}

/** An instant as "18/03/2024 07:00" in Vietnam time. */
export function formatDateTime(instant: Date): string {
  const p = vnParts(instant);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A calendar date string "2024-03-18" shown as "18/03/2024" (no time-zone shift: it is already a local date). */
export function formatIsoDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** The Vietnamese calendar date of an instant as "YYYY-MM-DD". */
export function vnIsoDate(instant: Date): string {
  const p = vnParts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * A stated "as of" (TTHC figures): a calendar day ("2024-07-05", or "05/07/2024" as rows stored before the
 * importer normalised it) as "05/07/2024", an ISO instant as its time in Vietnam "05/07/2024 14:30"; null
 * for anything else, never a guess (JavaScript reads "05/07/2024" as 7 May).
 */
export function formatDayOrInstant(text: string): string | null {
  const day = parseDate(text);
  if (day !== null) return formatIsoDate(day);
  const instant = parseInstant(text);
  return instant === null ? null : formatDateTime(new Date(instant));
}

/** The Vietnamese calendar day of such a day or instant ("2024-07-05" stays itself); null when neither. */
export function vnDayOf(text: string): string | null {
  const day = parseDate(text);
  if (day !== null) return day;
  const instant = parseInstant(text);
  return instant === null ? null : vnIsoDate(new Date(instant));
}

/** The last instant of a Vietnamese calendar day "YYYY-MM-DD" (UTC+7 all year), as an ISO instant. */
export function endOfVietnamDay(date: string): string {
  return new Date(Date.parse(`${date}T23:59:59.999+07:00`)).toISOString();
}

/** Places gained or lost against last year, as the reports word it: 3 → "tăng 3 bậc", -2 → "giảm 2 bậc". */
export function formatRankChange(change: number | null): string {
  if (change === null) return "chưa có kết quả năm trước";
  if (change === 0) return "giữ nguyên thứ hạng";
  return change > 0 ? `tăng ${change} bậc` : `giảm ${-change} bậc`;
}
