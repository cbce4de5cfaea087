import { GSO_DISTRICTS_BY_OLD_PROVINCE } from "./gso-district-codes.ts";
import { asciiSlug } from "./names.ts";

const gsoByProvinceAndName = new Map<string, string>();
for (const [provinceCode, list] of Object.entries(GSO_DISTRICTS_BY_OLD_PROVINCE)) {
  for (const entry of list.split("|")) {
    const space = entry.indexOf(" ");
    gsoByProvinceAndName.set(`${provinceCode}|${entry.slice(space + 1)}`, entry.slice(0, space));
  }
}

export interface DistrictCode {
  code: string;
  /** True when GSO gives the code; false when it is derived from the name. */
  gso: boolean;
}

/**
 * The code a pre-reform district is addressed by. A derived code is the old province code and the ASCII
 * slug of the full name ("24-thi-xa-chu"): stable as long as the name is, readable on a command line, and
 * never equal to a 3-digit GSO code.
 */
export function derivedDistrictCode(oldProvinceCode: string, districtName: string): string {
  return `${oldProvinceCode}-${asciiSlug(districtName)}`;
}

export function districtCode(oldProvinceCode: string, districtName: string): DistrictCode {
  const gso = gsoByProvinceAndName.get(`${oldProvinceCode}|${districtName}`);
  return gso === undefined
    ? { code: derivedDistrictCode(oldProvinceCode, districtName), gso: false }
    : { code: gso, gso: true };
}

/** "old:district:30-296" for a GSO code, "old:district:24-thi-xa-chu" for a derived one. */
export function oldDistrictKey(oldProvinceCode: string, code: DistrictCode): string {
  return code.gso ? `old:district:${oldProvinceCode}-${code.code}` : `old:district:${code.code}`;
}
