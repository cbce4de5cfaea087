/** Typed reads of libSQL rows: a column of an unexpected type is a bug, reported with its name. */
import type { Row, Value } from "@libsql/client";
import { StoreError } from "./errors.ts";

function value(row: Row, column: string): Value {
  const v = row[column];
  if (v === undefined) {
    throw new StoreError("ROW_SHAPE", `Thiếu cột "${column}" trong kết quả truy vấn.`, { column });
  }
  return v;
}

function wrongType(column: string, expected: string, got: Value): StoreError {
  return new StoreError("ROW_SHAPE", `Cột "${column}" phải là ${expected}.`, {
    column,
    expected,
    got: typeof got,
  });
}

export function text(row: Row, column: string): string {
  const v = value(row, column);
  if (typeof v !== "string") throw wrongType(column, "chuỗi", v);
  return v;
}

export function textOrNull(row: Row, column: string): string | null {
  const v = value(row, column);
  if (v === null) return null;
  if (typeof v !== "string") throw wrongType(column, "chuỗi hoặc NULL", v);
  return v;
}

export function num(row: Row, column: string): number {
  const v = value(row, column);
  if (typeof v === "bigint") return Number(v);
  if (typeof v !== "number") throw wrongType(column, "số", v);
  return v;
}

export function numOrNull(row: Row, column: string): number | null {
  const v = value(row, column);
  if (v === null) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v !== "number") throw wrongType(column, "số hoặc NULL", v);
  return v;
}

export function flag(row: Row, column: string): boolean {
  return num(row, column) !== 0;
}

/** A JSON column, parsed; the migrations' json_valid checks make a parse error a corrupted database. */
export function json(row: Row, column: string): unknown {
  return JSON.parse(text(row, column));
}

export function narrow<T extends string>(row: Row, column: string, allowed: readonly T[]): T {
  const v = text(row, column);
  if (!(allowed as readonly string[]).includes(v)) throw wrongType(column, allowed.join(" | "), v);
  return v as T;
}

/**
 * For a hot query: its integer and text columns packed into one JSON array column
 * (`json_array(a, b, …) AS packed`), read back with `unpacked` as if they were columns. The libSQL
 * client spends a few microseconds on every column of every row it hands back (more than the query
 * itself on a short one); parsing one short JSON text costs next to nothing. Never for REAL columns:
 * SQLite writes a real into JSON with 15 significant digits, which does not give the same number back.
 */
export function packedColumns(columns: readonly string[]): string {
  return `json_array(${columns.join(", ")}) AS packed`;
}

/** The packed columns of `row` by name, readable with `text`, `num` and the others. */
export function unpacked(row: Row, columns: readonly string[]): Row {
  const values: unknown = JSON.parse(text(row, "packed"));
  if (!Array.isArray(values) || values.length !== columns.length) {
    throw new StoreError("ROW_SHAPE", "Cột gộp trong kết quả truy vấn không đúng dạng.", { columns });
  }
  const fields: Record<string, Value> = {};
  for (const [i, column] of columns.entries()) fields[column] = values[i] as Value;
  return fields as unknown as Row;
}
