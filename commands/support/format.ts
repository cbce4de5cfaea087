/** Vietnamese wording shared by the commands: points, changes, scopes, bars, sources. */
import type { UnitKind } from "../../src/domain/unit.ts";
import { formatIsoDate, formatNumber, formatScore, formatSigned } from "../../src/format/vi.ts";

/** Shown on every reply that contains constructed figures. */
export const SAMPLE_NOTE = "⚠️ Có dữ liệu minh họa: một phần số liệu được dựng để khớp các số đã công bố.";

/** "87,032/100 điểm": the total as published, with every decimal the source gave. */
export function pointsOutOf(total: number, max: number): string {
  return `${formatScore(total)}/${maxPoints(max)} điểm`;
}

/**
 * A field's or criterion's share of its maximum with one decimal, as the methodologies print them
 * (display.componentPctDecimals is 1 in every built-in one): 52.625 → "52,6%", 100 → "100%".
 */
export function componentPercent(pct: number): string {
  return `${formatNumber(pct, 1, { trimZeros: true })}%`;
}

/** A maximum as the methodology states it: 24 → "24", 18.5 → "18,5". */
export function maxPoints(value: number): string {
  return formatNumber(value, 2, { trimZeros: true });
}

/** Points with the decimals they carry, at least two: 7.58 → "7,58", 10 → "10,00". */
export function points(value: number): string {
  return formatScore(Number(value.toFixed(6)));
}

/** "↑12 bậc, +3,12 điểm", "↓2 bậc, -1,50 điểm", "giữ nguyên thứ hạng, +0,40 điểm"; null when unknown. */
export function changeText(rankChange: number | null, pointsChange: number | null): string | null {
  const parts: string[] = [];
  if (rankChange !== null) {
    if (rankChange > 0) parts.push(`↑${rankChange} bậc`);
    else if (rankChange < 0) parts.push(`↓${-rankChange} bậc`);
    else parts.push("giữ nguyên thứ hạng");
  }
  if (pointsChange !== null) {
    const rounded = Number(pointsChange.toFixed(6));
    parts.push(`${formatSigned(rounded, Math.max(2, decimalsCarried(rounded)))} điểm`);
  }
  return parts.length === 0 ? null : parts.join(", ");
}

function decimalsCarried(value: number): number {
  const text = String(value);
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : Math.min(6, text.length - dot - 1);
}

/** A unit's name with its kind in lower case, for the middle of a sentence: "huyện Bình Giang". */
export function inSentence(name: string, kind: UnitKind): string {
  return name.toLowerCase().startsWith(kind) ? kind + name.slice(kind.length) : name;
}

const COMMUNE_KINDS: readonly UnitKind[] = ["xã", "phường", "thị trấn", "đặc khu"];
const DISTRICT_KINDS: readonly UnitKind[] = ["huyện", "quận", "thị xã", "thành phố"];

/** "xã, thị trấn": the kinds present among a ranking's units, in the order reports list them. */
export function kindsPhrase(kinds: Iterable<UnitKind>): string {
  const present = new Set(kinds);
  const listed = [...COMMUNE_KINDS, ...DISTRICT_KINDS].filter((kind) => present.has(kind));
  return listed.length === 0 ? "đơn vị" : listed.join(", ");
}

/** A group label as a line: bands named "Nhóm …" stand alone, others read "Xếp loại: Khá". */
export function groupLine(label: string): string {
  return /^nhóm\b/iu.test(label) ? label : `Xếp loại: ${label}`;
}

const CELLS = 10;

/** A text bar of ten cells, one per 10%: 62% → "▰▰▰▰▰▰▱▱▱▱". */
export function bar(pct: number): string {
  const filled = Math.max(0, Math.min(CELLS, Math.round(pct / (100 / CELLS))));
  return "▰".repeat(filled) + "▱".repeat(CELLS - filled);
}

/** "Nguồn: <source>; công bố 11/03/2023." */
export function sourceLine(source: string, publishedOn?: string | null): string {
  const date = publishedOn ? `; công bố ${formatIsoDate(publishedOn)}` : "";
  return `Nguồn: ${source}${date}.`;
}

/** What the user typed, shown back safely short: decorations dropped, at most 40 characters. */
export function quoted(text: string): string {
  const clean = text
    .replace(/\p{Cc}|\p{Default_Ignorable_Code_Point}/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  const chars = [...clean];
  return `“${chars.length > 40 ? `${chars.slice(0, 40).join("")}…` : clean}”`;
}
