/**
 * Row count and SHA-256 of every table's content in a fixed order: how tests prove that a refused
 * import or a re-run load left the database exactly as it was, on any backend.
 */
import type { Value } from "@libsql/client";
import { sha256Hex } from "./hash.ts";
import { text } from "./rows.ts";
import type { Sql } from "./sql.ts";

export interface TableChecksum {
  rows: number;
  sha256: string;
}

function encode(value: Value): unknown {
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof ArrayBuffer) return { blob: [...new Uint8Array(value)] };
  return value;
}

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export async function tableChecksums(sql: Sql): Promise<Record<string, TableChecksum>> {
  const tables = await sql.execute(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const checksums: Record<string, TableChecksum> = {};
  for (const row of tables.rows) {
    const table = text(row, "name");
    const columns = await sql.execute({
      sql: "SELECT count(*) AS n FROM pragma_table_info(?)",
      args: [table],
    });
    const width = Number(columns.rows[0]?.[0] ?? 0);
    const order = Array.from({ length: width }, (_, i) => i + 1).join(", ");
    const content = await sql.execute(`SELECT * FROM ${quoted(table)} ORDER BY ${order}`);
    const lines = content.rows.map((r) =>
      JSON.stringify(content.columns.map((_, i) => encode(r[i] ?? null))),
    );
    checksums[table] = { rows: content.rows.length, sha256: await sha256Hex(lines.join("\n")) };
  }
  return checksums;
}
