import type { InStatement, Row } from "@libsql/client";
import { auditIfChangedStatement, auditStatement } from "./audit.ts";
import { StoreError } from "./errors.ts";
import { flag, json, num, numOrNull, text, textOrNull } from "./rows.ts";
import { isoInstant, type Sql, type WriteContext } from "./sql.ts";

/** What publishing freezes for one assessed unit: every figure a reply shows, as published. */
export interface PublishedResultInput {
  assessmentId: number;
  scopeUnitId: number;
  peerCount: number;
  total: number;
  maxPoints: number;
  pct: number;
  rank: number | null;
  rankChange: number | null;
  pointsChange: number | null;
  groupCode: string | null;
  groupLabel: string | null;
  ratingCode: string | null;
  ratingLabel: string | null;
  /** The head rating's cap reasons and flags, as the core produced them. */
  reasons: unknown[];
  /** Per-criterion results (the core's node tree), or null when only totals were published. */
  detail: unknown;
  source: string;
  sample: boolean;
}

export interface PublishedResult extends PublishedResultInput {
  unitId: number;
  year: number;
  methodologyId: string;
  methodologyVersion: string;
  publishedOn: string;
}

export interface PublishedRepo {
  /**
   * Publishes draft assessments: freezes their snapshots and marks them published, all or none.
   * Refused when an assessment is missing or already published.
   */
  freeze(entries: readonly PublishedResultInput[], publishedOn: string, ctx: WriteContext): Promise<void>;
  /**
   * Withdraws a scope's publication for a year (back to draft); returns how many results it removed.
   * Refused (PUBLICATION_ANNOUNCED) once the publication was announced to subscribers.
   */
  withdraw(scopeUnitId: number, year: number, ctx: WriteContext): Promise<number>;
  forUnit(unitId: number, year: number): Promise<PublishedResult | null>;
  /** The scope's published ranking for a year, best rank first. */
  byScope(scopeUnitId: number, year: number): Promise<PublishedResult[]>;
  /** Years with a published result for the unit, newest first. */
  years(unitId: number): Promise<number[]>;
  /** Years with published results in the scope, newest first. */
  scopeYears(scopeUnitId: number): Promise<number[]>;
}

const COLUMNS =
  "assessment_id, unit_id, year, scope_unit_id, peer_count, methodology_id, methodology_version, total, max_points, " +
  "pct, rank, rank_change, points_change, group_code, group_label, rating_code, rating_label, reasons, detail, " +
  "published_on, source, sample";

function publishedFromRow(row: Row): PublishedResult {
  const detail = textOrNull(row, "detail");
  return {
    assessmentId: num(row, "assessment_id"),
    unitId: num(row, "unit_id"),
    year: num(row, "year"),
    scopeUnitId: num(row, "scope_unit_id"),
    peerCount: num(row, "peer_count"),
    methodologyId: text(row, "methodology_id"),
    methodologyVersion: text(row, "methodology_version"),
    total: num(row, "total"),
    maxPoints: num(row, "max_points"),
    pct: num(row, "pct"),
    rank: numOrNull(row, "rank"),
    rankChange: numOrNull(row, "rank_change"),
    pointsChange: numOrNull(row, "points_change"),
    groupCode: textOrNull(row, "group_code"),
    groupLabel: textOrNull(row, "group_label"),
    ratingCode: textOrNull(row, "rating_code"),
    ratingLabel: textOrNull(row, "rating_label"),
    reasons: json(row, "reasons") as unknown[],
    detail: detail === null ? null : JSON.parse(detail),
    publishedOn: text(row, "published_on"),
    source: text(row, "source"),
    sample: flag(row, "sample"),
  };
}

function snapshotInsert(e: PublishedResultInput, publishedOn: string): InStatement {
  return {
    sql:
      `INSERT INTO published_results (${COLUMNS}) SELECT a.id, a.unit_id, a.year, ?, ?, a.methodology_id, ` +
      "a.methodology_version, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM assessments a WHERE a.id = ?",
    args: [
      e.scopeUnitId,
      e.peerCount,
      e.total,
      e.maxPoints,
      e.pct,
      e.rank,
      e.rankChange,
      e.pointsChange,
      e.groupCode,
      e.groupLabel,
      e.ratingCode,
      e.ratingLabel,
      JSON.stringify(e.reasons),
      e.detail === null || e.detail === undefined ? null : JSON.stringify(e.detail),
      publishedOn,
      e.source,
      e.sample ? 1 : 0,
      e.assessmentId,
    ],
  };
}

export function publishedRepo(sql: Sql): PublishedRepo {
  const years = async (column: "unit_id" | "scope_unit_id", id: number) => {
    const result = await sql.execute({
      sql: `SELECT DISTINCT year FROM published_results WHERE ${column} = ? ORDER BY year DESC`,
      args: [id],
    });
    return result.rows.map((row) => num(row, "year"));
  };

  return {
    async freeze(entries, publishedOn, ctx) {
      if (entries.length === 0) return;
      const ids = entries.map((e) => e.assessmentId);
      const found = await sql.execute({
        sql: "SELECT id, status FROM assessments WHERE id IN (SELECT value FROM json_each(?))",
        args: [JSON.stringify(ids)],
      });
      const status = new Map(found.rows.map((row) => [num(row, "id"), text(row, "status")]));
      for (const id of ids) {
        if (status.get(id) === "draft") continue;
        throw new StoreError(
          status.has(id) ? "ASSESSMENT_PUBLISHED" : "ASSESSMENT_NOT_FOUND",
          status.has(id) ? `Bản đánh giá số ${id} đã được công bố.` : `Không có bản đánh giá số ${id}.`,
          { assessmentId: id },
        );
      }
      const at = isoInstant(ctx.now);
      await sql.batch([
        ...entries.map((e) => snapshotInsert(e, publishedOn)),
        {
          sql:
            "UPDATE assessments SET status = 'published', published_on = ?, updated_at = ? " +
            "WHERE id IN (SELECT value FROM json_each(?))",
          args: [publishedOn, at, JSON.stringify(ids)],
        },
        auditStatement(
          {
            action: "results.publish",
            entity: "scope",
            entityId: String(entries[0]?.scopeUnitId),
            details: { publishedOn, assessments: ids },
          },
          ctx,
        ),
      ]);
    },

    async withdraw(scopeUnitId, year, ctx) {
      const announced = await sql.execute({
        sql: "SELECT announced_at FROM publications WHERE scope_unit_id = ? AND year = ? AND announced_at IS NOT NULL",
        args: [scopeUnitId, year],
      });
      const row = announced.rows[0];
      if (row !== undefined) {
        throw new StoreError(
          "PUBLICATION_ANNOUNCED",
          `Kết quả năm ${year} đã được thông báo tới người theo dõi (${text(row, "announced_at")}); không thể rút công bố.`,
          { scopeUnitId, year },
        );
      }
      const results = await sql.batch([
        {
          sql:
            "UPDATE assessments SET status = 'draft', published_on = NULL, updated_at = ? WHERE id IN " +
            "(SELECT assessment_id FROM published_results WHERE scope_unit_id = ? AND year = ?)",
          args: [isoInstant(ctx.now), scopeUnitId, year],
        },
        {
          sql: "DELETE FROM publications WHERE scope_unit_id = ? AND year = ?",
          args: [scopeUnitId, year],
        },
        // Last before the audit row: its changes() decide whether the withdrawal is audited.
        {
          sql: "DELETE FROM published_results WHERE scope_unit_id = ? AND year = ?",
          args: [scopeUnitId, year],
        },
        auditIfChangedStatement(
          { action: "results.withdraw", entity: "scope", entityId: String(scopeUnitId), details: { year } },
          ctx,
        ),
      ]);
      return results[2]?.rowsAffected ?? 0;
    },

    async forUnit(unitId, year) {
      const result = await sql.execute({
        sql: `SELECT ${COLUMNS} FROM published_results WHERE unit_id = ? AND year = ?`,
        args: [unitId, year],
      });
      const row = result.rows[0];
      return row === undefined ? null : publishedFromRow(row);
    },

    async byScope(scopeUnitId, year) {
      const result = await sql.execute({
        sql:
          `SELECT ${COLUMNS} FROM published_results WHERE scope_unit_id = ? AND year = ? ` +
          "ORDER BY rank IS NULL, rank, pct DESC, unit_id",
        args: [scopeUnitId, year],
      });
      return result.rows.map(publishedFromRow);
    },

    years: (unitId) => years("unit_id", unitId),
    scopeYears: (scopeUnitId) => years("scope_unit_id", scopeUnitId),
  };
}
