import type { Row } from "@libsql/client";
import { totalKnownOf } from "../domain/provenance.ts";
import { flag, num, numOrNull, textOrNull } from "./rows.ts";
import type { Sql } from "./sql.ts";

/** A published result as a comparison needs it: its totals and its score card (fields only). */
export interface PeerCard {
  unitId: number;
  total: number;
  pct: number;
  rank: number | null;
  sample: boolean;
  /** Whether its total was published or derived from published figures (not sample). */
  totalKnown: boolean;
  /** The frozen card JSON (see PublishedCard), null when only totals were published. */
  card: unknown;
}

/** One commune's published standing in a province where every commune has one. */
export interface ProvinceEntry {
  unitId: number;
  pct: number;
  /** Its total is sample (not published, not derived from published figures). */
  sample: boolean;
}

export interface ProvinceSet {
  methodologyId: string;
  entries: ProvinceEntry[];
}

/** Reads across units of the published snapshot: a scope's cards, a whole province's communes. */
export interface PublishedPeersRepo {
  /** Every published result of the scope and year with its card, in no particular order. */
  cards(scopeUnitId: number, year: number): Promise<PeerCard[]>;
  /**
   * The published results of every commune of the province valid at some time in the year, when each
   * has one and all were scored with one methodology; null when any commune lacks one (a province
   * rank over part of a province would be wrong) or the province has no commune that year.
   */
  wholeProvince(provinceUnitId: number, year: number): Promise<ProvinceSet | null>;
}

/** A result's total is known unless its origins (or, without them, its sample flag) say sample. */
function totalKnown(row: Row): boolean {
  const stored = textOrNull(row, "origins");
  return totalKnownOf(stored === null ? null : JSON.parse(stored), flag(row, "sample"));
}

export function publishedPeersRepo(sql: Sql): PublishedPeersRepo {
  return {
    async cards(scopeUnitId, year) {
      const result = await sql.execute({
        sql: "SELECT unit_id, total, pct, rank, sample, origins, card FROM published_results WHERE scope_unit_id = ? AND year = ?",
        args: [scopeUnitId, year],
      });
      return result.rows.map((row) => {
        const card = textOrNull(row, "card");
        return {
          unitId: num(row, "unit_id"),
          total: num(row, "total"),
          pct: num(row, "pct"),
          rank: numOrNull(row, "rank"),
          sample: flag(row, "sample"),
          totalKnown: totalKnown(row),
          card: card === null ? null : JSON.parse(card),
        };
      });
    },

    async wholeProvince(provinceUnitId, year) {
      // Communes hang from a district before the 2025 reform and from the province after it.
      const result = await sql.execute({
        sql:
          "SELECT c.id AS unit_id, p.pct, p.sample, p.origins, p.methodology_id FROM units c " +
          "LEFT JOIN units d ON d.id = c.parent_id " +
          "LEFT JOIN published_results p ON p.unit_id = c.id AND p.year = ? " +
          "WHERE c.level = 'commune' AND (c.parent_id = ? OR (d.level = 'district' AND d.parent_id = ?)) " +
          "AND (c.valid_from IS NULL OR c.valid_from <= ?) AND (c.valid_to IS NULL OR c.valid_to >= ?)",
        args: [year, provinceUnitId, provinceUnitId, `${year}-12-31`, `${year}-01-01`],
      });
      if (result.rows.length === 0) return null;
      const methodologies = new Set<string>();
      const entries: ProvinceEntry[] = [];
      for (const row of result.rows) {
        const methodology = textOrNull(row, "methodology_id");
        if (methodology === null) return null;
        methodologies.add(methodology);
        entries.push({ unitId: num(row, "unit_id"), pct: num(row, "pct"), sample: !totalKnown(row) });
      }
      const [only] = methodologies;
      if (only === undefined || methodologies.size > 1) return null;
      return { methodologyId: only, entries };
    },
  };
}
