/**
 * Applies a lineage supplement (lineage-supplement.ts) to the lineage built from the package. For each
 * old commune the supplement covers, its rows replace the package's: a commune split across several new
 * units gets one 'partial' row per unit (the package's single row becomes one of them, 'partial' too), a
 * merge stays one 'full' row. Successors are matched by new code AND name within the new province, since
 * codes were reused; one the register does not have is reported as skipped, never invented.
 */
import type { LineageSupplement, SupplementEntry, SupplementGroup } from "./lineage-supplement.ts";
import type { LineageRow, RegisterRow, SkippedRow } from "./types.ts";

export interface SupplementResult {
  lineage: LineageRow[];
  /** Supplement entries or successors the register could not place; `row` is the 1-based entry number. */
  skipped: SkippedRow[];
}

const sameName = (a: string, b: string): boolean =>
  a.normalize("NFC").replace(/\s+/g, " ").trim() === b.normalize("NFC").replace(/\s+/g, " ").trim();

function legalBasis(group: SupplementGroup, item: number, items: readonly number[]): string {
  const basis = `Nghị quyết ${group.resolution}, khoản ${item} Điều 1`;
  return items.length > 1 ? `${basis} (đơn vị cũ được chia theo các khoản ${items.join(", ")})` : basis;
}

/** Why the entry's old commune is not the register's unit with that code, or null when it is. */
function predecessorProblem(
  group: SupplementGroup,
  entry: SupplementEntry,
  units: ReadonlyMap<string, RegisterRow>,
): string | null {
  const [code, name, district] = entry;
  const unit = units.get(`old:commune:${code}`);
  if (unit === undefined) return `không có đơn vị cũ mã ${code} trong sổ đăng ký`;
  const parent = unit.parentKey === null ? undefined : units.get(unit.parentKey);
  if (
    !sameName(unit.name, name) ||
    parent === undefined ||
    !sameName(parent.name, district) ||
    parent.parentKey !== `old:province:${group.oldProvinceCode}`
  ) {
    return `mã ${code} trong sổ đăng ký là "${unit.name}, ${parent?.name ?? "?"}", không phải "${name}, ${district}"`;
  }
  return null;
}

export function applyLineageSupplement(
  units: readonly RegisterRow[],
  lineage: readonly LineageRow[],
  supplement: LineageSupplement,
  effectiveDate: string,
): SupplementResult {
  const byKey = new Map(units.map((u) => [u.key, u]));
  const skipped: SkippedRow[] = [];
  const replacements = new Map<string, LineageRow[]>();
  let row = 0;

  for (const group of supplement.groups) {
    for (const entry of group.entries) {
      row += 1;
      const [code, name, district, successors] = entry;
      const label = `${name} (${code}), ${district}, ${group.oldProvince}`;
      const problem = predecessorProblem(group, entry, byKey);
      if (problem !== null) {
        skipped.push({ row, reason: `lineage-supplement: ${label}: ${problem}` });
        continue;
      }
      const predecessorKey = `old:commune:${code}`;
      const items = [...new Set(successors.map(([, , item]) => item))].sort((a, b) => a - b);
      const accepted: { key: string; item: number }[] = [];
      for (const [newCode, newName, item] of successors) {
        const key = `new:commune:${newCode}`;
        const unit = byKey.get(key);
        if (
          unit === undefined ||
          unit.parentKey !== `new:province:${group.newProvinceCode}` ||
          !sameName(unit.name, newName)
        ) {
          const found =
            unit === undefined ? "không có mã này" : `mã này là "${unit.name}" (${unit.parentKey})`;
          skipped.push({
            row,
            reason:
              `lineage-supplement: ${label} → ${newName} (${newCode}, khoản ${item}): đơn vị mới không có ` +
              `trong sổ đăng ký (${found}) — bỏ qua, không tạo đơn vị`,
          });
          continue;
        }
        accepted.push({ key, item });
      }
      if (accepted.length === 0) continue;

      // Package rows the supplement does not name are kept: dropping a link needs more than one source.
      const acceptedKeys = new Set(accepted.map((a) => a.key));
      const kept = lineage.filter(
        (l) => l.predecessorKey === predecessorKey && !acceptedKeys.has(l.successorKey),
      );
      const kind = successors.length + kept.length > 1 ? "partial" : "full";
      const rows: LineageRow[] = [
        ...accepted.map(
          (a): LineageRow => ({
            predecessorKey,
            successorKey: a.key,
            kind,
            effectiveDate,
            legalBasis: legalBasis(group, a.item, items),
            source: supplement.source,
          }),
        ),
        ...kept.map((l): LineageRow => ({ ...l, kind })),
      ].sort((a, b) => a.successorKey.localeCompare(b.successorKey));
      replacements.set(predecessorKey, rows);
    }
  }

  const result: LineageRow[] = [];
  const placed = new Set<string>();
  for (const link of lineage) {
    const replacement = replacements.get(link.predecessorKey);
    if (replacement === undefined) {
      result.push(link);
    } else if (!placed.has(link.predecessorKey)) {
      result.push(...replacement);
      placed.add(link.predecessorKey);
    }
  }
  for (const [key, rows] of replacements) if (!placed.has(key)) result.push(...rows);
  return { lineage: result, skipped };
}
