/** Every refusal of section 2 of the issue, with its code and the unit and criterion it names. */
import { describe, expect, it } from "vitest";
import {
  type LeafInput,
  ScoringError,
  scorePeerSet,
  scoreUnit,
  type UnitInput,
} from "../../src/core/index.ts";
import { getBuiltinMethodology } from "../../src/methodologies/index.ts";
import { caught } from "./support/caught.ts";
import { FULL_MARKS, testMethodology } from "./support/methodology.ts";

const phuYen = getBuiltinMethodology("phuyen-district-2022");
const SONG_CAU = { F1: 17.64, F2: 5.9, F3: 12, F4: 7, F5: 11, F6: 5.5, F7: 8.42, F8: 5.88 };

const refusal = (run: () => unknown) => caught(run, ScoringError);

const songCau = (patch: Record<string, LeafInput | undefined>) => {
  const scores: Record<string, LeafInput> = { ...SONG_CAU };
  for (const [code, value] of Object.entries(patch)) {
    if (value === undefined) delete scores[code];
    else scores[code] = value;
  }
  return () => scoreUnit(phuYen, { unit: "Sông Cầu", scores });
};

describe("refused input", () => {
  it("refuses a score above the criterion's maximum (SCORE_ABOVE_MAX)", () => {
    const error = refusal(songCau({ F3: 25 }));
    expect(error.code).toBe("SCORE_ABOVE_MAX");
    expect(error.details).toMatchObject({ unit: "Sông Cầu", criterion: "F3" });
    expect(error.message).toBe("Điểm 25 vượt điểm tối đa 22 của tiêu chí F3 (đơn vị Sông Cầu)");
  });

  it("refuses a negative score on a leaf without penalties (SCORE_NEGATIVE)", () => {
    const error = refusal(songCau({ F6: -0.5 }));
    expect(error.code).toBe("SCORE_NEGATIVE");
    expect(error.details).toMatchObject({ unit: "Sông Cầu", criterion: "F6" });
    expect(error.message).toContain("-0,5");
  });

  it("refuses a criterion code the methodology does not have (UNKNOWN_CRITERION)", () => {
    const error = refusal(songCau({ F9: 1 }));
    expect(error.code).toBe("UNKNOWN_CRITERION");
    expect(error.details).toMatchObject({ unit: "Sông Cầu", criterion: "F9" });
  });

  it("refuses points given to a criterion that has sub-criteria (NOT_A_LEAF)", () => {
    const error = refusal(() =>
      scoreUnit(testMethodology(), { unit: "Xã Thử", scores: { ...FULL_MARKS, F1: 10 } }),
    );
    expect(error.code).toBe("NOT_A_LEAF");
    expect(error.details.criterion).toBe("F1");
  });

  it("refuses a unit with a leaf left out (MISSING_LEAF)", () => {
    const error = refusal(songCau({ F5: undefined }));
    expect(error.code).toBe("MISSING_LEAF");
    expect(error.details).toMatchObject({ unit: "Sông Cầu", criterion: "F5" });
    expect(error.message).toContain("Cải cách chế độ công vụ");
  });

  it("refuses a score that is not a number (NOT_A_NUMBER)", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "12" as unknown as number]) {
      const error = refusal(songCau({ F2: bad }));
      expect(error.code).toBe("NOT_A_NUMBER");
      expect(error.details).toMatchObject({ unit: "Sông Cầu", criterion: "F2" });
    }
  });

  it("refuses a rate outside its range (RATE_OUT_OF_RANGE) and a raw figure the rule does not use (INPUT_NOT_SUPPORTED)", () => {
    const m = testMethodology();
    const run = (code: string, input: LeafInput) => () =>
      scoreUnit(m, { unit: "Xã Thử", scores: { ...FULL_MARKS, [code]: input } });
    expect(refusal(run("F1.1", { rate: 120 })).code).toBe("RATE_OUT_OF_RANGE");
    expect(refusal(run("F2.2", { surveyMean: 6 })).code).toBe("RATE_OUT_OF_RANGE");
    expect(refusal(run("F1.4", { rate: 1 })).code).toBe("INPUT_NOT_SUPPORTED");
    expect(refusal(run("F1.3", { events: 1.5 })).code).toBe("NOT_A_NUMBER");
  });

  it("refuses a unit whose every leaf is excluded as not applicable (NOTHING_APPLICABLE)", () => {
    const m = testMethodology({
      maxPoints: 3,
      fields: [
        {
          code: "F1",
          name: "Số hóa",
          max: 3,
          tag: "tthc",
          rule: { type: "direct" },
          notApplicable: "exclude",
        },
      ],
      headRating: null,
    });
    expect(
      refusal(() => scoreUnit(m, { unit: "Xã Thử", scores: { F1: { notApplicable: true } } })).code,
    ).toBe("NOTHING_APPLICABLE");
  });

  it("refuses the same unit twice in one peer set, even spelt with decomposed diacritics (DUPLICATE_UNIT)", () => {
    const units: UnitInput[] = [
      { unit: "Sông Cầu", scores: SONG_CAU },
      { unit: "Sông Cầu".normalize("NFD"), scores: SONG_CAU },
    ];
    const error = refusal(() => scorePeerSet(phuYen, units));
    expect(error.code).toBe("DUPLICATE_UNIT");
    expect(error.details.unit?.normalize("NFC")).toBe("Sông Cầu");
  });

  it("is an AppError with a machine code, a Vietnamese message and details", () => {
    const error = refusal(songCau({ F3: 25 }));
    expect(error.name).toBe("ScoringError");
    expect(Object.keys(error.details)).toEqual(expect.arrayContaining(["unit", "criterion"]));
  });
});
