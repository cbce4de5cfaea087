import { ScoringError } from "./errors.ts";
import { viNumber } from "./format-number.ts";
import type { LeafInputObject } from "./leaf-input.ts";
import type { LeafNode, RateUnit } from "./methodology/schema.ts";
import { tidy } from "./precision.ts";

interface Context {
  unit: string;
  leaf: LeafNode;
}

/** The raw figures a rule can score; every other raw field given to it is refused, not ignored. */
const RAW_FIELDS = ["rate", "events", "done", "surveyMean"] as const;
type RawField = (typeof RAW_FIELDS)[number];

function rawFieldOf(leaf: LeafNode): RawField | null {
  switch (leaf.rule.type) {
    case "direct":
      return null;
    case "binary":
      return "done";
    case "proportional":
    case "rateToTarget":
    case "tiered":
      return "rate";
    case "deduction":
      return "events";
    case "surveyMean":
      return "surveyMean";
  }
}

/** Applies the leaf rule to the raw figure in the input; null when no raw figure was given. */
export function applyLeafRule(input: LeafInputObject, ctx: Context): number | null {
  const field = rawFieldOf(ctx.leaf);
  for (const raw of RAW_FIELDS) {
    if (raw !== field && input[raw] !== undefined) {
      throw new ScoringError(
        "INPUT_NOT_SUPPORTED",
        `Tiêu chí ${ctx.leaf.code} chấm theo quy tắc "${ctx.leaf.rule.type}", không nhận "${raw}" (đơn vị ${ctx.unit})`,
        { unit: ctx.unit, criterion: ctx.leaf.code, field: raw },
      );
    }
  }
  if (field === null || input[field] === undefined) return null;
  return tidy(score(input, ctx));
}

function score(input: LeafInputObject, ctx: Context): number {
  const { leaf } = ctx;
  const rule = leaf.rule;
  switch (rule.type) {
    case "direct":
      // applyLeafRule returns before: a direct leaf takes no raw figure.
      throw new Error("unreachable: direct leaves have no rule input");
    case "binary":
      if (typeof input.done !== "boolean") throw notANumber(ctx, "done", input.done);
      return input.done ? leaf.max : 0;
    case "proportional":
      return asFraction(input.rate, rule.rateUnit, ctx) * leaf.max;
    case "rateToTarget": {
      const rate = asFraction(input.rate, rule.rateUnit, ctx);
      const target = rule.rateUnit === "percent" ? rule.target / 100 : rule.target;
      return Math.min(1, rate / target) * leaf.max;
    }
    case "tiered": {
      const rate = asFraction(input.rate, rule.rateUnit, ctx);
      const scale = rule.rateUnit === "percent" ? 100 : 1;
      const steps = [...rule.steps].sort((a, b) => b.min - a.min);
      // Compare on the rule's own unit so that "95%" is not lost to 0.95 * 100 = 94.99999.
      const step = steps.find((s) => tidy(rate * scale) >= s.min);
      return step ? step.points : 0;
    }
    case "deduction": {
      const events = input.events;
      if (typeof events !== "number" || !Number.isInteger(events) || events < 0) {
        throw new ScoringError(
          "NOT_A_NUMBER",
          `Số lần vi phạm của tiêu chí ${leaf.code} phải là số nguyên không âm (đơn vị ${ctx.unit})`,
          { unit: ctx.unit, criterion: leaf.code, value: events },
        );
      }
      return Math.max(rule.floor ?? 0, leaf.max - rule.perEvent * events);
    }
    case "surveyMean": {
      const mean = input.surveyMean;
      if (typeof mean !== "number" || !Number.isFinite(mean)) throw notANumber(ctx, "surveyMean", mean);
      if (mean < rule.scale.min || mean > rule.scale.max) {
        throw outOfRange(ctx, mean, `${viNumber(rule.scale.min)}–${viNumber(rule.scale.max)}`);
      }
      return ((mean - rule.scale.min) / (rule.scale.max - rule.scale.min)) * leaf.max;
    }
  }
}

function asFraction(rate: unknown, unit: RateUnit, ctx: Context): number {
  if (typeof rate !== "number" || !Number.isFinite(rate)) throw notANumber(ctx, "rate", rate);
  const top = unit === "percent" ? 100 : 1;
  if (rate < 0 || rate > top) throw outOfRange(ctx, rate, unit === "percent" ? "0–100%" : "0–1");
  return unit === "percent" ? rate / 100 : rate;
}

export function notANumber(ctx: Context, field: string, value: unknown): ScoringError {
  return new ScoringError(
    "NOT_A_NUMBER",
    `Giá trị "${String(value)}" của tiêu chí ${ctx.leaf.code} (${field}) không phải là số (đơn vị ${ctx.unit})`,
    { unit: ctx.unit, criterion: ctx.leaf.code, field, value },
  );
}

function outOfRange(ctx: Context, value: number, range: string): ScoringError {
  return new ScoringError(
    "RATE_OUT_OF_RANGE",
    `Giá trị ${viNumber(value)} của tiêu chí ${ctx.leaf.code} nằm ngoài khoảng ${range} (đơn vị ${ctx.unit})`,
    { unit: ctx.unit, criterion: ctx.leaf.code, value },
  );
}
