/**
 * Numbers typed by people in Vietnamese spreadsheets: "87.5" and "87,5" are both 87.5. A figure that
 * carries both separators ("1.234,5") or the same one twice could be a thousands grouping and is refused
 * rather than guessed; scores never need thousands.
 */
export type DecimalResult = { ok: true; value: number } | { ok: false; reason: string };

const DECIMAL = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/;

export function parseDecimal(text: string): DecimalResult {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, reason: "ô trống" };
  if (/\d[.,]\d+[.,]/.test(trimmed)) {
    return { ok: false, reason: `"${trimmed}" có nhiều dấu phân cách, không rõ phần thập phân` };
  }
  if (!DECIMAL.test(trimmed)) return { ok: false, reason: `"${trimmed}" không phải là số` };
  return { ok: true, value: Number(trimmed.replace(",", ".")) };
}
