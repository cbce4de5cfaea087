import { num } from "./rows.ts";
import type { Sql } from "./sql.ts";

/** Questions about the published snapshot as a whole, for the chat commands' defaults and orderings. */
export interface PublishedLookupRepo {
  /** The newest year with any published result, or null when nothing is published. */
  latestYear(): Promise<number | null>;
  /** Which of these units have a published result of their own. */
  unitsWithResults(unitIds: readonly number[]): Promise<Set<number>>;
  /** Which of these units have a published result of their own or rank others (a district, a province). */
  unitsWithRankings(unitIds: readonly number[]): Promise<Set<number>>;
}

export function publishedLookupRepo(sql: Sql): PublishedLookupRepo {
  const among = async (unitIds: readonly number[], column: "unit_id" | "scope_unit_id") => {
    if (unitIds.length === 0) return new Set<number>();
    const result = await sql.execute({
      sql:
        `SELECT DISTINCT ${column} AS id FROM published_results ` +
        `WHERE ${column} IN (SELECT value FROM json_each(?))`,
      args: [JSON.stringify(unitIds)],
    });
    return new Set(result.rows.map((row) => num(row, "id")));
  };

  return {
    async latestYear() {
      const result = await sql.execute("SELECT max(year) AS year FROM published_results");
      const row = result.rows[0];
      return row === undefined || row.year === null ? null : num(row, "year");
    },

    unitsWithResults: (unitIds) => among(unitIds, "unit_id"),

    async unitsWithRankings(unitIds) {
      const [own, scopes] = await Promise.all([among(unitIds, "unit_id"), among(unitIds, "scope_unit_id")]);
      return new Set([...own, ...scopes]);
    },
  };
}
