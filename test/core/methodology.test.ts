import { describe, expect, it } from "vitest";
import {
  isLeaf,
  type MethodologyInput,
  parseMethodology,
  placedNodes,
  ScoringError,
  selectMethodology,
} from "../../src/core/index.ts";
import { builtinMethodologies, getBuiltinMethodology } from "../../src/methodologies/index.ts";
import { caught } from "./support/caught.ts";
import { testMethodologyJson } from "./support/methodology.ts";

const refusal = (json: unknown) => caught(() => parseMethodology(json), ScoringError);

describe("built-in methodologies", () => {
  it("loads the four built-in files", () => {
    expect(builtinMethodologies.map((m) => m.id)).toEqual([
      "haiduong-commune-2021",
      "haiduong-commune-2022",
      "phuyen-district-2022",
      "phuyen-commune-2022",
    ]);
  });

  it("cites a seed article and a legal basis in every file", () => {
    for (const m of builtinMethodologies) {
      expect(m.sources.some((s) => s.seed?.endsWith(".txt"))).toBe(true);
      expect(m.legalBasis.length).toBeGreaterThan(0);
    }
  });

  it("gives Phú Yên's eight district fields the published maxima 18,5; 6; 22; 7; 14; 9,5; 16; 7", () => {
    const m = getBuiltinMethodology("phuyen-district-2022");
    expect(m.fields.map((f) => f.max)).toEqual([18.5, 6, 22, 7, 14, 9.5, 16, 7]);
    expect(m.fields.find((f) => f.tag === "tthc")?.max).toBe(22);
    expect(m.fields.find((f) => f.tag === "egov")?.max).toBe(16);
  });

  it("gives Hải Dương the seven fields the articles name, with the groups 90/80/70 in 2021 and 90/80/65 in 2022", () => {
    const y2021 = getBuiltinMethodology("haiduong-commune-2021");
    const y2022 = getBuiltinMethodology("haiduong-commune-2022");
    expect(y2021.fields).toHaveLength(7);
    expect(y2022.fields.map((f) => f.name)).toEqual(y2021.fields.map((f) => f.name));
    expect(y2021.classification.bands.map((b) => b.min)).toEqual([90, 80, 70, 0]);
    expect(y2022.classification.bands.map((b) => b.min)).toEqual([90, 80, 65, 0]);
  });

  it("marks every unpublished field maximum as assumed with a reason", () => {
    const hd = getBuiltinMethodology("haiduong-commune-2022");
    for (const { node } of placedNodes(hd.fields)) {
      expect(node.assumed).toBe(true);
      expect(node.assumedReason).toBeTruthy();
    }
  });

  it("refuses an unknown id with UNKNOWN_METHODOLOGY listing the known ones", () => {
    expect(() => getBuiltinMethodology("hanoi-commune-2030")).toThrow(
      expect.objectContaining({
        code: "UNKNOWN_METHODOLOGY",
        message: expect.stringContaining("haiduong-commune-2022"),
      }),
    );
  });
});

describe("choosing the methodology for an assessed year", () => {
  const query = (year: number) => ({ provinceCode: "30", level: "commune" as const, year });

  it("uses the 2019 rules for 2019–2021 and the 2022 rules for 2022–2024", () => {
    expect(selectMethodology(builtinMethodologies, query(2020)).id).toBe("haiduong-commune-2021");
    expect(selectMethodology(builtinMethodologies, query(2021)).id).toBe("haiduong-commune-2021");
    expect(selectMethodology(builtinMethodologies, query(2023)).id).toBe("haiduong-commune-2022");
  });

  it("refuses a year no methodology covers with NO_METHODOLOGY_FOR_YEAR", () => {
    for (const year of [2018, 2025]) {
      expect(() => selectMethodology(builtinMethodologies, query(year))).toThrow(
        expect.objectContaining({
          code: "NO_METHODOLOGY_FOR_YEAR",
          message: expect.stringContaining(String(year)),
        }),
      );
    }
  });
});

describe("methodology validation", () => {
  it("refuses a criterion whose stated maximum is not the sum of its children's, naming it (MAX_MISMATCH)", () => {
    const json = testMethodologyJson();
    const f1 = json.fields[0]!;
    if (isLeaf(f1)) throw new Error("F1 is a group");
    const error = refusal({ ...json, fields: [{ ...f1, max: 11 }, json.fields[1]], maxPoints: 21 });
    expect(error.code).toBe("MAX_MISMATCH");
    expect(error.details.criterion).toBe("F1");
    expect(error.message).toContain("F1");
    expect(error.message).toContain("11");
  });

  it("refuses fields that do not add up to the stated total (MAX_MISMATCH)", () => {
    const error = refusal(testMethodologyJson({ maxPoints: 25 }));
    expect(error.code).toBe("MAX_MISMATCH");
    expect(error.details.criterion).toBeNull();
  });

  it("accepts maxima that differ from the sum only by floating-point noise (0,1 + 0,2 = 0,3)", () => {
    const json: MethodologyInput = testMethodologyJson({
      maxPoints: 0.3,
      fields: [
        {
          code: "F1",
          name: "Lĩnh vực",
          max: 0.3,
          children: [
            { code: "F1.1", name: "a", max: 0.1, rule: { type: "direct" } },
            { code: "F1.2", name: "b", max: 0.2, rule: { type: "direct" } },
          ],
        },
      ],
      headRating: null,
    });
    expect(() => parseMethodology(json)).not.toThrow();
  });

  it("refuses a criterion code used twice (DUPLICATE_CRITERION)", () => {
    const json = testMethodologyJson();
    const error = refusal({ ...json, fields: [json.fields[0], { ...json.fields[1]!, code: "F1" }] });
    expect(error.code).toBe("DUPLICATE_CRITERION");
    expect(error.details.criterion).toBe("F1");
  });

  it("refuses misspelt keys instead of ignoring them (INVALID_METHODOLOGY)", () => {
    const error = refusal({ ...testMethodologyJson(), maxPoint: 20 });
    expect(error.code).toBe("INVALID_METHODOLOGY");
    expect(error.message).toContain("test-commune");
  });

  it("refuses an assumed value that does not say why", () => {
    const json = testMethodologyJson();
    const error = refusal({
      ...json,
      classification: { bands: [{ code: "A", label: "Tất cả", min: 0, assumed: true }] },
    });
    expect(error.code).toBe("INVALID_METHODOLOGY");
  });

  it("refuses bands that leave low scores without a group", () => {
    const error = refusal(
      testMethodologyJson({ classification: { bands: [{ code: "A", label: "Tốt", min: 50 }] } }),
    );
    expect(error.message).toContain("0%");
  });

  it("refuses a cap at a rating that is not on the scale and a condition on a tag no field carries", () => {
    const json = testMethodologyJson();
    const rules = json.headRating!;
    const badRating = {
      ...rules,
      caps: [{ when: { anyField: { pctBelow: 70 } }, capAt: "XYZ", reason: "?" }],
    };
    expect(refusal({ ...json, headRating: badRating }).message).toContain("XYZ");
    const badTag = {
      ...rules,
      caps: [{ when: { fieldTag: { tag: "survey", pctBelow: 70 } }, capAt: "HT", reason: "?" }],
    };
    expect(refusal({ ...json, headRating: badTag }).message).toContain("survey");
  });

  it("refuses a deduction that goes below zero unless the leaf allows penalties", () => {
    const penalty = (allowPenalty: boolean) =>
      testMethodologyJson({
        maxPoints: 2,
        headRating: null,
        fields: [
          {
            code: "B",
            name: "Điểm trừ",
            max: 2,
            allowPenalty,
            rule: { type: "deduction", perEvent: 1, floor: -3 },
          },
        ],
      });
    expect(refusal(penalty(false)).message).toContain("allowPenalty");
    expect(() => parseMethodology(penalty(true))).not.toThrow();
  });
});
