import type { InStatement, Row } from "@libsql/client";
import { type FigureOrigins, totalKnownOf } from "../domain/provenance.ts";
import { cardOfDetail } from "../domain/published.ts";
import { auditIfChangedStatement, auditStatement } from "./audit.ts";
import { StoreError } from "./errors.ts";
import { flag, json, num, numOrNull, packedColumns, text, textOrNull, unpacked } from "./rows.ts";
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
  /** Where each figure comes from (src/domain/provenance.ts); null: by `sample` alone. */
  origins: FigureOrigins | null;
}

export interface PublishedResult extends PublishedResultInput {
  unitId: number;
  year: number;
  methodologyId: string;
  methodologyVersion: string;
  publishedOn: string;
}

/**
 * What a score card reads: the result with its card (the detail down to its fields, see
 * `PublishedCard`; null when only totals were published) instead of the whole detail, and its peers.
 */
export interface PublishedCardResult extends Omit<PublishedResult, "detail"> {
  card: unknown;
  /** Every unit ranked in the result's scope that year, this one included, in no particular order. */
  peerUnitIds: number[];
  /** The same units' standings, for "what it takes to climb", read in the same query. */
  peers: PeerStanding[];
}

export interface PeerStanding {
  unitId: number;
  pct: number;
  /** Its total was published or derived from published figures (not sample). */
  totalKnown: boolean;
}

/**
 * A row of a published ranking as a table shows it: the result without its per-criterion detail and
 * the head rating's reasons, which are the bulk of a snapshot (kilobytes of JSON per unit).
 */
export type PublishedRankingEntry = Omit<PublishedResult, "detail" | "reasons">;

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
  /** The scope's published ranking for a year, best rank first, every snapshot in full. */
  byScope(scopeUnitId: number, year: number): Promise<PublishedResult[]>;
  /** The same ranking without the detail and reasons: what a ranking table needs. */
  ranking(scopeUnitId: number, year: number): Promise<PublishedRankingEntry[]>;
  /**
   * `forUnit` with the card in place of the detail, and the units ranked in the same scope and year
   * (the unit among them, in no particular order) read in the same query: a score card's whole need.
   */
  cardForUnit(unitId: number, year: number): Promise<PublishedCardResult | null>;
  /** Years with a published result for the unit, newest first. */
  years(unitId: number): Promise<number[]>;
  /** Years with published results in the scope, newest first. */
  scopeYears(scopeUnitId: number): Promise<number[]>;
  /**
   * Records where a result's figures come from when it was frozen without (before origins were
   * kept); never rewrites origins already frozen. Returns whether a row took them.
   */
  fillOrigins(unitId: number, year: number, origins: FigureOrigins): Promise<boolean>;
}

const COLUMNS =
  "assessment_id, unit_id, year, scope_unit_id, peer_count, methodology_id, methodology_version, total, max_points, " +
  "pct, rank, rank_change, points_change, group_code, group_label, rating_code, rating_label, reasons, detail, " +
  "published_on, source, sample, card, origins";
/**
 * What a read selects: the integer and text columns packed into one (see `packedColumns`; a score
 * card reads one result per message), the reals as columns, then the two JSON snapshots for a full
 * result only.
 */
const PACKED_COLUMNS = [
  "assessment_id",
  "unit_id",
  "year",
  "scope_unit_id",
  "peer_count",
  "methodology_id",
  "methodology_version",
  "rank",
  "rank_change",
  "group_code",
  "group_label",
  "rating_code",
  "rating_label",
  "published_on",
  "source",
  "sample",
] as const;
const RANKING_SELECT = `${packedColumns(PACKED_COLUMNS)}, total, max_points, pct, points_change, origins`;
const RESULT_SELECT = `${RANKING_SELECT}, reasons, detail`;
const CARD_SELECT = `${RANKING_SELECT}, reasons, card`;
const RANKING_ORDER = "ORDER BY rank IS NULL, rank, pct DESC, unit_id";

function publishedFromRow(row: Row): PublishedResult {
  const { publishedOn, source, sample, ...entry } = rankingEntryFromRow(row);
  const detail = textOrNull(row, "detail");
  return {
    ...entry,
    reasons: json(row, "reasons") as unknown[],
    detail: detail === null ? null : JSON.parse(detail),
    publishedOn,
    source,
    sample,
  };
}

function rankingEntryFromRow(row: Row): PublishedRankingEntry {
  const packed = unpacked(row, PACKED_COLUMNS);
  return {
    assessmentId: num(packed, "assessment_id"),
    unitId: num(packed, "unit_id"),
    year: num(packed, "year"),
    scopeUnitId: num(packed, "scope_unit_id"),
    peerCount: num(packed, "peer_count"),
    methodologyId: text(packed, "methodology_id"),
    methodologyVersion: text(packed, "methodology_version"),
    total: num(row, "total"),
    maxPoints: num(row, "max_points"),
    pct: num(row, "pct"),
    rank: numOrNull(packed, "rank"),
    rankChange: numOrNull(packed, "rank_change"),
    pointsChange: numOrNull(row, "points_change"),
    groupCode: textOrNull(packed, "group_code"),
    groupLabel: textOrNull(packed, "group_label"),
    ratingCode: textOrNull(packed, "rating_code"),
    ratingLabel: textOrNull(packed, "rating_label"),
    publishedOn: text(packed, "published_on"),
    source: text(packed, "source"),
    sample: flag(packed, "sample"),
    origins: originsFromRow(row),
  };
}

function originsFromRow(row: Row): FigureOrigins | null {
  const stored = textOrNull(row, "origins");
  return stored === null ? null : (JSON.parse(stored) as FigureOrigins);
}

/** The card column for a detail: NULL when there is no card to make (no detail, or not an object). */
function cardJson(detail: unknown): string | null {
  const card = cardOfDetail(detail);
  return card === null ? null : JSON.stringify(card);
}

function snapshotInsert(e: PublishedResultInput, publishedOn: string): InStatement {
  return {
    sql:
      `INSERT INTO published_results (${COLUMNS}) SELECT a.id, a.unit_id, a.year, ?, ?, a.methodology_id, ` +
      "a.methodology_version, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM assessments a WHERE a.id = ?",
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
      cardJson(e.detail),
      e.origins === null ? null : JSON.stringify(e.origins),
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
            unitId: entries[0]?.scopeUnitId ?? null,
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
          {
            action: "results.withdraw",
            entity: "scope",
            entityId: String(scopeUnitId),
            details: { year },
            unitId: scopeUnitId,
          },
          ctx,
        ),
      ]);
      return results[2]?.rowsAffected ?? 0;
    },

    async forUnit(unitId, year) {
      const result = await sql.execute({
        sql: `SELECT ${RESULT_SELECT} FROM published_results WHERE unit_id = ? AND year = ?`,
        args: [unitId, year],
      });
      const row = result.rows[0];
      return row === undefined ? null : publishedFromRow(row);
    },

    async byScope(scopeUnitId, year) {
      const result = await sql.execute({
        sql: `SELECT ${RESULT_SELECT} FROM published_results WHERE scope_unit_id = ? AND year = ? ${RANKING_ORDER}`,
        args: [scopeUnitId, year],
      });
      return result.rows.map(publishedFromRow);
    },

    async ranking(scopeUnitId, year) {
      const result = await sql.execute({
        sql: `SELECT ${RANKING_SELECT} FROM published_results WHERE scope_unit_id = ? AND year = ? ${RANKING_ORDER}`,
        args: [scopeUnitId, year],
      });
      return result.rows.map(rankingEntryFromRow);
    },

    async cardForUnit(unitId, year) {
      const result = await sql.execute({
        sql:
          `SELECT ${CARD_SELECT}, (SELECT json_group_array(json_array(q.unit_id, q.pct, q.sample, json(q.origins))) FROM published_results q ` +
          "WHERE q.scope_unit_id = p.scope_unit_id AND q.year = p.year) AS peers " +
          "FROM published_results p WHERE p.unit_id = ? AND p.year = ?",
        args: [unitId, year],
      });
      const row = result.rows[0];
      if (row === undefined) return null;
      const peers: unknown = JSON.parse(text(row, "peers"));
      const isStanding = (p: unknown) =>
        Array.isArray(p) && Number.isInteger(p[0]) && typeof p[1] === "number" && Number.isInteger(p[2]);
      if (!Array.isArray(peers) || !peers.every(isStanding)) {
        throw new StoreError("ROW_SHAPE", "Danh sách đơn vị cùng bảng xếp hạng không đúng dạng.", {
          unitId,
          year,
        });
      }
      const { publishedOn, source, sample, ...entry } = rankingEntryFromRow(row);
      const card = textOrNull(row, "card");
      return {
        ...entry,
        reasons: json(row, "reasons") as unknown[],
        card: card === null ? null : JSON.parse(card),
        publishedOn,
        source,
        sample,
        peerUnitIds: peers.map((p: unknown[]) => p[0] as number),
        // Without origins, the sample flag alone says whether the total is known (src/domain/provenance.ts).
        peers: peers.map((p: unknown[]) => ({
          unitId: p[0] as number,
          pct: p[1] as number,
          totalKnown: totalKnownOf(p[3] ?? null, p[2] === 1),
        })),
      };
    },

    async fillOrigins(unitId, year, origins) {
      const result = await sql.execute({
        sql: "UPDATE published_results SET origins = ? WHERE unit_id = ? AND year = ? AND origins IS NULL",
        args: [JSON.stringify(origins), unitId, year],
      });
      return result.rowsAffected > 0;
    },

    years: (unitId) => years("unit_id", unitId),
    scopeYears: (scopeUnitId) => years("scope_unit_id", scopeUnitId),
  };
}
