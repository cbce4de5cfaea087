import { describe, expect, it } from "vitest";
import { type LeafInput, parseMethodology, scoreUnit } from "../../src/core/index.ts";
import { FULL_MARKS, testMethodology, testMethodologyJson } from "./support/methodology.ts";

const m = testMethodology();
const withInput = (code: string, input: LeafInput) =>
  scoreUnit(m, { unit: "Xã Thử", scores: { ...FULL_MARKS, [code]: input } });
const leaf = (code: string, input: LeafInput) => {
  const result = withInput(code, input);
  const node = result.fields.flatMap((f) => f.children).find((c) => c.code === code);
  if (!node) throw new Error(code);
  return node;
};

describe("leaf rules", () => {
  it("gives every leaf its maximum for full marks, 20 of 20", () => {
    const result = scoreUnit(m, { unit: "Xã Thử", scores: FULL_MARKS });
    expect([result.points, result.pct]).toEqual([20, 100]);
  });

  it("scores binary leaves as the maximum when done and 0 when not", () => {
    expect(leaf("F1.4", { done: true }).points).toBe(2);
    expect(leaf("F1.4", { done: false }).points).toBe(0);
  });

  it("scores proportional leaves as rate × maximum, with the rate as a fraction", () => {
    expect(leaf("F1.2", { rate: 0.5 }).points).toBe(1);
  });

  it("scores rate-to-target leaves in full at the target and pro rata below it", () => {
    expect(leaf("F1.1", { rate: 95 }).points).toBe(4);
    expect(leaf("F1.1", { rate: 100 }).points).toBe(4);
    expect(leaf("F1.1", { rate: 47.5 }).points).toBe(2);
  });

  it("scores tiered leaves by the highest step reached, and 0 below every step", () => {
    expect(leaf("F2.1", { rate: 100 }).points).toBe(4);
    expect(leaf("F2.1", { rate: 96 }).points).toBe(2);
    expect(leaf("F2.1", { rate: 95 }).points).toBe(2);
    expect(leaf("F2.1", { rate: 94.99 }).points).toBe(0);
  });

  it("deducts per event and stops at the floor", () => {
    expect(leaf("F1.3", { events: 3 }).points).toBe(1.25);
    expect(leaf("F1.3", { events: 20 }).points).toBe(0);
  });

  it("maps a survey mean on 1–5 onto the leaf maximum", () => {
    expect(leaf("F2.2", { surveyMean: 3 }).points).toBe(1.5);
    expect(leaf("F2.2", { surveyMean: 1 }).points).toBe(0);
  });

  it("gives full points to a not-applicable leaf whose policy is fullPoints", () => {
    const node = leaf("F1.2", { notApplicable: true });
    expect([node.points, node.applicableMax, node.notApplicable]).toEqual([2, 2, true]);
  });

  it("excludes a not-applicable leaf from the maximum and re-normalises the %", () => {
    const result = withInput("F2.3", { notApplicable: true });
    const egov = result.fields[1]!;
    expect([egov.points, egov.applicableMax, egov.pct]).toEqual([7, 7, 100]);
    expect([result.points, result.applicableMax, result.pct]).toEqual([17, 17, 100]);
  });

  it("lets the appraised score override the self-assessed one and keeps both", () => {
    const node = leaf("F2.3", { self: 3, appraised: 2 });
    expect(node.points).toBe(2);
    expect(node.leaf).toMatchObject({ self: 3, appraised: 2, source: "appraised" });
  });

  it("takes final points as appraised, then points, then the rule, then self", () => {
    expect(leaf("F1.1", { rate: 95, self: 1 }).leaf?.source).toBe("rule");
    expect(leaf("F1.1", { rate: 95, points: 3 }).points).toBe(3);
    expect(leaf("F1.1", { self: 1 }).leaf?.source).toBe("self");
  });

  it("lets a penalty leaf go below 0 when the methodology allows it", () => {
    const penalty = parseMethodology(
      testMethodologyJson({
        maxPoints: 2,
        headRating: null,
        fields: [
          {
            code: "B",
            name: "Điểm trừ",
            max: 2,
            allowPenalty: true,
            rule: { type: "deduction", perEvent: 1, floor: -3 },
          },
        ],
      }),
    );
    const result = scoreUnit(penalty, { unit: "Xã Thử", scores: { B: { events: 10 } } });
    expect(result.points).toBe(-3);
  });
});
