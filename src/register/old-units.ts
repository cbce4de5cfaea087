/**
 * Collects the pre-reform communes, districts and provinces that ward_mappings names, with the new
 * units each one went into. Rows it cannot use are reported, never dropped silently.
 */
import type { UnitKind } from "../domain/unit.ts";
import { districtCode, oldDistrictKey } from "./district-codes.ts";
import { GSO_OLD_PROVINCES } from "./gso-province-codes.ts";
import { communeKind, districtKind, provinceKind } from "./names.ts";
import type { PackageWardMapping } from "./package-data.ts";
import type { SkippedRow } from "./types.ts";

export interface OldProvince {
  code: string;
  name: string;
  kind: UnitKind;
  /** New province codes its communes went into. */
  successors: Set<string>;
}

export interface OldDistrict {
  key: string;
  code: string;
  gsoCode: boolean;
  name: string;
  kind: UnitKind;
  provinceCode: string;
  successors: Set<string>;
}

export interface OldCommune {
  code: string;
  name: string;
  kind: UnitKind;
  districtKey: string;
  /** New commune codes it went into: one for a merge, several for a split. */
  successors: Set<string>;
}

export interface OldUnits {
  provinces: Map<string, OldProvince>;
  districts: Map<string, OldDistrict>;
  communes: Map<string, OldCommune>;
}

const oldProvinceCodeByName = new Map(Object.entries(GSO_OLD_PROVINCES).map(([code, name]) => [name, code]));

/** The new ward code as the wards table spells it; some rows drop the leading zero ("7525"). */
function newWardCode(raw: string, newWardProvince: ReadonlyMap<string, string>): string | null {
  if (newWardProvince.has(raw)) return raw;
  const padded = raw.padStart(5, "0");
  return newWardProvince.has(padded) ? padded : null;
}

function skipReason(m: PackageWardMapping, newWardProvince: ReadonlyMap<string, string>): string | null {
  const target = `→ ${m.new_ward_name} (${m.new_ward_code})`;
  if (m.old_ward_name === null || m.old_ward_name === "") {
    return `không có tên và mã đơn vị cũ ${target}: đơn vị mới không có tiền thân trong gói dữ liệu`;
  }
  const oldName = `${m.old_ward_name}, ${m.old_district_name ?? "?"}, ${m.old_province_name ?? "?"}`;
  if (m.old_ward_code === null || m.old_ward_code === "") {
    return (
      `${oldName} ${target}: không có mã TCTK — đơn vị đã sắp xếp trước 30/06/2025, gói dữ liệu ` +
      "không cho biết thời gian hiệu lực nên không nạp làm đơn vị của sổ đăng ký"
    );
  }
  if (!/^\d{5}$/.test(m.old_ward_code))
    return `${oldName}: mã cũ "${m.old_ward_code}" không đúng dạng 5 chữ số`;
  if (newWardCode(m.new_ward_code, newWardProvince) === null) {
    return `${oldName} ${target}: mã đơn vị mới không có trong bảng wards`;
  }
  if (m.old_province_name === null || !oldProvinceCodeByName.has(m.old_province_name)) {
    return `${oldName}: không nhận ra tỉnh cũ "${m.old_province_name ?? ""}"`;
  }
  if (m.old_district_name === null || districtKind(m.old_district_name) === null) {
    return `${oldName}: không nhận ra loại đơn vị cấp huyện "${m.old_district_name ?? ""}"`;
  }
  if (communeKind(m.old_ward_name) === null) return `${oldName}: không nhận ra loại đơn vị cấp xã`;
  return null;
}

export function collectOldUnits(
  mappings: readonly PackageWardMapping[],
  newWardProvince: ReadonlyMap<string, string>,
  skipped: SkippedRow[],
): OldUnits {
  const units: OldUnits = { provinces: new Map(), districts: new Map(), communes: new Map() };

  mappings.forEach((m, index) => {
    const row = index + 1;
    const reason = skipReason(m, newWardProvince);
    if (reason !== null) {
      skipped.push({ row, reason: `ward_mappings: ${reason}` });
      return;
    }
    // skipReason has checked every field used below.
    const code = m.old_ward_code as string;
    const wardName = m.old_ward_name as string;
    const districtName = m.old_district_name as string;
    const provinceName = m.old_province_name as string;
    const provinceCode = oldProvinceCodeByName.get(provinceName) as string;
    const successor = newWardCode(m.new_ward_code, newWardProvince) as string;
    const successorProvince = newWardProvince.get(successor) as string;
    const dCode = districtCode(provinceCode, districtName);
    const districtKey = oldDistrictKey(provinceCode, dCode);

    const known = units.communes.get(code);
    if (known !== undefined && (known.name !== wardName || known.districtKey !== districtKey)) {
      skipped.push({
        row,
        reason:
          `ward_mappings: mã ${code} đã gặp với tên "${known.name}" nhưng dòng này ghi ` +
          `"${wardName}, ${districtName}" — giữ dòng đầu tiên`,
      });
      return;
    }

    const province = units.provinces.get(provinceCode) ?? {
      code: provinceCode,
      name: provinceName,
      kind: provinceKind(provinceName),
      successors: new Set<string>(),
    };
    province.successors.add(successorProvince);
    units.provinces.set(provinceCode, province);

    const district = units.districts.get(districtKey) ?? {
      key: districtKey,
      code: dCode.code,
      gsoCode: dCode.gso,
      name: districtName,
      kind: districtKind(districtName) as UnitKind,
      provinceCode,
      successors: new Set<string>(),
    };
    district.successors.add(successorProvince);
    units.districts.set(districtKey, district);

    const commune = known ?? {
      code,
      name: wardName,
      kind: communeKind(wardName) as UnitKind,
      districtKey,
      successors: new Set<string>(),
    };
    commune.successors.add(successor);
    units.communes.set(code, commune);
  });

  return units;
}
