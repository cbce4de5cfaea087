import { num } from "./rows.ts";
import type { Sql } from "./sql.ts";

export interface ScheduledWeek {
  scopeUnitId: number;
  isoYear: number;
  isoWeek: number;
}

/** Which weeks have a work schedule, so "/lich" can point to the nearest one that has. */
export interface ScheduleWeeksRepo {
  /** The latest week with items among these scopes (the first listed wins a tie), or null. */
  latest(scopeUnitIds: readonly number[]): Promise<ScheduledWeek | null>;
  /** The scopes that have items in this week. */
  scopesWith(week: { isoYear: number; isoWeek: number }): Promise<number[]>;
}

export function scheduleWeeksRepo(sql: Sql): ScheduleWeeksRepo {
  return {
    async scopesWith(week) {
      const result = await sql.execute({
        sql: "SELECT DISTINCT scope_unit_id FROM work_schedules WHERE iso_year = ? AND iso_week = ? ORDER BY scope_unit_id",
        args: [week.isoYear, week.isoWeek],
      });
      return result.rows.map((row) => num(row, "scope_unit_id"));
    },

    async latest(scopeUnitIds) {
      if (scopeUnitIds.length === 0) return null;
      const result = await sql.execute({
        sql:
          "SELECT w.scope_unit_id, w.iso_year, w.iso_week FROM work_schedules w " +
          "JOIN json_each(?) s ON s.value = w.scope_unit_id " +
          "ORDER BY w.iso_year DESC, w.iso_week DESC, s.key LIMIT 1",
        args: [JSON.stringify(scopeUnitIds)],
      });
      const row = result.rows[0];
      return row === undefined
        ? null
        : {
            scopeUnitId: num(row, "scope_unit_id"),
            isoYear: num(row, "iso_year"),
            isoWeek: num(row, "iso_week"),
          };
    },
  };
}
