/**
 * Seed 004 (Thị xã Sông Cầu, 17/5/2023): the district index of 2022 and the communes' classification.
 * Every expected figure below is typed from the article, not from the engine.
 */
import { describe, expect, it } from "vitest";
import { scoreUnit } from "../../src/core/index.ts";
import { phuYenDistricts2022, songCauCommunes2022 } from "../../src/demo/fixtures/index.ts";
import { formatNumber, formatPercent, formatScore, formatSigned } from "../../src/format/vi.ts";
import { getBuiltinMethodology } from "../../src/methodologies/index.ts";
import { scoreFixture, unitOf } from "./support/fixtures.ts";

const ARTICLE_FIELDS = { F1: 17.64, F2: 5.9, F3: 12, F4: 7, F5: 11, F6: 5.5, F7: 8.42, F8: 5.88 };
const methodology = getBuiltinMethodology("phuyen-district-2022");

describe("Sông Cầu 2022, district level (seed 004)", () => {
  const result = scoreUnit(methodology, { unit: "Sông Cầu", scores: ARTICLE_FIELDS });

  it("adds the eight published field scores up to 73,34 of 100 points", () => {
    expect(formatScore(result.points)).toBe("73,34");
    expect(result.maxPoints).toBe(100);
    expect(formatPercent(result.pctRounded)).toBe("73,34%");
  });

  it("classifies 73,34 as Khá", () => {
    expect(result.group.label).toBe("Khá");
  });

  it("finds chính quyền điện tử 52,6%, then cải cách TTHC 54,5%, then tài chính công 57,9% lowest by % of maximum", () => {
    const lowest = result.lowest.byPct.map((c) => [c.shortName, formatPercent(c.pct, 1)]);
    expect(lowest).toEqual([
      ["Chính quyền điện tử", "52,6%"],
      ["Cải cách TTHC", "54,5%"],
      ["Cải cách tài chính công", "57,9%"],
    ]);
  });

  it("finds cải cách TTHC losing the most points, 10,00, then chính quyền điện tử 7,58 and tài chính công 4,00", () => {
    const lost = result.lowest.byPointsLost.map((c) => [c.code, formatNumber(c.lost)]);
    expect(lost).toEqual([
      ["F3", "10,00"],
      ["F7", "7,58"],
      ["F6", "4,00"],
    ]);
  });

  it("uses the field fixture exactly as the article printed it", () => {
    const fixture = phuYenDistricts2022.units.find((u) => u.unitName === "Sông Cầu");
    expect(fixture?.scores).toEqual(ARTICLE_FIELDS);
    expect(fixture?.sample).toBe(false);
  });
});

describe("Sông Cầu among the nine Phú Yên districts (seed 004)", () => {
  const peers = scoreFixture(phuYenDistricts2022);
  const songCau = unitOf(peers, "Sông Cầu");

  it("ranks Sông Cầu 3rd of 9", () => {
    expect(peers.count).toBe(9);
    expect(songCau.rank).toBe(3);
  });

  it("reports a gain of 3 places and 8,48 points over 2021", () => {
    expect(songCau.rankChange).toBe(3);
    expect(formatSigned(songCau.pointsChange ?? Number.NaN)).toBe("+8,48");
  });

  it("names the nine districts of Phú Yên as they were in 2022", () => {
    expect(peers.units.map((u) => u.unit).sort((a, b) => a.localeCompare(b, "vi"))).toEqual(
      [
        "Đông Hòa",
        "Đồng Xuân",
        "Phú Hòa",
        "Sơn Hòa",
        "Sông Cầu",
        "Sông Hinh",
        "Tây Hòa",
        "Tuy An",
        "Tuy Hòa",
      ].sort((a, b) => a.localeCompare(b, "vi")),
    );
  });
});

describe("the 13 communes of Sông Cầu in 2022 (seed 004)", () => {
  const peers = scoreFixture(songCauCommunes2022);
  const byLabel = (label: string) => peers.units.filter((u) => u.group.label === label).map((u) => u.unit);

  it("has exactly one Tốt, Xuân Thành", () => {
    expect(byLabel("Tốt")).toEqual(["Xuân Thành"]);
  });

  it("has ten Khá and two Trung bình", () => {
    expect(peers.count).toBe(13);
    expect(byLabel("Khá")).toHaveLength(10);
    expect(byLabel("Trung bình")).toHaveLength(2);
  });
});
