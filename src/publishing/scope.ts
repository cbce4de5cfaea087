/** The scope a publication ranks: a district's communes, or a province's districts, in one year. */
import type { UnitRecord } from "../domain/unit.ts";
import { type StoreRepos, yearWindow } from "../store/index.ts";
import { PublishingError } from "./errors.ts";

/** The district or province that had this code during the year. */
export async function resolveScope(repos: StoreRepos, code: string, year: number): Promise<UnitRecord> {
  const found = await repos.units.findByCode(code, yearWindow(year));
  const scopes = found.filter((u) => u.level !== "commune");
  if (scopes.length === 1) return scopes[0] as UnitRecord;
  if (scopes.length > 1) {
    throw new PublishingError(
      "SCOPE_AMBIGUOUS",
      `Mã ${code} ứng với nhiều đơn vị trong năm ${year}: ${scopes.map((u) => u.name).join(", ")}.`,
    );
  }
  if (found.length > 0) {
    throw new PublishingError(
      "NOT_A_SCOPE",
      `${found[0]?.name} (mã ${code}) là đơn vị cấp xã; phạm vi xếp hạng phải là huyện hoặc tỉnh.`,
    );
  }
  throw new PublishingError(
    "SCOPE_NOT_FOUND",
    `Không có huyện hoặc tỉnh nào mang mã ${code} trong năm ${year}.`,
  );
}

/** The scope's units of the methodology's level that existed at some point of the year. */
export async function scopeMembers(
  repos: StoreRepos,
  scope: UnitRecord,
  year: number,
  level: UnitRecord["level"],
): Promise<UnitRecord[]> {
  return (await repos.units.children(scope.id, yearWindow(year))).filter((u) => u.level === level);
}
