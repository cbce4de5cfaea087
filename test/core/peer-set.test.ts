import { describe, expect, it } from "vitest";
import { rankValues, scorePeerSet, standingsOf } from "../../src/core/index.ts";
import { flatMethodology } from "./support/methodology.ts";

const m = flatMethodology([50, 50]);
const unit = (name: string, a: number, b: number) => ({ unit: name, scores: { F1: a, F2: b } });

describe("ranking a peer set", () => {
  it("uses standard competition ranking for ties by default: 1, 2, 2, 4", () => {
    expect(rankValues([90, 85, 85, 80])).toEqual([1, 2, 2, 4]);
  });

  it("can rank densely when the methodology says so: 1, 2, 2, 3", () => {
    expect(rankValues([90, 85, 85, 80], "dense")).toEqual([1, 2, 2, 3]);
  });

  it("ranks on the rounded %, so 84,994% and 84,99% share a rank", () => {
    const result = scorePeerSet(m, [unit("A", 42.497, 42.497), unit("B", 42.495, 42.495), unit("C", 40, 40)]);
    expect(result.units.map((u) => [u.unit, u.rank])).toEqual([
      ["A", 1],
      ["B", 1],
      ["C", 3],
    ]);
  });

  it("compares with the previous year by unit and leaves units absent either year without a change", () => {
    const before = scorePeerSet(m, [unit("A", 30, 30), unit("B", 40, 40), unit("Gone", 45, 45)]);
    const now = scorePeerSet(m, [unit("A", 45, 45), unit("B", 35, 35), unit("New", 20, 20)], {
      previous: standingsOf(before),
    });
    const row = (name: string) => now.units.find((u) => u.unit === name)!;
    expect([row("A").previousRank, row("A").rankChange, row("A").pointsChange]).toEqual([3, 2, 30]);
    expect([row("B").rankChange, row("B").pointsChange]).toEqual([0, -10]);
    expect([row("New").rankChange, row("New").pointsChange, row("New").previousRank]).toEqual([
      null,
      null,
      null,
    ]);
    expect(now.units.some((u) => u.unit === "Gone")).toBe(false);
  });

  it("averages points, % and each field's %", () => {
    const result = scorePeerSet(m, [unit("A", 50, 40), unit("B", 30, 20)]);
    expect(result.count).toBe(2);
    expect(result.averages.points).toBe(70);
    expect(result.averages.pct).toBe(70);
    expect(result.averages.fields.map((f) => f.pct)).toEqual([80, 60]);
  });
});
