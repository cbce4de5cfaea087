/**
 * What it takes to climb, from the published snapshot: the core's `climb` over a unit's card and its
 * peers' published totals, and the Vietnamese lines /muctieu, /tieuchi and /diem show of it.
 */
import {
  type ClimbResult,
  type ClimbRules,
  climb,
  type Methodology,
  type NodeFigures,
  parseMethodology,
  type RankGap,
} from "../../src/core/index.ts";
import { fieldsAreKnown } from "../../src/domain/provenance.ts";
import { builtinMethodologies } from "../../src/methodologies/index.ts";
import type { Resolver } from "../../src/resolve/index.ts";
import type { PeerStanding, PublishedCardResult } from "../../src/store/index.ts";
import type { CommandDeps } from "../types.ts";
import { points } from "./format.ts";
import { originsOfResult } from "./provenance.ts";
import { cardOf, fieldsOf } from "./published.ts";

export interface PublishedClimb {
  result: ClimbResult;
  /**
   * The unit's field scores are sample (constructed for the demo): anything resting on them is
   * marked, and no judgement (a cap in the way) may be drawn from them.
   */
  fieldsSample: boolean;
  /**
   * The rank gap rests on published (or derived) totals only: the unit's and every peer's at or above
   * it. A target drawn from sample totals is a verdict about named units, so it is not shown.
   */
  rankGapKnown: boolean;
  /** The band gap rests on a published total and a published band threshold. */
  bandGapKnown: boolean;
  /** Every published result of the scope and year, the unit's own included. */
  peers: PeerStanding[];
  methodology: Methodology;
}

/** The methodology a result was frozen with, as stored (the built-in one of that id and version else). */
/**
 * Parsed methodologies by id and version: a stored version never changes (the store refuses new content
 * under an existing version), so a process reads and parses each once.
 */
const parsed = new Map<string, Methodology>();
const PARSED_MAX = 64;

export async function methodologyOf(
  deps: CommandDeps,
  published: Pick<PublishedCardResult, "methodologyId" | "methodologyVersion">,
): Promise<Methodology | null> {
  const key = `${published.methodologyId}@${published.methodologyVersion}`;
  const known = parsed.get(key);
  if (known !== undefined) return known;
  const stored = await deps.store.methodologies.get(published.methodologyId, published.methodologyVersion);
  if (stored !== null) {
    const methodology = parseMethodology(JSON.parse(stored.body));
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(key, methodology);
    return methodology;
  }
  return (
    builtinMethodologies.find(
      (m) => m.id === published.methodologyId && m.version === published.methodologyVersion,
    ) ?? null
  );
}

/**
 * The climb of a published result among the results published in its scope and year. `criteria`
 * (the leaves of the full detail) are where points are looked for; the card's fields otherwise.
 */
export async function climbFor(
  deps: CommandDeps,
  resolver: Resolver,
  published: PublishedCardResult,
  criteria?: readonly NodeFigures[],
): Promise<PublishedClimb | null> {
  const methodology = await methodologyOf(deps, published);
  if (methodology === null) return null;
  const peers = published.peers;
  const card = cardOf(published);
  const rules: ClimbRules = methodology;
  const result = climb(
    rules,
    {
      name: resolver.byId(published.unitId)?.unit.name ?? `đơn vị #${published.unitId}`,
      points: published.total,
      applicableMax: card?.result.applicableMax ?? published.maxPoints,
      fields: fieldsOf(card),
      ...(criteria ? { criteria } : {}),
    },
    peers
      .filter((p) => p.unitId !== published.unitId)
      .map((p) => ({ name: resolver.byId(p.unitId)?.unit.name ?? `đơn vị #${p.unitId}`, pctRounded: p.pct })),
  );
  const origins = originsOfResult(published);
  const fields = fieldsOf(card);
  const totalKnown = origins.total !== "sample";
  const above = peers.filter((p) => p.unitId !== published.unitId && p.pct >= published.pct);
  const target = result.nextBand?.band.code;
  const targetBand = methodology.classification.bands.find((b) => b.code === target);
  return {
    result,
    fieldsSample:
      fields.length === 0 ||
      !fieldsAreKnown(
        origins,
        fields.map((f) => f.code),
      ),
    rankGapKnown: totalKnown && above.every((p) => p.totalKnown),
    bandGapKnown: totalKnown && targetBand?.assumed !== true,
    peers,
    methodology,
  };
}

/** "Xã Thống Nhất", "Xã A và Xã B", "Xã A và 2 đơn vị khác". */
function namesOf(names: readonly string[]): string {
  if (names.length <= 2) return names.join(" và ");
  return `${names[0]} và ${names.length - 1} đơn vị khác`;
}

/** "Cần thêm 2,32 điểm để vượt Xã Thống Nhất (hạng 1)"; null at rank 1. */
export function rankGapText(gap: RankGap | null, pointsLeft: number): string | null {
  if (gap === null) return null;
  const whom = `${namesOf(gap.names)} (${gap.names.length > 1 ? "cùng " : ""}hạng ${gap.rank})`;
  if (gap.toPass === null) {
    return `Dù lấy lại cả ${points(pointsLeft)} điểm còn thiếu cũng chưa vượt được ${whom}`;
  }
  const tie =
    gap.toTie !== null && gap.toTie < gap.toPass
      ? `; thêm ${points(gap.toTie)} điểm thì đồng hạng ${gap.rank}`
      : "";
  return `Cần thêm ${points(gap.toPass)} điểm để vượt ${whom}${tie}`;
}

/** "cần thêm 2,97 điểm để vào nhóm từ 90% trở lên"; null in the top band. */
export function bandGapText(result: ClimbResult): string | null {
  const gap = result.nextBand;
  if (gap === null) return null;
  const label = gap.band.label;
  const target = /^nhóm\b/iu.test(label)
    ? `vào ${label.charAt(0).toLowerCase()}${label.slice(1)}`
    : `được xếp loại ${label}`;
  if (gap.points === null)
    return `chưa thể ${target} dù lấy lại cả ${points(result.pointsLeft)} điểm còn thiếu`;
  return `cần thêm ${points(gap.points)} điểm để ${target}`;
}

/**
 * The one line a score card shows: the gap to the next rank and to the next band, from published
 * totals only. "Cần thêm 2,32 điểm để vượt Xã Thống Nhất (hạng 1); cần thêm 4,82 điểm để vào nhóm
 * từ 90% trở lên." Null when the unit leads its scope in the top band. For an unranked result
 * (published rank null) show it only if a rank gap is wanted at all: the peers are still ranked.
 *
 * @example
 * const climbed = await climbFor(deps, resolver, published);
 * const line = climbed && climbLine(climbed);
 */
export function climbLine(
  climbed: Pick<PublishedClimb, "result" | "rankGapKnown" | "bandGapKnown">,
): string | null {
  const { result } = climbed;
  const parts = [
    climbed.rankGapKnown ? rankGapText(result.nextRank, result.pointsLeft) : null,
    climbed.bandGapKnown ? bandGapText(result) : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return null;
  const line = parts.join("; ");
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}.`;
}
