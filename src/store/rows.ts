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
