import { describe, expect, it } from "vitest";
import { scoreUnit } from "../../src/core/index.ts";
import { getBuiltinMethodology } from "../../src/methodologies/index.ts";

const hd2022 = getBuiltinMethodology("haiduong-commune-2022");
const hd2021 = getBuiltinMethodology("haiduong-commune-2021");
// Maxima of the Hải Dương files: F1 12, F2 10, F3 22 (tthc), F4 8, F5 14, F6 10, F7 24 (egov).
const full = { F1: 12, F2: 10, F3: 22, F4: 8, F5: 14, F6: 10, F7: 24 };

describe("head-of-unit rating", () => {
  it("rates a unit from 90% with every field from 70% HTXS", () => {
    const result = scoreUnit(hd2022, { unit: "Xã A", scores: { ...full, F5: 10 } });
    expect(result.headRating?.final.code).toBe("HTXS");
    expect(result.headRating?.caps).toEqual([]);
  });

  it("caps a unit over 80% with a field under 70% at HT and gives the reason with the field", () => {
    const result = scoreUnit(hd2022, { unit: "Xã B", scores: { ...full, F5: 9.5 } });
    expect(result.pctRounded).toBeGreaterThanOrEqual(90);
    const rating = result.headRating!;
    expect([rating.base.code, rating.final.code]).toEqual(["HTXS", "HT"]);
    expect(rating.caps[0]?.message).toBe(
      "Có lĩnh vực đạt dưới 70% số điểm quy định: người đứng đầu chỉ xếp loại Hoàn thành nhiệm vụ (Cải cách chế độ công vụ đạt 67,9%)",
    );
  });

  it("flags a TTHC field at 54,5% for accountability in Vietnamese, from 2023 on", () => {
    const result = scoreUnit(hd2022, { unit: "Xã C", scores: { ...full, F3: 12 } }, { year: 2023 });
    expect(result.headRating?.flags.map((f) => f.message)).toEqual([
      "Lĩnh vực Cải cách TTHC đạt 54,5% (< 75%): người đứng đầu phải kiểm điểm, làm rõ trách nhiệm",
    ]);
  });

  it("applies a rule only to the years its source covers (Gia Lộc's instruction is for 2023 on)", () => {
    const input = { unit: "Xã C", scores: { ...full, F3: 12 } };
    expect(scoreUnit(hd2022, input, { year: 2022 }).headRating?.flags).toEqual([]);
    expect(scoreUnit(hd2022, input).headRating?.flags).toEqual([]);
    expect(scoreUnit(hd2022, input, { year: 2024 }).headRating?.flags).toHaveLength(1);
  });

  it("never lets a cap raise a rating: a unit under 65% stays KHT though a field is under 70%", () => {
    const result = scoreUnit(hd2022, {
      unit: "Xã D",
      scores: { F1: 6, F2: 6, F3: 12, F4: 4, F5: 8, F6: 6, F7: 12 },
    });
    expect(result.headRating?.final.code).toBe("KHT");
    expect(result.headRating?.caps).toEqual([]);
  });

  it("applies the assumed 2019–2021 rule: a field under 50% makes the head KHT", () => {
    const result = scoreUnit(hd2021, { unit: "Xã E", scores: { ...full, F4: 3.5 } });
    expect(result.headRating?.final.code).toBe("KHT");
    expect(result.headRating?.caps.some((c) => c.assumed && c.capAt.code === "KHT")).toBe(true);
  });

  it("judges a field on its rounded %, like the bands: 69,996% counts as 70%", () => {
    const result = scoreUnit(hd2022, { unit: "Xã F", scores: { ...full, F5: 9.79944 } });
    expect(result.fields.find((f) => f.code === "F5")?.pctRounded).toBe(70);
    expect(result.headRating?.caps).toEqual([]);
  });
});
