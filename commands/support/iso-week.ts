/** ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday) over calendar dates. */
import type { IsoWeek } from "../../src/store/index.ts";

const DAY_MS = 86_400_000;

function dateOf(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The ISO week a calendar date "YYYY-MM-DD" falls in. */
export function isoWeekOf(isoDate: string): IsoWeek {
  const date = dateOf(isoDate);
  const weekday = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const firstThursday = dateOf(`${isoYear}-01-04`);
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
  return { isoYear, isoWeek: Math.floor((thursday.getTime() - firstMonday) / (7 * DAY_MS)) + 1 };
}

/** Monday and Sunday of an ISO week, as calendar dates. */
export function weekDates(week: IsoWeek): { monday: string; sunday: string } {
  const firstThursday = dateOf(`${week.isoYear}-01-04`);
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
  const monday = firstMonday + (week.isoWeek - 1) * 7 * DAY_MS;
  return { monday: isoDateOf(new Date(monday)), sunday: isoDateOf(new Date(monday + 6 * DAY_MS)) };
}

/** The week `offset` weeks after (or before) `week`. */
export function addWeeks(week: IsoWeek, offset: number): IsoWeek {
  const { monday } = weekDates(week);
  return isoWeekOf(isoDateOf(new Date(dateOf(monday).getTime() + offset * 7 * DAY_MS)));
}

/** Whether the ISO year has this week (52 or 53 weeks). */
export function weekExists(week: IsoWeek): boolean {
  return isoWeekOf(weekDates(week).monday).isoYear === week.isoYear && week.isoWeek >= 1;
}

const WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

/** "Thứ Hai" for a calendar date. */
export function weekdayName(isoDate: string): string {
  return WEEKDAYS[dateOf(isoDate).getUTCDay()] ?? "";
}
