/**
 * When a notice may reach a chat: never inside the chat's own quiet hours (`/caidat 22:00-06:00`),
 * and, for the optional notices, only inside office hours (by default Monday–Friday 07:00–17:30).
 * A notice due outside is held to the first instant allowed, never dropped. Pure, in Vietnam's time
 * (UTC+7 all year: Vietnam keeps no daylight saving time).
 */
import type { QuietHours } from "../store/index.ts";

export interface OfficeHours {
  /** ISO weekdays, Monday = 1 … Sunday = 7. */
  days: readonly number[];
  /** Local "HH:MM", start inclusive, end exclusive; start before end. */
  start: string;
  end: string;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { days: [1, 2, 3, 4, 5], start: "07:00", end: "17:30" };

export interface WindowRules {
  quietHours: QuietHours | null;
  /** Null for notices that are not optional (result announcements, replies). */
  office: OfficeHours | null;
}

const VN_OFFSET_MS = 7 * 3_600_000;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
const DAY_MS = DAY_MINUTES * MINUTE_MS;
/** Enough steps to cross a week of closed days and a quiet night; more means the rules never open. */
const MAX_STEPS = 32;

function minutesOf(clock: string): number {
  const [h, m] = clock.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Local day number (days since 1970-01-01 in Vietnam), minute of that day, ISO weekday. */
function local(instant: Date): { day: number; minute: number; weekday: number } {
  const ms = instant.getTime() + VN_OFFSET_MS;
  const day = Math.floor(ms / DAY_MS);
  const minute = Math.floor((ms - day * DAY_MS) / MINUTE_MS);
  // 1970-01-01 was a Thursday (ISO 4).
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
  return { day, minute, weekday };
}

function instantAt(day: number, minute: number): Date {
  return new Date(day * DAY_MS + minute * MINUTE_MS - VN_OFFSET_MS);
}

/** The end of the quiet period `at` falls in, or null when `at` is not in one. */
function quietEnd(at: Date, quiet: QuietHours): Date | null {
  const { day, minute } = local(at);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start < end) return minute >= start && minute < end ? instantAt(day, end) : null;
  // Past midnight: 22:00–06:00 is quiet from 22:00 to the next morning's 06:00.
  if (minute >= start) return instantAt(day + 1, end);
  if (minute < end) return instantAt(day, end);
  return null;
}

/** The next opening of the office at or after `at`, or `at` itself when the office is open. */
function officeOpen(at: Date, office: OfficeHours): Date {
  const { day, minute, weekday } = local(at);
  const start = minutesOf(office.start);
  const end = minutesOf(office.end);
  if (office.days.includes(weekday) && minute >= start && minute < end) return at;
  for (let offset = 0; offset <= 7; offset++) {
    const candidateWeekday = ((weekday - 1 + offset) % 7) + 1;
    if (!office.days.includes(candidateWeekday)) continue;
    if (offset === 0 && minute >= start) continue;
    return instantAt(day + offset, start);
  }
  return at; // no open day at all: office hours do not restrict
}

/**
 * The first instant at or after `due` the rules allow. When the chat's quiet hours cover all of the
 * office hours, the chat's own wish wins: the notice goes at the end of its quiet hours.
 */
export function firstAllowed(due: Date, rules: WindowRules): Date {
  // Quiet from a time to the same time is no window at all (`/caidat` refuses it; a stored one is ignored).
  if (rules.quietHours !== null && rules.quietHours.start === rules.quietHours.end) {
    return firstAllowed(due, { ...rules, quietHours: null });
  }
  let at = due;
  for (let step = 0; step < MAX_STEPS; step++) {
    const quiet = rules.quietHours ? quietEnd(at, rules.quietHours) : null;
    if (quiet !== null) {
      at = quiet;
      continue;
    }
    const open = rules.office ? officeOpen(at, rules.office) : at;
    if (open.getTime() === at.getTime()) return at;
    at = open;
  }
  return firstAllowed(due, { quietHours: rules.quietHours, office: null });
}
