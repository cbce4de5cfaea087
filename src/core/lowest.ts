import { compareCodes } from "./methodology/tree.ts";
import { EPSILON } from "./precision.ts";
import type { CriterionStanding, NodeResult } from "./results.ts";

export type LowestLevel = "leaf" | "field";

/**
 * Where a unit lost most, both relative to each criterion's maximum and in points. Criteria that lost
 * nothing or do not apply are left out; ties go to the lower code so the order is stable.
 */
export function lowestCriteria(
  fields: readonly NodeResult[],
  count: number,
  level: LowestLevel,
): { byPct: CriterionStanding[]; byPointsLost: CriterionStanding[] } {
  return lowestAmong(collect(fields, level), count);
}

/** A node's own figures, without the criteria under it (what a frozen score card keeps of a field). */
export type NodeFigures = Omit<NodeResult, "children">;

/** `lowestCriteria` over the given nodes themselves, without looking below them. */
export function lowestAmong(
  nodes: readonly NodeFigures[],
  count: number,
): { byPct: CriterionStanding[]; byPointsLost: CriterionStanding[] } {
  const candidates = nodes
    .filter((n) => n.applicableMax > 0 && n.pct !== null && n.lost > EPSILON)
    .map(toStanding);
  const byPct = [...candidates].sort((a, b) => a.pct - b.pct || compareCodes(a.code, b.code)).slice(0, count);
  const byPointsLost = [...candidates]
    .sort((a, b) => b.lost - a.lost || compareCodes(a.code, b.code))
    .slice(0, count);
  return { byPct, byPointsLost };
}

function collect(nodes: readonly NodeResult[], level: LowestLevel): NodeResult[] {
  if (level === "field") return [...nodes];
  return nodes.flatMap((n) => (n.isLeaf ? [n] : collect(n.children, level)));
}

function toStanding(n: NodeFigures): CriterionStanding {
  return {
    code: n.code,
    name: n.name,
    shortName: n.shortName,
    depth: n.depth,
    points: n.points,
    max: n.applicableMax,
    pct: n.pct ?? 0,
    pctRounded: n.pctRounded ?? 0,
    lost: n.lost,
  };
}
