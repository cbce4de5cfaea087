/** Invariants of the scoring core, checked on generated methodologies and scores (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CriterionNode,
  type HeadRatingRules,
  type LeafInput,
  type LeafRule,
  type Methodology,
  type NodeResult,
  parseMethodology,
  rateHead,
  scorePeerSet,
  scoreUnit,
} from "../../src/core/index.ts";
import { testMethodologyJson } from "./support/methodology.ts";

const RULES = [
  "direct",
  "binary",
  "proportional",
  "rateToTarget",
  "tiered",
  "deduction",
  "surveyMean",
] as const;
type RuleKind = (typeof RULES)[number];
interface LeafSpec {
  max: number;
  rule: RuleKind;
  notApplicable: "fullPoints" | "exclude" | null;
}
type FieldSpec = LeafSpec | (LeafSpec | LeafSpec[])[];

const leafSpec: fc.Arbitrary<LeafSpec> = fc.record({
  max: fc.integer({ min: 1, max: 40 }).map((n) => n / 2),
  rule: fc.constantFrom(...RULES),
  notApplicable: fc.constantFrom("fullPoints" as const, "exclude" as const, null),
});
const fieldSpec: fc.Arbitrary<FieldSpec> = fc.oneof(
  leafSpec,
  fc.array(fc.oneof(leafSpec, fc.array(leafSpec, { minLength: 1, maxLength: 3 })), {
    minLength: 1,
    maxLength: 4,
  }),
);
const treeSpec = fc.array(fieldSpec, { minLength: 1, maxLength: 5 });

function ruleOf(kind: RuleKind, max: number): LeafRule {
  switch (kind) {
    case "direct":
      return { type: "direct" };
    case "binary":
      return { type: "binary" };
    case "proportional":
      return { type: "proportional", rateUnit: "fraction" };
    case "rateToTarget":
      return { type: "rateToTarget", rateUnit: "percent", target: 80 };
    case "tiered":
      return {
        type: "tiered",
        rateUnit: "percent",
        steps: [
          { min: 100, points: max },
          { min: 90, points: max / 2 },
        ],
      };
    case "deduction":
      return { type: "deduction", perEvent: 0.5 };
    case "surveyMean":
      return { type: "surveyMean", scale: { min: 1, max: 5 } };
  }
}

interface Built {
  methodology: Methodology;
  leaves: { code: string; spec: LeafSpec }[];
}

function build(spec: readonly FieldSpec[]): Built {
  const leaves: Built["leaves"] = [];
  const node = (s: FieldSpec | LeafSpec[], code: string): CriterionNode => {
    if (!Array.isArray(s)) {
      leaves.push({ code, spec: s });
      return {
        code,
        name: `Tiêu chí ${code}`,
        max: s.max,
        rule: ruleOf(s.rule, s.max),
        ...(s.notApplicable ? { notApplicable: s.notApplicable } : {}),
      };
    }
    const children = s.map((c, i) => node(c, `${code}.${i + 1}`));
    return { code, name: `Nhóm ${code}`, max: children.reduce((t, c) => t + c.max, 0), children };
  };
  const fields = spec.map((f, i) => ({ ...node(f, `F${i + 1}`), tag: i === 0 ? "tthc" : `field-${i + 1}` }));
  const maxPoints = fields.reduce((t, f) => t + f.max, 0);
  const json = testMethodologyJson({ fields, maxPoints });
  return { methodology: parseMethodology(json), leaves };
}

/** A raw input for the leaf's rule from a uniform draw; `na` marks it not applicable when the leaf allows. */
function inputFor(spec: LeafSpec, u: number, na: boolean): LeafInput {
  if (na && spec.notApplicable) return { notApplicable: true };
  switch (spec.rule) {
    case "direct":
      return Math.floor(u * spec.max * 100) / 100;
    case "binary":
      return { done: u > 0.5 };
    case "proportional":
      return { rate: u };
    case "rateToTarget":
    case "tiered":
      return { rate: u * 100 };
    case "deduction":
      return { events: Math.floor(u * 10) };
    case "surveyMean":
      return { surveyMean: 1 + 4 * u };
  }
}

const draws = (n: number) =>
  fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
    minLength: n,
    maxLength: n,
  });

const withInputs = treeSpec.chain((spec) => {
  const built = build(spec);
  return draws(built.leaves.length).map((d) => ({
    ...built,
    scores: Object.fromEntries(built.leaves.map((l, i) => [l.code, inputFor(l.spec, d[i]![0], d[i]![1])])),
  }));
});

function everyNode(nodes: readonly NodeResult[], visit: (n: NodeResult) => void): void {
  for (const n of nodes) {
    visit(n);
    everyNode(n.children, visit);
  }
}

describe("scoring invariants", () => {
  it("keeps 0 ≤ points ≤ maximum and 0 ≤ % ≤ 100 at every node of any tree without penalty leaves", () => {
    fc.assert(
      fc.property(withInputs, ({ methodology, scores }) => {
        const all = Object.values(scores);
        if (all.every((s) => typeof s === "object" && s.notApplicable)) return; // nothing to score
        let result: ReturnType<typeof scoreUnit>;
        try {
          result = scoreUnit(methodology, { unit: "X", scores });
        } catch (error) {
          // Only a unit whose every leaf is excluded may be refused.
          expect((error as { code?: string }).code).toBe("NOTHING_APPLICABLE");
          return;
        }
        everyNode(result.fields, (n) => {
          expect(n.points).toBeGreaterThanOrEqual(0);
          expect(n.points).toBeLessThanOrEqual(n.applicableMax + 1e-9);
          expect(n.applicableMax).toBeLessThanOrEqual(n.max + 1e-9);
          if (n.pct !== null) {
            expect(n.pct).toBeGreaterThanOrEqual(0);
            expect(n.pct).toBeLessThanOrEqual(100);
          }
        });
        expect(result.pct).toBeGreaterThanOrEqual(0);
        expect(result.pct).toBeLessThanOrEqual(100);
      }),
      { numRuns: 200 },
    );
  });

  it("ranks any peer set as a standard competition ranking of the rounded %", () => {
    const peerSet = treeSpec.chain((spec) => {
      const built = build(spec);
      const direct = (d: number[]) =>
        Object.fromEntries(built.leaves.map((l, i) => [l.code, Math.round(d[i]! * l.spec.max * 4) / 4]));
      return fc
        .array(
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
            minLength: built.leaves.length,
            maxLength: built.leaves.length,
          }),
          {
            minLength: 1,
            maxLength: 12,
          },
        )
        .map((units) => ({
          methodology: built.methodology,
          units: units.map((d, i) => ({ unit: `U${i}`, scores: direct(d) })),
        }));
    });
    fc.assert(
      fc.property(peerSet, ({ methodology, units }) => {
        const result = scorePeerSet(methodology, units);
        for (const u of result.units) {
          const better = result.units.filter((o) => o.pctRounded > u.pctRounded).length;
          expect(u.rank).toBe(better + 1);
        }
        const ranks = result.units.map((u) => u.rank);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        expect(ranks[0]).toBe(1);
      }),
      { numRuns: 150 },
    );
  });

  it("never lowers the composite or the rank when one leaf score is raised", () => {
    const scenario = treeSpec.chain((spec) => {
      const built = build(spec);
      const n = built.leaves.length;
      const unitDraws = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n });
      return fc.record({
        built: fc.constant(built),
        units: fc.array(unitDraws, { minLength: 2, maxLength: 8 }),
        leaf: fc.nat({ max: n - 1 }),
        raise: fc.double({ min: 0, max: 1, noNaN: true }),
      });
    });
    fc.assert(
      fc.property(scenario, ({ built, units, leaf, raise }) => {
        const points = (d: number[]) =>
          Object.fromEntries(
            built.leaves.map((l, i) => [l.code, Math.floor(d[i]! * l.spec.max * 100) / 100]),
          );
        const inputs = units.map((d, i) => ({ unit: `U${i}`, scores: points(d) }));
        const target = built.leaves[leaf]!;
        const before = inputs[0]!.scores[target.code]!;
        const after = before + Math.floor(raise * (target.spec.max - before) * 100) / 100;
        const raised = [
          { ...inputs[0]!, scores: { ...inputs[0]!.scores, [target.code]: after } },
          ...inputs.slice(1),
        ];
        const was = scorePeerSet(built.methodology, inputs).units.find((u) => u.unit === "U0")!;
        const now = scorePeerSet(built.methodology, raised).units.find((u) => u.unit === "U0")!;
        expect(now.points).toBeGreaterThanOrEqual(was.points);
        expect(now.pct).toBeGreaterThanOrEqual(was.pct);
        expect(now.rank).toBeLessThanOrEqual(was.rank);
      }),
      { numRuns: 150 },
    );
  });

  it("never lets a cap raise a rating, whatever the thresholds and field scores", () => {
    const SCALE = ["HTXS", "HTT", "HT", "KHT"] as const;
    const rating = fc.constantFrom(...SCALE);
    const cap = fc.record({
      when: fc.oneof(
        fc.record({ anyField: fc.record({ pctBelow: fc.integer({ min: 1, max: 100 }) }) }),
        fc.record({
          fieldTag: fc.record({
            tag: fc.constantFrom("tthc", "field-2"),
            pctBelow: fc.integer({ min: 1, max: 100 }),
          }),
        }),
      ),
      capAt: rating,
      reason: fc.constant("giới hạn thử"),
    });
    const fieldPcts = fc.array(
      fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
      { minLength: 2, maxLength: 5 },
    );
    fc.assert(
      fc.property(fc.array(cap, { maxLength: 4 }), cap, fieldPcts, (caps, extra, pcts) => {
        const fields = pcts.map((pct, i) => ({
          code: `F${i + 1}`,
          shortName: `Lĩnh vực ${i + 1}`,
          tag: i === 0 ? "tthc" : `field-${i + 1}`,
          pct,
          pctRounded: pct,
        })) as unknown as NodeResult[];
        const composite = pcts.reduce((s, p) => s + p, 0) / pcts.length;
        const rules: HeadRatingRules = {
          scale: SCALE.map((code) => ({ code, label: code })),
          base: [
            { rating: "HTXS", min: 90 },
            { rating: "HTT", min: 80 },
            { rating: "HT", min: 65 },
            { rating: "KHT", min: 0 },
          ],
          caps,
          flags: [],
        };
        const order = (code: string) => SCALE.indexOf(code as (typeof SCALE)[number]);
        const result = rateHead(rules, fields, composite, 1);
        expect(order(result.final.code)).toBeGreaterThanOrEqual(order(result.base.code));
        const stricter = rateHead({ ...rules, caps: [...caps, extra] }, fields, composite, 1);
        expect(order(stricter.final.code)).toBeGreaterThanOrEqual(order(result.final.code));
      }),
      { numRuns: 300 },
    );
  });
});
