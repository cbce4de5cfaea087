import type { Row } from "@libsql/client";
import type { UnitLevel } from "../domain/unit.ts";
import { auditStatement } from "./audit.ts";
import { StoreError } from "./errors.ts";
import { sha256Hex } from "./hash.ts";
import { narrow, num, text } from "./rows.ts";
import { isoInstant, type Sql, type WriteContext } from "./sql.ts";
import { UNIT_LEVELS } from "./units.ts";

export interface MethodologyInput {
  id: string;
  version: string;
  title: string;
  level: UnitLevel;
  provinceCode: string;
  yearFrom: number;
  yearTo: number;
  /** The scoring core's JSON, as text: stored verbatim so its checksum means something. */
  body: string;
  source: string;
}

export interface MethodologyRecord extends MethodologyInput {
  checksum: string;
  createdAt: string;
}

export interface MethodologiesRepo {
  /**
   * Stores a methodology version. The same id + version with the same JSON is "unchanged"; with a
   * different JSON it is refused (METHODOLOGY_VERSION_CHANGED): published results depend on it.
   */
  put(input: MethodologyInput, ctx: WriteContext): Promise<"inserted" | "unchanged">;
  get(id: string, version: string): Promise<MethodologyRecord | null>;
  /** Versions applicable to a province, level and assessed year, newest first. */
  applicable(filter: { provinceCode: string; level: UnitLevel; year: number }): Promise<MethodologyRecord[]>;
  list(): Promise<MethodologyRecord[]>;
}

const COLUMNS =
  "id, version, title, level, province_code, year_from, year_to, body, checksum, source, created_at";

function methodologyFromRow(row: Row): MethodologyRecord {
  return {
    id: text(row, "id"),
    version: text(row, "version"),
    title: text(row, "title"),
    level: narrow(row, "level", UNIT_LEVELS),
    provinceCode: text(row, "province_code"),
    yearFrom: num(row, "year_from"),
    yearTo: num(row, "year_to"),
    body: text(row, "body"),
    checksum: text(row, "checksum"),
    source: text(row, "source"),
    createdAt: text(row, "created_at"),
  };
}

export function methodologiesRepo(sql: Sql): MethodologiesRepo {
  const get = async (id: string, version: string) => {
    const result = await sql.execute({
      sql: `SELECT ${COLUMNS} FROM methodologies WHERE id = ? AND version = ?`,
      args: [id, version],
    });
    const row = result.rows[0];
    return row === undefined ? null : methodologyFromRow(row);
  };

  return {
    get,

    async put(input, ctx) {
      const checksum = await sha256Hex(input.body);
      const existing = await get(input.id, input.version);
      if (existing !== null) {
        if (existing.checksum === checksum) return "unchanged";
        throw new StoreError(
          "METHODOLOGY_VERSION_CHANGED",
          `Phương pháp ${input.id} phiên bản ${input.version} đã có với nội dung khác; hãy đặt phiên bản mới.`,
          { id: input.id, version: input.version, stored: existing.checksum, given: checksum },
        );
      }
      await sql.batch([
        {
          sql: `INSERT INTO methodologies (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          args: [
            input.id,
            input.version,
            input.title,
            input.level,
            input.provinceCode,
            input.yearFrom,
            input.yearTo,
            input.body,
            checksum,
            input.source,
            isoInstant(ctx.now),
          ],
        },
        auditStatement(
          { action: "methodology.create", entity: "methodology", entityId: `${input.id}@${input.version}` },
          ctx,
        ),
      ]);
      return "inserted";
    },

    async applicable({ provinceCode, level, year }) {
      const result = await sql.execute({
        sql:
          `SELECT ${COLUMNS} FROM methodologies WHERE province_code = ? AND level = ? ` +
          "AND year_from <= ? AND year_to >= ? ORDER BY created_at DESC, version DESC",
        args: [provinceCode, level, year, year],
      });
      return result.rows.map(methodologyFromRow);
    },

    async list() {
      const result = await sql.execute(`SELECT ${COLUMNS} FROM methodologies ORDER BY id, version`);
      return result.rows.map(methodologyFromRow);
    },
  };
}
