/**
 * Whether a file a scoped token sends names only units of its subtree, row by row, before the importer
 * reads it into the store. Codes were reused after the July 2025 reform (Kinh Môn's Phú Thứ and Hải
 * Phòng's Nhị Chiểu share 10714), so a row's code is looked up for the row's own dates, the way the
 * importer resolves it: every unit version of that code valid then must be inside the subtree. A row
 * whose unit does not exist then, or whose dates cannot be read, is left to the importer's own refusal.
 */
import { existsDuring, type UnitRecord } from "../domain/unit.ts";
import { parseDate } from "../imports/dates.ts";
import type { ImportInput, ImportKind } from "../imports/index.ts";
import { ProblemList } from "../imports/problems.ts";
import { type ImportRecord, openRecords } from "../imports/records.ts";
import { type DateWindow, type Store, yearWindow } from "../store/index.ts";

const ALWAYS: DateWindow = { from: "0001-01-01", to: "9999-12-31" };
/** Rows listed in a refusal: enough to see the pattern, as the importer's own MAX_PROBLEMS. */
const MAX_LISTED = 100;

function windowOf(kind: ImportKind, v: Readonly<Record<string, string>>): DateWindow {
  if (kind === "assessments") {
    return /^\d{4}$/u.test(v.year ?? "") ? yearWindow(Number(v.year)) : ALWAYS;
  }
  const [fromColumn, toColumn] =
    kind === "tthc"
      ? ["period_start", "period_end"]
      : kind === "schedule"
        ? ["date", "date"]
        : ["valid_from", "valid_to"];
  return {
    from: parseDate(v[fromColumn] ?? "") ?? ALWAYS.from,
    to: parseDate(v[toColumn] ?? "") ?? ALWAYS.to,
  };
}

/** A row naming a unit outside the token's subtree, in the importer's own problem shape. */
export interface ScopeProblem {
  line: number;
  code: "OUTSIDE_SCOPE";
  /** "Dòng 3: đơn vị mã 10675 (unit_code) không thuộc phạm vi Huyện Gia Lộc (297)." */
  message: string;
}

/** One problem per row naming a unit outside the subtree of `rootId`; empty when none does. */
export async function rowsOutsideSubtree(
  store: Pick<Store, "admin" | "units">,
  rootId: number,
  scopeName: string,
  kind: Exclude<ImportKind, "methodology">,
  input: ImportInput,
): Promise<ScopeProblem[]> {
  const inside = await store.admin.subtreeIds(rootId);
  const versions = new Map<string, UnitRecord[]>();
  const versionsOf = async (code: string) => {
    let found = versions.get(code);
    if (found === undefined) {
      found = await store.units.findByCode(code, ALWAYS);
      versions.set(code, found);
    }
    return found;
  };
  const outside = async (code: string, window: DateWindow) =>
    (await versionsOf(code)).some((u) => existsDuring(u, window) && !inside.has(u.id));

  const problems = new ProblemList();
  const reader = await openRecords(input, problems);
  if (problems.count > 0) return [];
  const lines: ScopeProblem[] = [];
  const refuse = ({ line, where }: ImportRecord, why: string) => {
    if (lines.length < MAX_LISTED) {
      lines.push({
        line,
        code: "OUTSIDE_SCOPE",
        message: `${where}: ${why} không thuộc phạm vi ${scopeName}.`,
      });
    }
  };
  for await (const batch of reader.batches) {
    for (const record of batch) {
      const v = record.values;
      const window = windowOf(kind, v);
      if (kind === "units") {
        const parent = v.parent_code ?? "";
        const code = v.code ?? "";
        if (parent === "") refuse(record, `đơn vị ${code} không có cấp trên (parent_code), tức là cấp tỉnh,`);
        else if (await outside(parent, window)) refuse(record, `cấp trên mã ${parent} (parent_code)`);
        else if (code !== "" && (await outside(code, window))) refuse(record, `đơn vị mã ${code} (code)`);
        continue;
      }
      const column = kind === "schedule" ? "scope_code" : "unit_code";
      const code = v[column] ?? "";
      if (code !== "" && (await outside(code, window))) refuse(record, `đơn vị mã ${code} (${column})`);
    }
  }
  return lines;
}
