/** Seed 000 (Thị xã Kinh Môn, 4/3/2022): the communes' index of 2021 and the heads' ratings. */
import { describe, expect, it } from "vitest";
import { kinhMon2021 } from "../../src/demo/fixtures/index.ts";
import { namesWhere, scoreFixture, sortedVi, unitOf } from "./support/fixtures.ts";

const OVER_90 = ["An Lưu", "An Sinh", "Phú Thứ"];
// The article lists 20 names for a group of 18: An Sinh and Phú Thứ are repeated from the group over 90%.
const OVER_80_AS_PRINTED = [
  "Hiệp An",
  "Long Xuyên",
  "Hiến Thành",
  "Thái Thịnh",
  "Minh Hòa",
  "An Phụ",
  "Thượng Quận",
  "Quang Thành",
  "Thăng Long",
  "Thất Hùng",
  "Bạch Đằng",
  "Lê Ninh",
  "An Sinh",
  "Phạm Thái",
  "Hiệp Sơn",
  "Minh Tân",
  "Phú Thứ",
  "Duy Tân",
  "Tân Dân",
  "Hoành Sơn",
];
const OVER_70 = ["Hiệp Hòa", "Lạc Long"];
const HT = [
  "An Lưu",
  "An Sinh",
  "Phú Thứ",
  "Hiệp An",
  "Long Xuyên",
  "Hiến Thành",
  "Minh Hòa",
  "An Phụ",
  "Thượng Quận",
  "Quang Thành",
  "Thất Hùng",
  "Bạch Đằng",
  "Lê Ninh",
  "Phạm Thái",
  "Hiệp Sơn",
  "Minh Tân",
  "Duy Tân",
  "Tân Dân",
  "Hoành Sơn",
];
const KHT = ["Thái Thịnh", "Hiệp Hòa", "Thăng Long", "Lạc Long"];

describe("Kinh Môn 2021 (seed 000)", () => {
  const result = scoreFixture(kinhMon2021);

  it("ranks all 23 communes and wards", () => {
    expect(result.count).toBe(23);
  });

  it("puts An Lưu, An Sinh and Phú Thứ in the group over 90%", () => {
    expect(namesWhere(result, (u) => u.group.min === 90)).toEqual(sortedVi(OVER_90));
  });

  it("puts the printed 80% list, less the two names repeated from the 90% group, in the group over 80%", () => {
    const expected = OVER_80_AS_PRINTED.filter((n) => !OVER_90.includes(n));
    expect(expected).toHaveLength(18);
    expect(namesWhere(result, (u) => u.group.min === 80)).toEqual(sortedVi(expected));
  });

  it("records the repeated names as a conflict of the article", () => {
    expect(kinhMon2021.conflicts.join(" ")).toMatch(/An Sinh và Phú Thứ/);
  });

  it("puts Hiệp Hòa and Lạc Long in the group over 70%", () => {
    expect(namesWhere(result, (u) => u.group.min === 70)).toEqual(sortedVi(OVER_70));
  });

  it("rates exactly the 19 published heads HT and the 4 published heads KHT, none HTXS or HTT", () => {
    expect(namesWhere(result, (u) => u.headRating?.final.code === "HT")).toEqual(sortedVi(HT));
    expect(namesWhere(result, (u) => u.headRating?.final.code === "KHT")).toEqual(sortedVi(KHT));
    expect(namesWhere(result, (u) => ["HTXS", "HTT"].includes(u.headRating?.final.code ?? ""))).toEqual([]);
  });

  it("caps the three units over 90% at HT because of the modernisation field under 70%", () => {
    for (const name of OVER_90) {
      const rating = unitOf(result, name).headRating;
      expect(rating?.base.code).toBe("HTXS");
      expect(rating?.final.code).toBe("HT");
      const egovCap = rating?.caps.find((c) => c.fields.some((f) => f.code === "F7") && !c.assumed);
      expect(egovCap?.message).toMatch(/^Chỉ số lĩnh vực hiện đại hóa nền hành chính đạt dưới 70%/);
    }
  });
});
