/**
 * What a unit's TTHC counts say against the provinces' targets, the same for /tthc and the Friday
 * reminder. Pure. A figure that was not published stays null here and is shown as unknown: a rate
 * is never computed from a missing count treated as 0.
 */
import type { TthcStats } from "../store/index.ts";

/** Cases resolved early or on time: at least 95% (the provinces' stated target). */
export const ON_TIME_TARGET = 95;
/** Apology letters: every case resolved late. */
export const APOLOGY_TARGET = 100;

export interface TthcFigures {
  /** Resolved: early + on time + late (early is inside on time when not published apart). */
  processed: number;
  /** Resolved early or on time. */
  inTime: number;
  /** % of processed cases resolved in time; 100 when nothing was processed. */
  onTimeRate: number;
  late: number;
  overdue: number | null;
  apologies: number | null;
  /** Late cases without an apology letter; null when the letters were not published. */
  apologiesMissing: number | null;
  /** % of late cases with a letter; null when unknown or when nothing was late. */
  apologyRate: number | null;
}

const rate = (part: number, whole: number) => (whole === 0 ? 100 : (part / whole) * 100);

export function tthcFigures(stats: TthcStats): TthcFigures {
  const inTime = (stats.resolvedEarly ?? 0) + stats.resolvedOnTime;
  const processed = inTime + stats.resolvedLate;
  const apologies = stats.apologiesSent;
  return {
    processed,
    inTime,
    onTimeRate: rate(inTime, processed),
    late: stats.resolvedLate,
    overdue: stats.pendingOverdue,
    apologies,
    apologiesMissing: apologies === null ? null : Math.max(0, stats.resolvedLate - apologies),
    apologyRate: apologies === null || stats.resolvedLate === 0 ? null : rate(apologies, stats.resolvedLate),
  };
}

/** Whether the counts show a late resolved case or an overdue pending one (unknown is not late). */
export function showsLateCases(stats: TthcStats): boolean {
  return stats.resolvedLate > 0 || (stats.pendingOverdue ?? 0) > 0;
}
