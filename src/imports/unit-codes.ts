/**
 * Resolving a unit code in a file to the unit that had it at the time the row is about: codes were
 * reused after the 2025 reform, so "10972 in 2022" is Xã Tân Hồng and "10972 in 2026" Xã Đường An.
 */
import { existsDuring, type UnitLevel, type UnitRecord } from "../domain/unit.ts";
import type { DateWindow } from "../store/index.ts";
import { showDate } from "./dates.ts";
import type { ImportProblemCode } from "./problems.ts";

export type CodeIndex = ReadonlyMap<string, readonly UnitRecord[]>;

export type Resolved =
  | { ok: true; unit: UnitRecord }
  | { ok: false; code: ImportProblemCode; reason: string };

const LEVEL_NAME: Record<UnitLevel, string> = {
  province: "cấp tỉnh",
  district: "cấp huyện",
  commune: "cấp xã",
};

export function levelName(level: UnitLevel): string {
  return LEVEL_NAME[level];
}

export function validity(u: UnitRecord): string {
  if (u.validFrom === null && u.validTo === null) return "còn hiệu lực";
  if (u.validFrom === null) return `hiệu lực đến ${showDate(u.validTo ?? "")}`;
  if (u.validTo === null) return `hiệu lực từ ${showDate(u.validFrom)}`;
  return `hiệu lực ${showDate(u.validFrom)}–${showDate(u.validTo)}`;
}

export const describeUnit = (u: UnitRecord) => `${u.name} (mã ${u.code})`;

/**
 * The one unit with this code valid at some point of `window` (and of `level`, when given). `when` says
 * the window in words for the message: "trong năm 2026", "vào ngày 03/03/3024".
 */
export function resolveCode(
  index: CodeIndex,
  code: string,
  window: DateWindow,
  when: string,
  level?: UnitLevel,
): Resolved {
  const all = index.get(code) ?? [];
  if (all.length === 0) {
    return { ok: false, code: "UNKNOWN_UNIT", reason: `không có đơn vị nào mang mã ${code}` };
  }
  const ofLevel = level === undefined ? all : all.filter((u) => u.level === level);
  if (ofLevel.length === 0) {
    const found = all.map((u) => `${u.name} (${levelName(u.level)})`).join(", ");
    return {
      ok: false,
      code: "UNIT_WRONG_LEVEL",
      reason: `mã ${code} là ${found}, không phải đơn vị ${levelName(level ?? "commune")}`,
    };
  }
  const valid = ofLevel.filter((u) => existsDuring(u, window));
  if (valid.length === 0) {
    const found = ofLevel.map((u) => `${u.name}, ${validity(u)}`).join("; ");
    return { ok: false, code: "UNIT_NOT_VALID", reason: `mã ${code} (${found}) không có hiệu lực ${when}` };
  }
  if (valid.length > 1) {
    const found = valid.map((u) => `${u.name}, ${validity(u)}`).join("; ");
    return { ok: false, code: "UNIT_AMBIGUOUS", reason: `mã ${code} ứng với nhiều đơn vị ${when}: ${found}` };
  }
  return { ok: true, unit: valid[0] as UnitRecord };
}
