import { ScoringError } from "./errors.ts";
import { viNumber } from "./format-number.ts";
import type { LeafInput, LeafInputObject, ResolvedLeaf } from "./leaf-input.ts";
import { applyLeafRule, notANumber } from "./leaf-rules.ts";
import type { LeafNode, NotApplicablePolicy } from "./methodology/schema.ts";
import { EPSILON, tidy } from "./precision.ts";

const SCORE_FIELDS = ["points", "self", "appraised"] as const;

/** Final points of one leaf: appraised ?? points ?? rule(raw input) ?? self, each checked against the leaf. */
export function resolveLeaf(
  leaf: LeafNode,
  input: LeafInput | undefined,
  unit: string,
  notApplicableDefault: NotApplicablePolicy,
): ResolvedLeaf {
  const ctx = { unit, leaf };
  if (input === undefined || input === null) {
    throw new ScoringError(
      "MISSING_LEAF",
      `Thiếu điểm tiêu chí ${leaf.code} "${leaf.shortName ?? leaf.name}" (đơn vị ${unit})`,
      {
        unit,
        criterion: leaf.code,
      },
    );
  }
  if (typeof input !== "object" && typeof input !== "number") throw notANumber(ctx, "points", input);
  const given: LeafInputObject = typeof input === "object" ? input : { points: input };
  for (const field of SCORE_FIELDS) {
    const value = given[field];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value)) throw notANumber(ctx, field, value);
    checkRange(leaf, value, unit);
  }
  const comment = given.comment ?? null;
  const self = given.self ?? null;
  const appraised = given.appraised ?? null;

  if (given.notApplicable === true) {
    const policy = leaf.notApplicable ?? notApplicableDefault;
    const points = policy === "fullPoints" ? leaf.max : 0;
    const applicableMax = policy === "exclude" ? 0 : leaf.max;
    return {
      points,
      applicableMax,
      self,
      appraised,
      computed: null,
      source: "notApplicable",
      notApplicable: true,
      comment,
    };
  }

  const computed = applyLeafRule(given, ctx);
  if (computed !== null) checkRange(leaf, computed, unit);
  const chosen = pick(appraised, given.points ?? null, computed, self);
  if (!chosen) {
    throw new ScoringError(
      "MISSING_LEAF",
      `Thiếu điểm tiêu chí ${leaf.code} "${leaf.shortName ?? leaf.name}" (đơn vị ${unit})`,
      {
        unit,
        criterion: leaf.code,
      },
    );
  }
  return {
    points: tidy(chosen.value),
    applicableMax: leaf.max,
    self,
    appraised,
    computed,
    source: chosen.source,
    notApplicable: false,
    comment,
  };
}

function pick(
  appraised: number | null,
  points: number | null,
  computed: number | null,
  self: number | null,
): { value: number; source: ResolvedLeaf["source"] } | null {
  if (appraised !== null) return { value: appraised, source: "appraised" };
  if (points !== null) return { value: points, source: "points" };
  if (computed !== null) return { value: computed, source: "rule" };
  if (self !== null) return { value: self, source: "self" };
  return null;
}

function checkRange(leaf: LeafNode, value: number, unit: string): void {
  if (value > leaf.max + EPSILON) {
    throw new ScoringError(
      "SCORE_ABOVE_MAX",
      `Điểm ${viNumber(value)} vượt điểm tối đa ${viNumber(leaf.max)} của tiêu chí ${leaf.code} (đơn vị ${unit})`,
      { unit, criterion: leaf.code, value, max: leaf.max },
    );
  }
  if (value < -EPSILON && !leaf.allowPenalty) {
    throw new ScoringError(
      "SCORE_NEGATIVE",
      `Điểm ${viNumber(value)} của tiêu chí ${leaf.code} là số âm (đơn vị ${unit})`,
      { unit, criterion: leaf.code, value },
    );
  }
}
