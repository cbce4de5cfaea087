/**
 * Seed 002 (Huyện Gia Lộc, 17/3/2023): the communes' index of 2022. Expected lists and figures are typed
 * from the article.
 */
import { describe, expect, it } from "vitest";
import { giaLoc2021, giaLoc2022 } from "../../src/demo/fixtures/index.ts";
import { formatPercent } from "../../src/format/vi.ts";
import { namesWhere, scoreFixture, sortedVi, unitOf } from "./support/fixtures.ts";

const GROUP_80_90 = [
  "Thống Nhất",
  "Toàn Thắng",
  "Thống Kênh",
  "Thị trấn Gia Lộc",
  "Gia Khánh",
  "Đoàn Thượng",
  "Nhật Tân",
  "Quang Minh",
  "Hoàng Diệu",
  "Đồng Quang",
  "Yết Kiêu",
  "Phạm Trấn",
  "Gia Tân",
  "Gia Lương",
  "Hồng Hưng",
];
const GROUP_65_80 = ["Tân Tiến", "Lê Lợi", "Đức Xương"];
const HTT = [
  "Thống Nhất",
  "Toàn Thắng",
  "Đoàn Thượng",
  "Thống Kênh",
  "Gia Khánh",
  "Nhật Tân",
  "Quang Minh",
  "Đồng Quang",
  "Hồng Hưng",
];
const CAPPED = ["Thị trấn Gia Lộc", "Hoàng Diệu", "Yết Kiêu", "Gia Tân", "Gia Lương", "Phạm Trấn"];
const HT = [...CAPPED, "Tân Tiến", "Lê Lợi", "Đức Xương"];

describe("Gia Lộc 2022 (seed 002)", () => {
  const result = scoreFixture(giaLoc2022);

  it("ranks 18 communes", () => {
    expect(result.count).toBe(18);
  });

  it("puts Thống Nhất first with 87,49%, Toàn Thắng second with 85,18%, Đoàn Thượng third with 84,99%", () => {
    const top = result.units.slice(0, 3).map((u) => [u.rank, u.unit, formatPercent(u.pctRounded)]);
    expect(top).toEqual([
      [1, "Thống Nhất", "87,49%"],
      [2, "Toàn Thắng", "85,18%"],
      [3, "Đoàn Thượng", "84,99%"],
    ]);
  });

  it("puts Đức Xương last, 18th, with 66,45%", () => {
    const last = unitOf(result, "Đức Xương");
    expect([last.rank, formatPercent(last.pctRounded)]).toEqual([18, "66,45%"]);
  });

  it("has Tân Tiến, Lê Lợi and Đức Xương as the bottom three", () => {
    expect(sortedVi(result.units.slice(-3).map((u) => u.unit))).toEqual(sortedVi(GROUP_65_80));
  });

  it("reproduces the three group lists: none from 90%, fifteen from 80% to under 90%, three from 65% to under 80%", () => {
    expect(namesWhere(result, (u) => u.group.min === 90)).toEqual([]);
    expect(namesWhere(result, (u) => u.group.min === 80)).toEqual(sortedVi(GROUP_80_90));
    expect(namesWhere(result, (u) => u.group.min === 65)).toEqual(sortedVi(GROUP_65_80));
  });

  it("rates exactly the nine published heads HTT and the nine published heads HT, none HTXS or KHT", () => {
    expect(namesWhere(result, (u) => u.headRating?.final.code === "HTT")).toEqual(sortedVi(HTT));
    expect(namesWhere(result, (u) => u.headRating?.final.code === "HT")).toEqual(sortedVi(HT));
    expect(namesWhere(result, (u) => ["HTXS", "KHT"].includes(u.headRating?.final.code ?? ""))).toEqual([]);
  });

  it("caps the six units over 80% with a field under 70% at HT and says why", () => {
    for (const name of CAPPED) {
      const unit = unitOf(result, name);
      expect(unit.pctRounded).toBeGreaterThanOrEqual(80);
      expect(unit.headRating?.base.code).toBe("HTT");
      expect(unit.headRating?.final.label).toBe("Hoàn thành nhiệm vụ");
      const cap = unit.headRating?.caps[0];
      expect(cap?.message).toMatch(/^Có lĩnh vực đạt dưới 70% số điểm quy định/);
      expect(cap?.fields.every((f) => f.pctRounded < 70)).toBe(true);
    }
  });

  it("reports the published rank gains over 2021: Thống Nhất +12, Toàn Thắng +8, Gia Khánh +11, Đồng Quang +10", () => {
    const gains = ["Thống Nhất", "Toàn Thắng", "Gia Khánh", "Đồng Quang"].map(
      (n) => unitOf(result, n).rankChange,
    );
    expect(gains).toEqual([12, 8, 11, 10]);
  });

  it("raises no accountability flag for 2022: the TTHC < 75% instruction is for 2023 on", () => {
    for (const unit of result.units) expect(unit.headRating?.flags).toEqual([]);
  });
});

describe("Gia Lộc 2021, as implied by seed 002", () => {
  const result = scoreFixture(giaLoc2021);

  it("had exactly 4 heads rated HTT, five fewer than the 9 of 2022", () => {
    expect(namesWhere(result, (u) => u.headRating?.final.code === "HTT")).toHaveLength(9 - 5);
  });

  it("had Thống Nhất 13th and Toàn Thắng 10th, so that they gained 12 and 8 places", () => {
    expect(unitOf(result, "Thống Nhất").rank).toBe(1 + 12);
    expect(unitOf(result, "Toàn Thắng").rank).toBe(2 + 8);
  });
});
