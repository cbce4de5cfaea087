import type { UnitRecord } from "../domain/unit.ts";
import { formatIsoDate } from "../format/vi.ts";

type Window = Pick<UnitRecord, "validFrom" | "validTo">;

/** Whether the unit existed on some day of `year` (inclusive ISO dates compare as strings). */
export function validInYear(unit: Window, year: number): boolean {
  const first = `${String(year).padStart(4, "0")}-01-01`;
  const last = `${String(year).padStart(4, "0")}-12-31`;
  return (
    (unit.validFrom === null || unit.validFrom <= last) && (unit.validTo === null || unit.validTo >= first)
  );
}

/** Whether the unit existed on the ISO date `day`. */
export function validOn(unit: Window, day: string): boolean {
  return (unit.validFrom === null || unit.validFrom <= day) && (unit.validTo === null || unit.validTo >= day);
}

/** "đến 30/06/2025", "từ 01/07/2025", "từ 01/01/2020 đến 30/06/2025", or "" for an open window. */
export function validityText(unit: Window): string {
  const from = unit.validFrom === null ? null : formatIsoDate(unit.validFrom);
  const to = unit.validTo === null ? null : formatIsoDate(unit.validTo);
  if (to !== null) return from === null ? `đến ${to}` : `từ ${from} đến ${to}`;
  return from === null ? "" : `từ ${from}`;
}

/** The last day any unit's window starts: units valid then form the current register. */
export function latestStart(units: readonly Window[]): string | null {
  let latest: string | null = null;
  for (const unit of units) {
    if (unit.validFrom !== null && (latest === null || unit.validFrom > latest)) latest = unit.validFrom;
  }
  return latest;
}
