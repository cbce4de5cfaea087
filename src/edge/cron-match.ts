/**
 * Whether a five-field cron expression (minute hour day-of-month month day-of-week, as node-cron reads
 * it) names an instant in Vietnam time. Cloudflare's Cron Triggers are UTC only, so the Worker keeps the
 * jobs' schedules in Vietnam time, like node-cron, and asks this which are due at the trigger's instant.
 * Vietnam has kept UTC+7 all year since 1975: a fixed offset, no time-zone database needed in workerd.
 */
import { AppError } from "../errors.ts";

const VN_OFFSET_MS = 7 * 3_600_000;

const FIELDS = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 7 },
] as const;

function invalid(expression: string): AppError<"CONFIG_INVALID"> {
  return new AppError("CONFIG_INVALID", `Lịch cron không hợp lệ: "${expression}".`, { expression });
}

function values(field: string, range: { min: number; max: number }, expression: string): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (match === null) throw invalid(expression);
    const from = match[1] === "*" ? range.min : Number(match[2]);
    const to = match[1] === "*" ? range.max : match[3] !== undefined ? Number(match[3]) : from;
    const step = match[4] === undefined ? 1 : Number(match[4]);
    // "5/15" means from 5 to the end, every 15.
    const end = match[4] !== undefined && match[3] === undefined && match[1] !== "*" ? range.max : to;
    if (from < range.min || end > range.max || from > end || step < 1) throw invalid(expression);
    for (let v = from; v <= end; v += step) out.add(v);
  }
  return out;
}

export interface CronSchedule {
  matches(at: Date): boolean;
}

/** Throws AppError("CONFIG_INVALID") for an expression it cannot read. */
export function vietnamCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw invalid(expression);
  const [minutes, hours, days, months, weekdays] = parts.map((p, i) => values(p, FIELDS[i]!, expression)) as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (weekdays.has(7)) weekdays.add(0);
  const anyDay = parts[2] === "*";
  const anyWeekday = parts[4] === "*";
  return {
    matches(at) {
      const vn = new Date(at.getTime() + VN_OFFSET_MS);
      if (!minutes.has(vn.getUTCMinutes()) || !hours.has(vn.getUTCHours())) return false;
      if (!months.has(vn.getUTCMonth() + 1)) return false;
      const dayOk = days.has(vn.getUTCDate());
      const weekdayOk = weekdays.has(vn.getUTCDay());
      // Both restricted: either will do (cron's rule, and node-cron's).
      if (!anyDay && !anyWeekday) return dayOk || weekdayOk;
      return dayOk && weekdayOk;
    },
  };
}
