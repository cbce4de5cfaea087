/**
 * A commune's rank in its whole province, shown only where the province's whole set is published:
 * every commune of the province has a result for the year under one methodology. A rank over part of
 * a province (the demo's four districts of Hải Dương) would look official and be wrong.
 */
import { rankValues, type TieRule } from "../../src/core/index.ts";
import type { Resolver } from "../../src/resolve/index.ts";
import type { PublishedCardResult } from "../../src/store/index.ts";
import type { CommandDeps } from "../types.ts";
import { scopeNamesOf } from "./scope.ts";
import type { PickedUnit } from "./unit-arg.ts";

export interface ProvinceRank {
  rank: number;
  count: number;
  /** "xã, phường, thị trấn tỉnh Hải Dương". */
  peersPhrase: string;
  /** Some commune's result in the province is sample. */
  sample: boolean;
}

export async function provinceRankOf(
  deps: CommandDeps,
  resolver: Resolver,
  unit: PickedUnit,
  published: PublishedCardResult,
  ties: TieRule,
): Promise<ProvinceRank | null> {
  const provinceId = unit.ancestorIds.at(-1);
  if (unit.level !== "commune" || provinceId === undefined) return null;
  // A province that ranks its communes itself already gave this rank as the scope rank.
  if (published.scopeUnitId === provinceId) return null;
  const set = await deps.store.publishedPeers.wholeProvince(provinceId, published.year);
  if (set === null || set.methodologyId !== published.methodologyId) return null;
  const others = set.entries.filter((e) => e.unitId !== unit.id);
  if (others.length === set.entries.length) return null;
  const rank = rankValues([published.pct, ...others.map((e) => e.pct)], ties)[0] as number;
  const names = scopeNamesOf(
    resolver,
    provinceId,
    set.entries.map((e) => e.unitId),
  );
  return {
    rank,
    count: set.entries.length,
    peersPhrase: names.peersPhrase,
    sample: set.entries.some((e) => e.sample),
  };
}
