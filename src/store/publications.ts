/**
 * The act of publishing a scope's results for a year, and whether subscribers were told. The results
 * themselves are in `published_results` (see published.ts); this is the row the announcer and the
 * unpublish guard read.
 */
import type { Row } from "@libsql/client";
import { auditIfChangedStatement, auditStatement } from "./audit.ts";
import { flag, num, text, textOrNull } from "./rows.ts";
import { isoInstant, type Sql, type WriteContext } from "./sql.ts";

export interface PublicationInput {
  scopeUnitId: number;
  year: number;
  /** ISO date the province published the results. */
  publishedOn: string;
  methodologyId: string;
  methodologyVersion: string;
  unitCount: number;
  source: string;
  sample: boolean;
}

export interface PublicationRecord extends PublicationInput {
  createdAt: string;
  /** When the chat side announced the results to subscribers; null until then. */
  announcedAt: string | null;
}

export interface PublicationsRepo {
  get(scopeUnitId: number, year: number): Promise<PublicationRecord | null>;
  /** Published and not yet announced, oldest publication first: the announcer's work list. */
  unannounced(): Promise<PublicationRecord[]>;
  /** Records a publication; call it in the transaction that freezes the results. */
  record(input: PublicationInput, ctx: WriteContext): Promise<void>;
  /** Stamps the announcement (once: a second call changes nothing); returns whether it stamped. */
  markAnnounced(scopeUnitId: number, year: number, ctx: WriteContext): Promise<boolean>;
}

const COLUMNS =
  "scope_unit_id, year, published_on, methodology_id, methodology_version, unit_count, source, sample, " +
  "created_at, announced_at";

function publicationFromRow(row: Row): PublicationRecord {
  return {
    scopeUnitId: num(row, "scope_unit_id"),
    year: num(row, "year"),
    publishedOn: text(row, "published_on"),
    methodologyId: text(row, "methodology_id"),
    methodologyVersion: text(row, "methodology_version"),
    unitCount: num(row, "unit_count"),
    source: text(row, "source"),
    sample: flag(row, "sample"),
    createdAt: text(row, "created_at"),
    announcedAt: textOrNull(row, "announced_at"),
  };
}

export function publicationsRepo(sql: Sql): PublicationsRepo {
  return {
    async get(scopeUnitId, year) {
      const result = await sql.execute({
        sql: `SELECT ${COLUMNS} FROM publications WHERE scope_unit_id = ? AND year = ?`,
        args: [scopeUnitId, year],
      });
      const row = result.rows[0];
      return row === undefined ? null : publicationFromRow(row);
    },

    async unannounced() {
      const result = await sql.execute(
        `SELECT ${COLUMNS} FROM publications WHERE announced_at IS NULL ORDER BY published_on, scope_unit_id, year`,
      );
      return result.rows.map(publicationFromRow);
    },

    async record(input, ctx) {
      await sql.batch([
        {
          sql: `INSERT INTO publications (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
          args: [
            input.scopeUnitId,
            input.year,
            input.publishedOn,
            input.methodologyId,
            input.methodologyVersion,
            input.unitCount,
            input.source,
            input.sample ? 1 : 0,
            isoInstant(ctx.now),
          ],
        },
        auditStatement(
          {
            action: "publication.create",
            entity: "scope",
            entityId: String(input.scopeUnitId),
            details: { year: input.year, publishedOn: input.publishedOn, units: input.unitCount },
            unitId: input.scopeUnitId,
          },
          ctx,
        ),
      ]);
    },

    async markAnnounced(scopeUnitId, year, ctx) {
      const [stamped] = await sql.batch([
        {
          sql:
            "UPDATE publications SET announced_at = ? " +
            "WHERE scope_unit_id = ? AND year = ? AND announced_at IS NULL",
          args: [isoInstant(ctx.now), scopeUnitId, year],
        },
        auditIfChangedStatement(
          {
            action: "publication.announce",
            entity: "scope",
            entityId: String(scopeUnitId),
            details: { year },
            unitId: scopeUnitId,
          },
          ctx,
        ),
      ]);
      return (stamped?.rowsAffected ?? 0) > 0;
    },
  };
}
