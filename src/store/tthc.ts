import type { InStatement, Row } from "@libsql/client";
import { auditIfChangedStatement } from "./audit.ts";
import { flag, num, numOrNull, text, textOrNull } from "./rows.ts";
import type { Sql, WriteContext } from "./sql.ts";

/**
 * Administrative-procedure (TTHC) case counts of one unit over one period. Null: not published
 * (unknown, never 0). When `resolvedEarly` is null, `resolvedOnTime` is the portals' combined
 * "trước và đúng hạn".
 */
export interface TthcStats {
  unitId: number;
  periodStart: string;
  periodEnd: string;
  received: number | null;
  resolvedEarly: number | null;
  resolvedOnTime: number;
  resolvedLate: number;
  pendingInTime: number | null;
  pendingOverdue: number | null;
  /** Apology letters sent for late cases. */
  apologiesSent: number | null;
  asOf: string | null;
  source: string;
  sample: boolean;
}

export interface TthcRepo {
  /**
   * Upserts periods by unit and period, all rows or none, rewriting only what differs, each change audited
   * with its figures before → after; one read and one write for the whole list. A period whose figures
   * differ only in `source` is unchanged (not rewritten, not audited). Returns what became of each row.
   */
  put(rows: readonly TthcStats[], ctx: WriteContext): Promise<("inserted" | "updated" | "unchanged")[]>;
  get(unitId: number, periodStart: string, periodEnd: string): Promise<TthcStats | null>;
  /** The unit's periods, latest end first. */
  forUnit(unitId: number, limit?: number): Promise<TthcStats[]>;
}

/** What a period's row holds beyond its key (unit, start, end): each TthcStats field and its column. */
const FIGURE_COLUMNS = {
  received: "received",
  resolvedEarly: "resolved_early",
  resolvedOnTime: "resolved_on_time",
  resolvedLate: "resolved_late",
  pendingInTime: "pending_in_time",
  pendingOverdue: "pending_overdue",
  apologiesSent: "apologies_sent",
  asOf: "as_of",
  source: "source",
  sample: "sample",
} as const satisfies Partial<Record<keyof TthcStats, string>>;
const UPDATABLE: readonly string[] = Object.values(FIGURE_COLUMNS);
const COLUMNS = ["unit_id", "period_start", "period_end", ...UPDATABLE].join(", ");
/**
 * What makes a period's figures change: not their source, so the same figures sent again from another
 * file (or by another officer) are no change and leave no audit row. A change rewrites the source too.
 */
const COMPARED_FIELDS = (Object.keys(FIGURE_COLUMNS) as (keyof typeof FIGURE_COLUMNS)[]).filter(
  (field) => field !== "source",
);
const COMPARED = COMPARED_FIELDS.map((field) => FIGURE_COLUMNS[field]);

export function statsFromRow(row: Row): TthcStats {
  return {
    unitId: num(row, "unit_id"),
    periodStart: text(row, "period_start"),
    periodEnd: text(row, "period_end"),
    received: numOrNull(row, "received"),
    resolvedEarly: numOrNull(row, "resolved_early"),
    resolvedOnTime: num(row, "resolved_on_time"),
    resolvedLate: num(row, "resolved_late"),
    pendingInTime: numOrNull(row, "pending_in_time"),
    pendingOverdue: numOrNull(row, "pending_overdue"),
    apologiesSent: numOrNull(row, "apologies_sent"),
    asOf: textOrNull(row, "as_of"),
    source: text(row, "source"),
    sample: flag(row, "sample"),
  };
}

/** A period's figures as the audit log shows them before → after (null: not published). */
function figures(s: TthcStats) {
  return {
    received: s.received,
    resolvedEarly: s.resolvedEarly,
    resolvedOnTime: s.resolvedOnTime,
    resolvedLate: s.resolvedLate,
    pendingInTime: s.pendingInTime,
    pendingOverdue: s.pendingOverdue,
    apologiesSent: s.apologiesSent,
    asOf: s.asOf,
    source: s.source,
  };
}

function upsert(s: TthcStats): InStatement {
  return {
    sql:
      `INSERT INTO tthc_stats (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ` +
      "ON CONFLICT (unit_id, period_start, period_end) DO UPDATE SET " +
      UPDATABLE.map((c) => `${c} = excluded.${c}`).join(", ") +
      " WHERE " +
      COMPARED.map((c) => `tthc_stats.${c} IS NOT excluded.${c}`).join(" OR "),
    args: [
      s.unitId,
      s.periodStart,
      s.periodEnd,
      s.received,
      s.resolvedEarly,
      s.resolvedOnTime,
      s.resolvedLate,
      s.pendingInTime,
      s.pendingOverdue,
      s.apologiesSent,
      s.asOf,
      s.source,
      s.sample ? 1 : 0,
    ],
  };
}

export function tthcRepo(sql: Sql): TthcRepo {
  return {
    async put(rows, ctx) {
      if (rows.length === 0) return [];
      // What each period held before, for the audit's before → after (one read for the whole file).
      const held = await sql.execute({
        sql:
          `SELECT ${COLUMNS} FROM tthc_stats WHERE (unit_id, period_start, period_end) IN ` +
          "(SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?))",
        args: [JSON.stringify(rows.map((s) => [s.unitId, s.periodStart, s.periodEnd]))],
      });
      const before = new Map(
        held.rows.map(statsFromRow).map((s) => [`${s.unitId}|${s.periodStart}|${s.periodEnd}`, s] as const),
      );
      const outcomes = rows.map((s) => {
        const old = before.get(`${s.unitId}|${s.periodStart}|${s.periodEnd}`);
        if (old === undefined) return "inserted" as const;
        return COMPARED_FIELDS.every((field) => old[field] === s[field])
          ? ("unchanged" as const)
          : ("updated" as const);
      });
      await sql.batch(
        rows.flatMap((s) => {
          const old = before.get(`${s.unitId}|${s.periodStart}|${s.periodEnd}`);
          return [
            upsert(s),
            auditIfChangedStatement(
              {
                action: "tthc.put",
                entity: "unit",
                entityId: String(s.unitId),
                details: {
                  periodStart: s.periodStart,
                  periodEnd: s.periodEnd,
                  before: old === undefined ? null : figures(old),
                  after: figures(s),
                },
                unitId: s.unitId,
              },
              ctx,
            ),
          ];
        }),
      );
      return outcomes;
    },

    async get(unitId, periodStart, periodEnd) {
      const result = await sql.execute({
        sql: `SELECT ${COLUMNS} FROM tthc_stats WHERE unit_id = ? AND period_start = ? AND period_end = ?`,
        args: [unitId, periodStart, periodEnd],
      });
      const row = result.rows[0];
      return row === undefined ? null : statsFromRow(row);
    },

    async forUnit(unitId, limit = 12) {
      const result = await sql.execute({
        sql: `SELECT ${COLUMNS} FROM tthc_stats WHERE unit_id = ? ORDER BY period_end DESC, period_start DESC LIMIT ?`,
        args: [unitId, limit],
      });
      return result.rows.map(statsFromRow);
    },
  };
}
