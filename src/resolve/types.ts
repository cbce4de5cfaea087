import type { ResolvableUnit, UnitLevel } from "../domain/unit.ts";

export interface ResolveOptions {
  /** Prefer units that existed in this calendar year; default: the current register. */
  year?: number;
  /** The asker's own area: its units are listed first in a choice. */
  near?: { provinceIds?: readonly number[]; districtIds?: readonly number[] };
  /** Only units of these levels (e.g. `["commune"]` for a score card). Default: all. */
  levels?: readonly UnitLevel[];
  /** Most options or suggestions returned. Default 8. */
  limit?: number;
}

/** One unit found for a text, ready to show. */
export interface Match {
  unit: ResolvableUnit;
  /** "Xã Tân Hồng, Huyện Bình Giang, Tỉnh Hải Dương". */
  path: string;
  /** "đến 30/06/2025", "từ 01/07/2025", or "" when open on both ends. */
  validity: string;
  /** Edits between the typed name and the unit's name (0 = exact). */
  distance: number;
  /** Higher is better; comparable within one result only. */
  score: number;
}

/** A unit that no longer exists in the current register, and what replaced it. */
export interface FormerUnit {
  successors: ResolvableUnit["successors"];
  /** The unit did not exist in the asked year (or today, when no year was asked): it was the only match. */
  outsideAskedYear: boolean;
}

export type InvalidReason = "empty" | "too_long";

export type ResolveResult =
  | {
      kind: "unit";
      unit: ResolvableUnit;
      match: Match;
      former?: FormerUnit;
      /** "Xã Tân Hồng (cũ), nay thuộc Xã Đường An" for a former unit. */
      note?: string;
    }
  | {
      kind: "choice";
      /** The asker's district, then province, then best score; at most `limit`. */
      options: Match[];
      /** How many units matched before `limit` cut the list. */
      total: number;
    }
  | { kind: "none"; suggestions: Match[] }
  | { kind: "invalid"; reason: InvalidReason; message: string };

export interface Resolver {
  resolve(text: string, options?: ResolveOptions): ResolveResult;
  /** The unit with this surrogate id (e.g. from a choice's command), if any. */
  byId(id: number): Match | undefined;
  /** Units with this GSO code, those valid in `year` (or now) first; codes were reused in 2025. */
  byCode(code: string, options?: Pick<ResolveOptions, "year">): Match[];
  readonly size: number;
}
