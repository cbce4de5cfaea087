/** Seeds 003 (Tân Hồng, Bình Giang, 11/3/2023) and 001 (Bắc An, Chí Linh, 15/3/2022). */
import { describe, expect, it } from "vitest";
import {
  binhGiang2020,
  binhGiang2021,
  binhGiang2022,
  chiLinh2020,
  chiLinh2021,
} from "../../src/demo/fixtures/index.ts";
import { formatPercent, formatScore } from "../../src/format/vi.ts";
import { scoreFixture, unitOf } from "./support/fixtures.ts";

describe("Tân Hồng, Bình Giang (seed 003)", () => {
  const result2022 = scoreFixture(binhGiang2022);
  const tanHong = unitOf(result2022, "Tân Hồng");

  it("scores 87,032 points in 2022 and keeps the third decimal the source printed", () => {
    expect(formatScore(tanHong.points)).toBe("87,032");
    expect(formatPercent(tanHong.pctRounded)).toBe("87,03%");
  });

  it("reaches 100% in cải cách thể chế, tổ chức bộ máy and tài chính công", () => {
    const full = tanHong.fields.filter((f) => f.pct === 100).map((f) => f.name);
    expect(full).toEqual(
      expect.arrayContaining([
        "Cải cách thể chế",
        "Cải cách tổ chức bộ máy hành chính nhà nước",
        "Cải cách tài chính công",
      ]),
    );
  });

  it("is first for three years running, 2020 to 2022", () => {
    const ranks = [binhGiang2020, binhGiang2021, binhGiang2022].map(
      (f) => unitOf(scoreFixture(f), "Tân Hồng").rank,
    );
    expect(ranks).toEqual([1, 1, 1]);
  });

  it("keeps the survey (88,75%) and satisfaction (99,3%) figures as published annotations", () => {
    const fixture = binhGiang2022.units.find((u) => u.unitName === "Tân Hồng");
    expect(fixture?.published?.components?.map((c) => c.pct)).toEqual([88.75, 99.3]);
  });
});

describe("Bắc An, Chí Linh (seed 001)", () => {
  const result2021 = scoreFixture(chiLinh2021);
  const bacAn = unitOf(result2021, "Bắc An");

  it("scores 77,14 points and ranks 5th in 2021", () => {
    expect(formatScore(bacAn.points)).toBe("77,14");
    expect(bacAn.rank).toBe(5);
  });

  it("gains 4 places over 2020", () => {
    expect(bacAn.rankChange).toBe(4);
    expect(unitOf(scoreFixture(chiLinh2020), "Bắc An").rank).toBe(5 + 4);
  });

  it("ranks the 19 communes and wards of Chí Linh", () => {
    expect(result2021.count).toBe(19);
  });
});
