/**
 * An administrative unit as every layer above the store sees it. A GSO code is not an identity:
 * codes were reused after the July 2025 reform, so `id` (a surrogate) is the identity and `code` is
 * unique only within a validity window.
 */
export type UnitKind =
  | "tỉnh"
  | "thành phố trung ương"
  | "thành phố"
  | "huyện"
  | "quận"
  | "thị xã"
  | "xã"
  | "phường"
  | "thị trấn"
  | "đặc khu";

export type UnitLevel = "province" | "district" | "commune";

export interface UnitRecord {
  id: number;
  code: string;
  /** Full official name with its prefix, e.g. "Xã Tân Hồng", "Huyện Bình Giang", "Tỉnh Hải Dương". */
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  parentId: number | null;
  /** Inclusive ISO dates; null = open. */
  validFrom: string | null;
  validTo: string | null;
  source: string;
}

/** Whether a unit existed at some time within a window of inclusive ISO dates (null bounds are open). */
export function existsDuring(
  unit: Pick<UnitRecord, "validFrom" | "validTo">,
  window: { from: string; to: string },
): boolean {
  return (
    (unit.validFrom === null || unit.validFrom <= window.to) &&
    (unit.validTo === null || unit.validTo >= window.from)
  );
}

/**
 * What the name resolver needs of one unit: the unit, its ancestors' names (nearest first) and, for a
 * former unit, the names of its successors ("nay thuộc Xã Đường An").
 */
export interface ResolvableUnit extends UnitRecord {
  /** Ancestors nearest first: [district, province] for a pre-reform commune, [province] after it. */
  ancestors: { id: number; name: string; kind: UnitKind; code: string }[];
  successors: { id: number; name: string; code: string; kind: "full" | "partial" }[];
}
