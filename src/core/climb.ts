/**
 * What it takes to climb: from a unit's published result and its peers' (same scope and year), the
 * points to the next rank and the next band, where the points were lost, and which head-rating cap
 * holds the unit back. Every threshold is tested with the same rounding the core ranks, classifies and
 * caps with (the rounded %), so a stated gap is exactly enough and one step less is not.
 */
import { classify } from "./classification.ts";
import type { NodeFigures } from "./lowest.ts";
import type { Band, FieldCondition, HeadRatingRules, Methodology } from "./methodology/schema.ts";
import { compareCodes } from "./methodology/tree.ts";
import { EPSILON, tidy } from "./precision.ts";
import { rankValues } from "./ranking.ts";
import type { GroupResult, Rating } from "./results.ts";
import { roundHalfUp } from "./round.ts";

/** What of a methodology the climb reads. */
export type ClimbRules = Pick<Methodology, "classification" | "headRating" | "display" | "ranking">;

export interface ClimbUnit {
  name: string;
  points: number;
  /** What the % is taken of: the maximum less what does not apply to the unit. */
  applicableMax: number;
  /** The unit's fields as published; empty when only its total was. */
  fields: readonly NodeFigures[];
  /** Where to look for points to recover (criteria or fields); the fields when absent. */
  criteria?: readonly NodeFigures[];
}

export interface ClimbPeer {
  name: string;
  /** The rounded % the ranking uses, as published. */
  pctRounded: number;
}

export interface RankGap {
  /** The rank of the unit(s) just above, and their names (several when they share it). */
  rank: number;
  names: string[];
  pctRounded: number;
  /** Points to share their rank; null when out of reach (more than the unit has left to win). */
  toTie: number | null;
  /**
   * Points to rank strictly above them ("vượt"), taking `rank` alone; tying them gives `rank` too
   * (shared), since a rank counts only the units strictly above.
   */
  toPass: number | null;
}

export interface BandGap {
  band: GroupResult;
  /** Points to reach the band's minimum; null when out of reach. */
  points: number | null;
}

export interface Recovery extends Omit<NodeFigures, "lost"> {
  /** Points lost, i.e. what full marks would give back: never more than max − points. */
  lost: number;
}

export interface CapInTheWay {
  capAt: Rating;
  reason: string;
  /** The field below the threshold. */
  field: { code: string; name: string; pct: number; pctRounded: number };
  /** The % the field must reach to clear the cap. */
  threshold: number;
  /** Points the field needs to reach the threshold; null when its maximum does not allow it. */
  toClear: number | null;
  /** Whether the cap lowers the head's rating now (the composite alone would rate higher). */
  lowersNow: boolean;
}

export interface ClimbResult {
  pctRounded: number;
  rank: number;
  group: GroupResult;
  /** Points the unit can still win: applicableMax − points. */
  pointsLeft: number;
  /** The smallest amount of points the gaps are counted in (0.01 with two display decimals). */
  step: number;
  /** Null at rank 1 (nobody above). */
  nextRank: RankGap | null;
  /** Null in the top band. */
  nextBand: BandGap | null;
  /** Largest loss first. */
  recover: Recovery[];
  caps: CapInTheWay[];
}

export interface ClimbOptions {
  /** How many places to recover points from are listed (3). */
  recoverCount?: number;
}

/** The rounded % a unit's points give, exactly as scoring computes it. */
export function climbPct(points: number, applicableMax: number, decimals: number): number {
  return roundHalfUp(tidy((points / applicableMax) * 100), decimals);
}

/** `points + gain` as the climb adds it: binary noise removed, as in every sum of the core. */
export function climbAdd(points: number, gain: number): number {
  return tidy(points + gain);
}

/**
 * `peers` are the other units of the scope and year (the unit itself left out). Throws nothing: a
 * unit with nothing applicable has no % to climb, and callers only pass published results.
 */
export function climb(
  rules: ClimbRules,
  unit: ClimbUnit,
  peers: readonly ClimbPeer[],
  options: ClimbOptions = {},
): ClimbResult {
  const decimals = rules.display.decimals;
  const step = Number(`1e-${decimals}`);
  const pctAt = (gain: number) => climbPct(climbAdd(unit.points, gain), unit.applicableMax, decimals);
  const pctRounded = pctAt(0);
  const pointsLeft = tidy(Math.max(0, unit.applicableMax - unit.points));
  const smallest = (reaches: (pct: number) => boolean) =>
    smallestGain(unit.points, unit.applicableMax, step, pctAt, reaches);

  const ties = rules.ranking.ties;
  const rank = rankValues([pctRounded, ...peers.map((p) => p.pctRounded)], ties)[0] as number;
  const group = classify(rules.classification.bands, pctRounded);
  return {
    pctRounded,
    rank,
    group,
    pointsLeft,
    step,
    nextRank: nextRankGap(peers, pctRounded, ties, smallest),
    nextBand: nextBandGap(rules.classification.bands, group, smallest),
    recover: recoveries(unit.criteria ?? unit.fields, options.recoverCount ?? 3),
    caps: rules.headRating ? capsInTheWay(rules.headRating, unit.fields, pctRounded, decimals, step) : [],
  };
}

type Smallest = (reaches: (pct: number) => boolean) => number | null;

function nextRankGap(
  peers: readonly ClimbPeer[],
  pct: number,
  ties: ClimbRules["ranking"]["ties"],
  smallest: Smallest,
): RankGap | null {
  const higher = peers.filter((p) => p.pctRounded > pct);
  if (higher.length === 0) return null;
  const target = Math.min(...higher.map((p) => p.pctRounded));
  const all = peers.map((p) => p.pctRounded);
  const rank = rankValues([target, ...all], ties)[0] as number;
  const names = peers
    .filter((p) => p.pctRounded === target)
    .map((p) => p.name)
    .sort((a, b) => a.localeCompare(b, "vi"));
  return {
    rank,
    names,
    pctRounded: target,
    toTie: smallest((p) => p >= target),
    toPass: smallest((p) => p > target),
  };
}

function nextBandGap(bands: readonly Band[], group: GroupResult, smallest: Smallest): BandGap | null {
  const above = bands.filter((b) => b.min > group.min).sort((a, b) => a.min - b.min)[0];
  if (above === undefined) return null;
  return {
    band: { code: above.code, label: above.label, min: above.min },
    points: smallest((p) => p >= above.min),
  };
}

/**
 * The least multiple of `step` whose added points make the rounded % reach the target (full marks
 * when only they do), or null when not even full marks do. Searched against the real rounding rather
 * than inverted from the %, so the answer is exact whatever binary noise the division carries.
 */
function smallestGain(
  points: number,
  max: number,
  step: number,
  pctAt: (gain: number) => number,
  reaches: (pct: number) => boolean,
): number | null {
  if (reaches(pctAt(0))) return 0;
  const left = tidy(Math.max(0, max - points));
  const gainOf = (k: number) => tidy(k * step);
  // Whole steps up to what is left to win; beyond that only full marks themselves remain.
  let hi = Math.floor(tidy(left / step));
  if (!reaches(pctAt(gainOf(hi)))) return reaches(pctAt(left)) ? left : null;
  // Bisection: the rounded % never falls as points rise.
  let lo = 0;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (reaches(pctAt(gainOf(mid)))) hi = mid;
    else lo = mid;
  }
  return gainOf(hi);
}

function recoveries(nodes: readonly NodeFigures[], count: number): Recovery[] {
  return nodes
    .filter((n) => !n.notApplicable && n.applicableMax > 0 && n.lost > EPSILON)
    .map((n) => ({ ...n, lost: tidy(Math.min(n.lost, n.applicableMax - n.points)) }))
    .sort((a, b) => b.lost - a.lost || compareCodes(a.code, b.code))
    .slice(0, count);
}

function thresholdOf(when: FieldCondition): { tag: string | null; pctBelow: number } {
  return "anyField" in when
    ? { tag: null, pctBelow: when.anyField.pctBelow }
    : { tag: when.fieldTag.tag, pctBelow: when.fieldTag.pctBelow };
}

/** Every cap whose condition a field meets, as `rateHead` judges it (the field's rounded %). */
function capsInTheWay(
  rules: HeadRatingRules,
  fields: readonly NodeFigures[],
  pctRounded: number,
  decimals: number,
  step: number,
): CapInTheWay[] {
  const order = new Map(rules.scale.map((s, i) => [s.code, i]));
  const rating = (code: string): Rating => ({
    code,
    label: rules.scale.find((s) => s.code === code)?.label ?? code,
  });
  const base =
    [...rules.base].sort((a, b) => b.min - a.min).find((b) => pctRounded >= b.min)?.rating ??
    (rules.scale[rules.scale.length - 1] as { code: string }).code;
  const out: CapInTheWay[] = [];
  for (const cap of rules.caps) {
    const { tag, pctBelow } = thresholdOf(cap.when);
    for (const f of fields) {
      if (f.notApplicable || f.pctRounded === null || f.applicableMax <= 0) continue;
      if ((tag !== null && f.tag !== tag) || f.pctRounded >= pctBelow) continue;
      const fieldPct = (gain: number) => climbPct(climbAdd(f.points, gain), f.applicableMax, decimals);
      out.push({
        capAt: rating(cap.capAt),
        reason: cap.reason,
        field: { code: f.code, name: f.shortName, pct: f.pct ?? 0, pctRounded: f.pctRounded },
        threshold: pctBelow,
        toClear: smallestGain(f.points, f.applicableMax, step, fieldPct, (p) => p >= pctBelow),
        lowersNow: (order.get(cap.capAt) ?? 0) > (order.get(base) ?? 0),
      });
    }
  }
  return out.sort((a, b) => compareCodes(a.field.code, b.field.code));
}
