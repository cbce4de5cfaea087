/**
 * The scoring core: pure functions from a methodology (data) and units' scores to points, %, groups,
 * head ratings, ranks and year-on-year changes. No I/O, no clock, no environment.
 */
export { classify } from "./classification.ts";
export {
  type BandGap,
  type CapInTheWay,
  type ClimbOptions,
  type ClimbPeer,
  type ClimbResult,
  type ClimbRules,
  type ClimbUnit,
  climb,
  climbAdd,
  climbPct,
  type RankGap,
  type Recovery,
} from "./climb.ts";
export { ScoringError, type ScoringErrorCode, type ScoringErrorDetails } from "./errors.ts";
export { rateHead } from "./head-rating.ts";
export type { LeafInput, LeafInputObject, LeafPointsSource, ResolvedLeaf, UnitInput } from "./leaf-input.ts";
export { unitKey } from "./leaf-input.ts";
export { applyLeafRule } from "./leaf-rules.ts";
export { type LowestLevel, lowestAmong, lowestCriteria, type NodeFigures } from "./lowest.ts";
export * from "./methodology/schema.ts";
export { findMethodology, type MethodologyQuery, selectMethodology } from "./methodology/select.ts";
export { compareCodes, leafNodes, nodeIndex, type PlacedNode, placedNodes } from "./methodology/tree.ts";
export { parseMethodology } from "./methodology/validate.ts";
export {
  type PeerSetOptions,
  type PeerSetResult,
  type PreviousStanding,
  type RankedUnitResult,
  scorePeerSet,
  standingsOf,
} from "./peer-set.ts";
export { rankValues, type TieRule } from "./ranking.ts";
export { resolveLeaf } from "./resolve-leaf.ts";
export type {
  AppliedCap,
  CriterionStanding,
  FieldHit,
  GroupResult,
  HeadRatingResult,
  NodeResult,
  RaisedFlag,
  Rating,
  UnitResult,
} from "./results.ts";
export { roundHalfUp } from "./round.ts";
export { collectInputProblems, type ScoreOptions, scoreUnit } from "./score-unit.ts";
