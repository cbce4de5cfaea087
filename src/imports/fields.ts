/** Cell readers shared by the import kinds: each returns the value or a Vietnamese reason. */
import { parseDecimal } from "../csv/index.ts";

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const no = <T>(reason: string): Read<T> => ({ ok: false, reason });

export function requiredText(text: string, column: string): Read<string> {
  return text.trim() === "" ? no(`thiếu ${column}`) : ok(text.trim());
}

export function optionalText(text: string | undefined): string | null {
  const trimmed = (text ?? "").trim();
  return trimmed === "" ? null : trimmed;
}

/** A non-negative whole number written without grouping ("1035", not "1.035"). */
export function count(text: string, column: string): Read<number> {
  const trimmed = text.trim();
  if (trimmed === "") return no(`thiếu ${column}`);
  if (!/^\d+$/.test(trimmed)) return no(`${column} "${trimmed}" phải là số nguyên không âm`);
  return ok(Number(trimmed));
}

export function year(text: string): Read<number> {
  const trimmed = text.trim();
  if (!/^\d{4}$/.test(trimmed)) return no(`năm "${trimmed}" không hợp lệ`);
  const value = Number(trimmed);
  return value < 1990 || value > 2100 ? no(`năm ${value} nằm ngoài 1990–2100`) : ok(value);
}

export function decimal(text: string, column: string): Read<number> {
  const parsed = parseDecimal(text);
  return parsed.ok ? ok(parsed.value) : no(`${column}: ${parsed.reason}`);
}

export function optionalDecimal(text: string | undefined, column: string): Read<number | null> {
  if ((text ?? "").trim() === "") return ok(null);
  return decimal(text ?? "", column);
}
