/**
 * Calendar dates and ISO weeks as plain "YYYY-MM-DD" strings: schedules and case periods are local
 * dates, so no time zone enters. Spreadsheets here write dates as "18/3/2024"; both forms are read.
 */

export interface IsoWeekRef {
  isoYear: number;
  isoWeek: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DAY_MS = 86_400_000;

function utc(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

function isoOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "2024-03-18" or "18/3/2024" → "2024-03-18"; null for anything else or a day that does not exist. */
export function parseDate(text: string): string | null {
  const trimmed = text.trim();
  const iso = ISO_DATE.exec(trimmed);
  const vn = VN_DATE.exec(trimmed);
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]]
    : vn
      ? [vn[3], vn[2]?.padStart(2, "0"), vn[1]?.padStart(2, "0")]
      : [];
  if (y === undefined || m === undefined || d === undefined) return null;
  const candidate = `${y}-${m}-${d}`;
  const date = utc(candidate);
  return Number.isNaN(date.getTime()) || isoOf(date) !== candidate ? null : candidate;
}

/** An instant with its offset, as a portal exports it: "2023-12-02T22:14:02+07:00" or "…Z". */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Such an instant on a day that exists, trimmed; null for anything else (a bare date included). */
export function parseInstant(text: string): string | null {
  const trimmed = text.trim();
  const day = ISO_INSTANT.exec(trimmed)?.[1];
  return day !== undefined && parseDate(day) !== null && !Number.isNaN(Date.parse(trimmed)) ? trimmed : null;
}

/** "2024-03-03" → "03/03/2024", as people read dates here. */
export function showDate(isoDate: string): string {
  const m = ISO_DATE.exec(isoDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDate;
}

export function addDays(isoDate: string, days: number): string {
  return isoOf(new Date(utc(isoDate).getTime() + days * DAY_MS));
}

/** ISO 8601 week: weeks start on Monday and belong to the year that holds their Thursday. */
export function isoWeekOf(isoDate: string): IsoWeekRef {
  const date = utc(isoDate);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const dayOfYear = Math.round((thursday.getTime() - utc(`${isoYear}-01-01`).getTime()) / DAY_MS);
  return { isoYear, isoWeek: 1 + Math.floor(dayOfYear / 7) };
}

/** Monday and Sunday of an ISO week. */
export function isoWeekRange(week: IsoWeekRef): { from: string; to: string } {
  const jan4 = `${week.isoYear}-01-04`;
  const jan4Weekday = (utc(jan4).getUTCDay() + 6) % 7;
  const from = addDays(jan4, -jan4Weekday + (week.isoWeek - 1) * 7);
  return { from, to: addDays(from, 6) };
}

/** "2024-W09" (or "2024-W9") → the week; null when malformed or past the year's last week. */
export function parseIsoWeek(text: string): IsoWeekRef | null {
  const m = /^(\d{4})-?W(\d{1,2})$/i.exec(text.trim());
  if (!m) return null;
  const week = { isoYear: Number(m[1]), isoWeek: Number(m[2]) };
  if (week.isoWeek < 1) return null;
  const { from } = isoWeekRange(week);
  const back = isoWeekOf(from);
  return back.isoYear === week.isoYear && back.isoWeek === week.isoWeek ? week : null;
}

/** "HH:MM" from "7:30", "07:30" or "7h30"/"7h"; null otherwise. */
export function parseTime(text: string): string | null {
  const m = /^(\d{1,2})(?::|h)(\d{2})?$/i.exec(text.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? "0");
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}
