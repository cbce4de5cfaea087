/**
 * `import units`: units the national register lacks or gets wrong, with their history. Columns
 * code,name,kind,parent_code,valid_from,valid_to and optional predecessor_codes (";"-separated codes
 * of the units it replaced on valid_from). A row is the unit version (level, code, valid_from): the
 * same version again is updated in place, a new one may not overlap another unit holding that code.
 */
import { existsDuring, type UnitKind, type UnitLevel, type UnitRecord } from "../../domain/unit.ts";
import type { DateWindow } from "../../store/index.ts";
import { addDays, parseDate, showDate } from "../dates.ts";
import * as read from "../fields.ts";
import { refuseIfAny } from "../problems.ts";
import { eachRecord, type ImportRecord, openWithColumns, placeWord } from "../records.ts";
import { levelName, resolveCode, validity } from "../unit-codes.ts";
import { changeCount, type KindImporter } from "./kind.ts";

const REQUIRED = ["code", "name", "kind", "parent_code", "valid_from", "valid_to"] as const;

const LEVEL_OF_KIND: Record<UnitKind, UnitLevel> = {
  tỉnh: "province",
  "thành phố trung ương": "province",
  huyện: "district",
  quận: "district",
  "thị xã": "district",
  "thành phố": "district",
  xã: "commune",
  phường: "commune",
  "thị trấn": "commune",
  "đặc khu": "commune",
};

const PARENT_LEVELS: Record<UnitLevel, readonly UnitLevel[]> = {
  province: [],
  district: ["province"],
  commune: ["district", "province"],
};

interface UnitRow {
  record: ImportRecord;
  code: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  predecessors: string[];
}

const OPEN: DateWindow = { from: "0000-01-01", to: "9999-12-31" };
const windowOf = (r: { validFrom: string | null; validTo: string | null }): DateWindow => ({
  from: r.validFrom ?? OPEN.from,
  to: r.validTo ?? OPEN.to,
});

function parseRow(record: ImportRecord, fail: (reason: string) => void): UnitRow | null {
  const v = record.values;
  const code = read.requiredText(v.code ?? "", "mã (code)");
  const name = read.requiredText(v.name ?? "", "tên (name)");
  const kindText = (v.kind ?? "").trim().toLowerCase();
  const kind = Object.hasOwn(LEVEL_OF_KIND, kindText) ? (kindText as UnitKind) : null;
  const dates = (["valid_from", "valid_to"] as const).map((column) => {
    const text = (v[column] ?? "").trim();
    if (text === "") return null;
    const date = parseDate(text);
    if (date === null) fail(`${column} "${text}" không phải ngày hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)`);
    return date;
  });
  const [validFrom = null, validTo = null] = dates;
  if (!code.ok) fail(code.reason);
  else if (/\s/.test(code.value)) fail(`mã "${code.value}" không được chứa khoảng trắng`);
  if (!name.ok) fail(name.reason);
  if (kind === null)
    fail(`loại đơn vị "${v.kind ?? ""}" không hợp lệ (${Object.keys(LEVEL_OF_KIND).join(", ")})`);
  if (validFrom !== null && validTo !== null && validFrom > validTo) {
    fail(`valid_from ${showDate(validFrom)} sau valid_to ${showDate(validTo)}`);
  }
  if (!code.ok || !name.ok || kind === null || /\s/.test(code.value)) return null;
  const predecessors = (v.predecessor_codes ?? "")
    .split(";")
    .map((c) => c.trim())
    .filter((c) => c !== "");
  if (predecessors.length > 0 && validFrom === null) {
    fail("có đơn vị tiền thân (predecessor_codes) thì phải có ngày bắt đầu hiệu lực (valid_from)");
  }
  return {
    record,
    code: code.value,
    name: name.value,
    kind,
    level: LEVEL_OF_KIND[kind],
    parentCode: read.optionalText(v.parent_code),
    validFrom,
    validTo,
    predecessors,
  };
}

export const importUnits: KindImporter = async ({ repos, input, options, ctx, problems }) => {
  const reader = await openWithColumns(input, problems, REQUIRED);

  const index = new Map(await repos.unitAdmin.codeIndex());
  const units = changeCount("đơn vị");
  const lineage = changeCount("quan hệ kế thừa");
  const parsed: UnitRow[] = [];
  const seen = new Map<string, number>();
  let rows = 0;
  for await (const record of eachRecord(reader)) {
    if (problems.full) break;
    rows += 1;
    const fail = (reason: string, code: Parameters<typeof problems.add>[1] = "BAD_VALUE") =>
      problems.add(record.line, code, `${record.where}: ${reason}`);
    const row = parseRow(record, (reason) => fail(reason));
    if (row === null) continue;
    const version = `${row.level}|${row.code}|${row.validFrom ?? ""}`;
    const earlier = seen.get(version);
    if (earlier !== undefined) {
      fail(
        `đơn vị mã ${row.code} (${levelName(row.level)}, cùng ngày bắt đầu) đã có ở ${placeWord(input.format)} ${earlier}`,
        "DUPLICATE_ROW",
      );
      continue;
    }
    seen.set(version, record.line);
    parsed.push(row);

    let parentId: number | null = null;
    if (row.parentCode !== null) {
      const at = row.validFrom ?? row.validTo ?? OPEN.to;
      const candidates = PARENT_LEVELS[row.level].map((level) =>
        resolveCode(index, row.parentCode ?? "", { from: at, to: at }, `vào ngày ${showDate(at)}`, level),
      );
      const found = candidates.find((c) => c.ok);
      if (found?.ok) parentId = found.unit.id;
      else {
        const why = candidates[0]?.ok === false ? candidates[0].reason : "không có cấp trên hợp lệ";
        fail(
          row.level === "province" ? "đơn vị cấp tỉnh không có đơn vị cấp trên" : `đơn vị cấp trên: ${why}`,
          "UNKNOWN_PARENT",
        );
        continue;
      }
    } else if (row.level !== "province") {
      fail(`thiếu mã đơn vị cấp trên (parent_code) của đơn vị ${levelName(row.level)}`, "UNKNOWN_PARENT");
      continue;
    }

    const existing = await repos.unitAdmin.findVersion(row.level, row.code, row.validFrom);
    const clash = (index.get(row.code) ?? []).find(
      (u) => u.id !== existing?.id && u.level === row.level && existsDuring(u, windowOf(row)),
    );
    if (clash !== undefined) {
      fail(
        `mã ${row.code} đã là của ${clash.name} (${validity(clash)}) trong khoảng thời gian chồng lấn`,
        "CODE_OVERLAP",
      );
      continue;
    }
    if (problems.count > 0) continue;
    const fields = { name: row.name, kind: row.kind, parentId, validTo: row.validTo, source: options.source };
    let unit: UnitRecord;
    if (existing !== null) {
      units[
        (await repos.unitAdmin.update(existing.id, fields, ctx)) === "updated" ? "updated" : "unchanged"
      ] += 1;
      unit = { ...existing, ...fields };
    } else {
      const id = await repos.units.insert(
        {
          key: null,
          code: row.code,
          level: row.level,
          validFrom: row.validFrom,
          legalBasis: null,
          sample: false,
          ...fields,
        },
        ctx,
      );
      units.inserted += 1;
      unit = { id, code: row.code, level: row.level, validFrom: row.validFrom, ...fields };
    }
    index.set(row.code, [...(index.get(row.code) ?? []).filter((u) => u.id !== unit.id), unit]);
  }

  // Predecessors after every unit of the file exists, so a file may list a merge's parts in any order.
  const successorsOf = new Map<string, number>();
  for (const row of parsed)
    for (const code of row.predecessors) successorsOf.set(code, (successorsOf.get(code) ?? 0) + 1);
  for (const row of parsed) {
    if (problems.full || row.predecessors.length === 0 || row.validFrom === null) continue;
    const validFrom = row.validFrom;
    const successor = resolveCode(index, row.code, { from: validFrom, to: validFrom }, "", row.level);
    const dayBefore = addDays(validFrom, -1);
    for (const code of row.predecessors) {
      const found = resolveCode(
        index,
        code,
        { from: dayBefore, to: dayBefore },
        `vào ngày ${showDate(dayBefore)}`,
      );
      if (!found.ok || !successor.ok) {
        const why = found.ok ? "đơn vị kế thừa không xác định" : found.reason;
        problems.add(
          row.record.line,
          found.ok ? "UNKNOWN_UNIT" : found.code,
          `${row.record.where}: đơn vị tiền thân: ${why}`,
        );
        continue;
      }
      if (problems.count > 0) continue;
      const links = await repos.units.successors(found.unit.id);
      if (links.some((l) => l.unit.id === successor.unit.id && l.effectiveDate === validFrom)) {
        lineage.unchanged += 1;
        continue;
      }
      await repos.units.addLineage(
        {
          predecessorId: found.unit.id,
          successorId: successor.unit.id,
          kind: (successorsOf.get(code) ?? 0) > 1 ? "partial" : "full",
          effectiveDate: validFrom,
          legalBasis: null,
          source: options.source,
        },
        ctx,
      );
      lineage.inserted += 1;
    }
  }
  refuseIfAny(problems);
  return { rows, changes: [units, lineage] };
};
