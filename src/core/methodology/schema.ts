/**
 * A methodology is data: the criteria tree, how each leaf is scored, the bands, the head-rating rules
 * and the ranking rule of one province, level and range of assessed years. Provinces replace the JSON,
 * never the code, so every rule a published result depends on must be expressible here.
 */
import { z } from "zod";

/** Where a value was not published, the file says so and why the chosen value fits the published outcomes. */
const assumption = {
  assumed: z.boolean().optional(),
  assumedReason: z.string().min(1).optional(),
};

const finite = z.number().refine(Number.isFinite, "phải là số hữu hạn");
const nonNegative = finite.refine((n) => n >= 0, "không được âm");
const positive = finite.refine((n) => n > 0, "phải lớn hơn 0");

export const RateUnitSchema = z.enum(["fraction", "percent"]);
export type RateUnit = z.infer<typeof RateUnitSchema>;

export const LeafRuleSchema = z.discriminatedUnion("type", [
  /** Points are entered as they are (the council's or the unit's score). */
  z.strictObject({ type: z.literal("direct") }),
  /** Done → the leaf maximum, not done → 0. */
  z.strictObject({ type: z.literal("binary") }),
  /** rate × max. */
  z.strictObject({ type: z.literal("proportional"), rateUnit: RateUnitSchema }),
  /** Full points at or above the target, rate ÷ target × max below it. */
  z.strictObject({ type: z.literal("rateToTarget"), rateUnit: RateUnitSchema, target: positive }),
  /** The first step whose `min` the rate reaches gives its points; below every step → 0. */
  z.strictObject({
    type: z.literal("tiered"),
    rateUnit: RateUnitSchema,
    steps: z.array(z.strictObject({ min: nonNegative, points: finite })).min(1),
  }),
  /** max − perEvent × events, never below `floor` (0 unless the leaf allows penalties). */
  z.strictObject({
    type: z.literal("deduction"),
    perEvent: positive,
    floor: finite.optional(),
  }),
  /** A survey mean on [scale.min, scale.max] mapped linearly onto [0, max]. */
  z.strictObject({
    type: z.literal("surveyMean"),
    scale: z.strictObject({ min: finite, max: finite }),
  }),
]);
export type LeafRule = z.infer<typeof LeafRuleSchema>;

export const NotApplicablePolicySchema = z.enum(["fullPoints", "exclude", "zero"]);
export type NotApplicablePolicy = z.infer<typeof NotApplicablePolicySchema>;

const tag = z.string().regex(/^[a-z][a-z0-9-]*$/, "nhãn chỉ gồm chữ thường, số và dấu gạch ngang");

interface CriterionBase {
  code: string;
  name: string;
  /** Short name used in messages ("Cải cách TTHC"). */
  shortName?: string | undefined;
  max: number;
  tag?: string | undefined;
  assumed?: boolean | undefined;
  assumedReason?: string | undefined;
  note?: string | undefined;
}

export interface GroupNode extends CriterionBase {
  children: CriterionNode[];
}

export interface LeafNode extends CriterionBase {
  rule: LeafRule;
  notApplicable?: NotApplicablePolicy | undefined;
  /** Lets the leaf score below 0 (a penalty block); without it a negative score is refused. */
  allowPenalty?: boolean | undefined;
}

export type CriterionNode = GroupNode | LeafNode;

const criterionBase = {
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "mã tiêu chí không hợp lệ"),
  name: z.string().min(1),
  shortName: z.string().min(1).optional(),
  max: nonNegative,
  tag: tag.optional(),
  note: z.string().optional(),
  ...assumption,
};

export const LeafNodeSchema = z.strictObject({
  ...criterionBase,
  rule: LeafRuleSchema,
  notApplicable: NotApplicablePolicySchema.optional(),
  allowPenalty: z.boolean().optional(),
});

export const GroupNodeSchema: z.ZodType<GroupNode, GroupNode> = z.strictObject({
  ...criterionBase,
  get children() {
    return z.array(CriterionNodeSchema).min(1);
  },
});

export const CriterionNodeSchema: z.ZodType<CriterionNode, CriterionNode> = z.union([
  LeafNodeSchema,
  GroupNodeSchema,
]);

export const BandSchema = z.strictObject({
  code: z.string().min(1),
  label: z.string().min(1),
  /** Inclusive lower bound on the rounded composite %. */
  min: nonNegative,
  ...assumption,
});
export type Band = z.infer<typeof BandSchema>;

/** A condition on the top-level fields, checked on each field's rounded %. */
export const FieldConditionSchema = z.union([
  z.strictObject({ anyField: z.strictObject({ pctBelow: positive }) }),
  z.strictObject({ fieldTag: z.strictObject({ tag, pctBelow: positive }) }),
]);
export type FieldCondition = z.infer<typeof FieldConditionSchema>;

/**
 * The assessed years a cap or flag applies to, when its source limits it (an instruction "from the 2023
 * index on"): outside them, or when the year is not known, the rule is not applied.
 */
const ruleYears = z
  .strictObject({ from: z.number().int().optional(), to: z.number().int().optional() })
  .optional();

export const HeadRatingRulesSchema = z.strictObject({
  /** Best first (NĐ 90/2020 order). */
  scale: z.array(z.strictObject({ code: z.string().min(1), label: z.string().min(1) })).min(2),
  base: z.array(z.strictObject({ rating: z.string().min(1), min: nonNegative, ...assumption })).min(1),
  caps: z.array(
    z.strictObject({
      when: FieldConditionSchema,
      capAt: z.string().min(1),
      reason: z.string().min(1),
      source: z.string().optional(),
      years: ruleYears,
      ...assumption,
    }),
  ),
  flags: z.array(
    z.strictObject({
      when: FieldConditionSchema,
      code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
      text: z.string().min(1),
      source: z.string().optional(),
      years: ruleYears,
      ...assumption,
    }),
  ),
});
export type HeadRatingRules = z.infer<typeof HeadRatingRulesSchema>;

export const SourceSchema = z.strictObject({
  seed: z.string().optional(),
  title: z.string().min(1),
  url: z.string().nullable().optional(),
  published: z.iso.date().optional(),
});

export const MethodologySchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  version: z.string().min(1),
  title: z.string().min(1),
  jurisdiction: z.strictObject({
    province: z.string().min(1),
    provinceCode: z.string().regex(/^\d{2}$/),
    validUntil: z.iso.date().optional(),
  }),
  level: z.enum(["commune", "district"]),
  assessedYears: z.strictObject({ from: z.number().int(), to: z.number().int() }),
  legalBasis: z.array(z.string().min(1)),
  sources: z.array(SourceSchema),
  maxPoints: positive,
  display: z
    .strictObject({
      decimals: z.number().int().min(0).max(6).default(2),
      rounding: z.literal("halfUp").default("halfUp"),
      /** Decimals of a field's or criterion's % in messages ("54,5%"). */
      componentPctDecimals: z.number().int().min(0).max(6).default(1),
    })
    .prefault({}),
  notApplicableDefault: NotApplicablePolicySchema.default("fullPoints"),
  fields: z.array(CriterionNodeSchema).min(1),
  classification: z.strictObject({ bands: z.array(BandSchema).min(1) }),
  headRating: HeadRatingRulesSchema.nullable().default(null),
  ranking: z
    .strictObject({
      ties: z.enum(["competition", "dense"]).default("competition"),
      value: z.literal("pctRounded").default("pctRounded"),
    })
    .prefault({}),
  notes: z.array(z.string()).default([]),
});

export type Methodology = z.output<typeof MethodologySchema>;
export type MethodologyInput = z.input<typeof MethodologySchema>;
export type RatingCode = string;

export function isLeaf(node: CriterionNode): node is LeafNode {
  return "rule" in node;
}
