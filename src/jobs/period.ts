/** The ISO week a job's instant falls in, in Vietnam, and the period keys built from it. */
import { isoWeekOf } from "../../commands/support/iso-week.ts";
import { vnIsoDate } from "../format/vi.ts";
import type { IsoWeek } from "../store/index.ts";

export function weekOfInstant(at: Date): IsoWeek {
  return isoWeekOf(vnIsoDate(at));
}

/** "2024-W12". */
export function weekLabel(week: IsoWeek): string {
  return `${week.isoYear}-W${String(week.isoWeek).padStart(2, "0")}`;
}

export function weeklyKey(job: string, week: IsoWeek): string {
  return `${job}:${weekLabel(week)}`;
}
