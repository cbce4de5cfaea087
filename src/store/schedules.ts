import type { Row } from "@libsql/client";
import { auditStatement } from "./audit.ts";
import { flag, text, textOrNull } from "./rows.ts";
import type { Sql, WriteContext } from "./sql.ts";

export interface ScheduleItem {
  /** ISO date within the ISO week. */
  date: string;
  startTime: string | null;
  endTime: string | null;
  title: string;
  location: string | null;
  participants: string | null;
  source: string;
  sample: boolean;
}

export interface IsoWeek {
  isoYear: number;
  isoWeek: number;
}

export interface SchedulesRepo {
  /**
   * Replaces a scope's schedule for one ISO week with these items, all or none. Identical items change
   * nothing, so re-running an import or seed leaves the database as it was.
   */
  replaceWeek(
    scopeUnitId: number,
    week: IsoWeek,
    items: readonly ScheduleItem[],
    ctx: WriteContext,
  ): Promise<"replaced" | "unchanged">;
  /** The week's items by date and start time. */
  week(scopeUnitId: number, week: IsoWeek): Promise<ScheduleItem[]>;
}

const COLUMNS = "date, start_time, end_time, title, location, participants, source, sample";

function itemFromRow(row: Row): ScheduleItem {
  return {
    date: text(row, "date"),
    startTime: textOrNull(row, "start_time"),
    endTime: textOrNull(row, "end_time"),
    title: text(row, "title"),
    location: textOrNull(row, "location"),
    participants: textOrNull(row, "participants"),
    source: text(row, "source"),
    sample: flag(row, "sample"),
  };
}

const ORDER = "ORDER BY date, start_time IS NULL, start_time, id";
/**
 * What makes a week's items the same: not their source, so the same schedule posted again under another
 * file name or by another officer changes nothing (no audit row, no update notice to the chats).
 */
const fields = (i: ScheduleItem) =>
  [i.date, i.startTime, i.endTime, i.title, i.location, i.participants, i.sample].join("\u0000");

/** An item as the audit log shows a week before → after (its source is the import's own row). */
const shown = (i: ScheduleItem) => ({
  date: i.date,
  startTime: i.startTime,
  endTime: i.endTime,
  title: i.title,
  location: i.location,
  participants: i.participants,
});

export function schedulesRepo(sql: Sql): SchedulesRepo {
  const week = async (scopeUnitId: number, w: IsoWeek) => {
    const result = await sql.execute({
      sql: `SELECT ${COLUMNS} FROM work_schedules WHERE scope_unit_id = ? AND iso_year = ? AND iso_week = ? ${ORDER}`,
      args: [scopeUnitId, w.isoYear, w.isoWeek],
    });
    return result.rows.map(itemFromRow);
  };

  return {
    week,

    async replaceWeek(scopeUnitId, w, items, ctx) {
      const current = await week(scopeUnitId, w);
      if (
        current.length === items.length &&
        current.map(fields).join("\n") === items.map(fields).join("\n")
      ) {
        return "unchanged";
      }
      await sql.batch([
        {
          sql: "DELETE FROM work_schedules WHERE scope_unit_id = ? AND iso_year = ? AND iso_week = ?",
          args: [scopeUnitId, w.isoYear, w.isoWeek],
        },
        ...items.map((i) => ({
          sql:
            "INSERT INTO work_schedules (scope_unit_id, iso_year, iso_week, date, start_time, end_time, title, " +
            "location, participants, source, sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          args: [
            scopeUnitId,
            w.isoYear,
            w.isoWeek,
            i.date,
            i.startTime,
            i.endTime,
            i.title,
            i.location,
            i.participants,
            i.source,
            i.sample ? 1 : 0,
          ],
        })),
        auditStatement(
          {
            action: "schedule.replace-week",
            entity: "unit",
            entityId: String(scopeUnitId),
            details: { ...w, before: current.map(shown), after: items.map(shown) },
            unitId: scopeUnitId,
          },
          ctx,
        ),
      ]);
      return "replaced";
    },
  };
}
