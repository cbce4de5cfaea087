/** A ranking scope as the reports word it: "16 xã, thị trấn huyện Bình Giang". */
import type { UnitKind } from "../../src/domain/unit.ts";
import type { Resolver } from "../../src/resolve/index.ts";
import type { PublishedRankingEntry } from "../../src/store/index.ts";
import type { CommandDeps } from "../types.ts";
import { inSentence, kindsPhrase } from "./format.ts";

export interface ScopeNames {
  /** "huyện Bình Giang"; the unit id when the register lacks it. */
  scopeName: string;
  /** "xã, thị trấn huyện Bình Giang". */
  peersPhrase: string;
}

export interface Ranking extends ScopeNames {
  /** Best rank first, as published (without the per-criterion detail). */
  entries: PublishedRankingEntry[];
}

/** How a scope and the units ranked in it (by id, in any order) are named. */
export function scopeNamesOf(
  resolver: Resolver,
  scopeUnitId: number,
  peerUnitIds: readonly number[],
): ScopeNames {
  const scope = resolver.byId(scopeUnitId)?.unit;
  const scopeName = scope ? inSentence(scope.name, scope.kind) : `đơn vị #${scopeUnitId}`;
  const kinds: UnitKind[] = [];
  for (const id of peerUnitIds) {
    const kind = resolver.byId(id)?.unit.kind;
    if (kind) kinds.push(kind);
  }
  return { scopeName, peersPhrase: `${kindsPhrase(kinds)} ${scopeName}` };
}

/** The scope's published ranking for a year, to show as a table. */
export async function rankingOf(
  deps: CommandDeps,
  resolver: Resolver,
  scopeUnitId: number,
  year: number,
): Promise<Ranking> {
  const entries = await deps.store.published.ranking(scopeUnitId, year);
  return {
    entries,
    ...scopeNamesOf(
      resolver,
      scopeUnitId,
      entries.map((entry) => entry.unitId),
    ),
  };
}
