import type { ResolvedLeaf } from "./leaf-input.ts";

/** Points, applicable maximum and % of one node of the criteria tree for one unit. */
export interface NodeResult {
  code: string;
  name: string;
  /** The short name for messages, the full name when the methodology gives none. */
  shortName: string;
  /** 1 for a field, 2 for a criterion, 3 for a sub-criterion. */
  depth: number;
  tag: string | null;
  isLeaf: boolean;
  /** The maximum the methodology states. */
  max: number;
  /** The maximum after not-applicable leaves excluded from it (re-normalised); equals `max` otherwise. */
  applicableMax: number;
  points: number;
  /** points ÷ applicableMax × 100 in full precision; null when nothing in the node applies. */
  pct: number | null;
  pctRounded: number | null;
  lost: number;
  notApplicable: boolean;
  assumed: boolean;
  /** For a leaf: self-assessed and appraised scores kept side by side, and where the final points came from. */
  leaf: Omit<ResolvedLeaf, "points" | "applicableMax" | "notApplicable"> | null;
  children: NodeResult[];
}

export interface Rating {
  code: string;
  label: string;
}

export interface FieldHit {
  code: string;
  name: string;
  pct: number;
  pctRounded: number;
}

export interface AppliedCap {
  capAt: Rating;
  reason: string;
  fields: FieldHit[];
  /** The reason with the fields that triggered it, in Vietnamese. */
  message: string;
  assumed: boolean;
}

export interface RaisedFlag {
  code: string;
  text: string;
  fields: FieldHit[];
  message: string;
  assumed: boolean;
}

export interface HeadRatingResult {
  /** The rating the composite % alone gives. */
  base: Rating;
  /** After every cap; never better than `base`. */
  final: Rating;
  /** Caps whose condition holds and which are below the base rating. */
  caps: AppliedCap[];
  flags: RaisedFlag[];
}

export interface CriterionStanding {
  code: string;
  name: string;
  shortName: string;
  depth: number;
  points: number;
  max: number;
  pct: number;
  pctRounded: number;
  lost: number;
}

export interface GroupResult {
  code: string;
  label: string;
  min: number;
}

export interface UnitResult {
  unit: string;
  methodology: { id: string; version: string };
  points: number;
  /** The methodology's maximum points. */
  maxPoints: number;
  /** maxPoints less what not-applicable leaves excluded. */
  applicableMax: number;
  pct: number;
  /** Rounded half-up to the methodology's display decimals; every band, cap and rank uses it. */
  pctRounded: number;
  group: GroupResult;
  headRating: HeadRatingResult | null;
  fields: NodeResult[];
  lowest: { byPct: CriterionStanding[]; byPointsLost: CriterionStanding[] };
}
