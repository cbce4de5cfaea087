/** A ranking scope as the reports word it: "16 xã, thị trấn huyện Bình Giang". */
import type { UnitKind } from "../../src/domain/unit.ts";
import type { Resolver } from "../../src/resolve/index.ts";
import type { PublishedResult } from "../../src/store/index.ts";
import type { CommandDeps } from "../types.ts";
import { inSentence, kindsPhrase } from "./format.ts";

export interface Ranking {
  /** Best rank first, as published. */
  entries: PublishedResult[];
  /** "huyện Bình Giang"; the unit id when the register lacks it. */
  scopeName: string;
  /** "xã, thị trấn huyện Bình Giang". */
  peersPhrase: string;
}

export async function rankingOf(
  deps: CommandDeps,
  resolver: Resolver,
  scopeUnitId: number,
  year: number,
): Promise<Ranking> {
  const entries = await deps.store.published.byScope(scopeUnitId, year);
  const scope = resolver.byId(scopeUnitId)?.unit;
  const scopeName = scope ? inSentence(scope.name, scope.kind) : `đơn vị #${scopeUnitId}`;
  const kinds: UnitKind[] = [];
  for (const entry of entries) {
    const kind = resolver.byId(entry.unitId)?.unit.kind;
    if (kind) kinds.push(kind);
  }
  return { entries, scopeName, peersPhrase: `${kindsPhrase(kinds)} ${scopeName}` };
}
