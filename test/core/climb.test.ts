/** What it takes to climb: the stated gaps are exactly enough, one step less is not (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ClimbPeer,
  type ClimbRules,
  classify,
  climb,
  climbAdd,
  climbPct,
  type NodeFigures,
  rankValues,
  roundHalfUp,
} from "../../src/core/index.ts";

const EPS = 1e-9;

function rules(bands: number[], capBelow: number | null, ties: "competition" | "dense" = "competition") {
  const sorted = [...new Set([0, ...bands])].sort((a, b) => b - a);
  return {
    display: { decimals: 2, rounding: "halfUp", componentPctDecimals: 1 },
    classification: { bands: sorted.map((min, i) => ({ code: `B${i}`, label: `Nhóm ${min}`, min })) },
    ranking: { ties, value: "pctRounded" },
    headRating:
      capBelow === null
        ? null
        : {
            scale: [
              { code: "HTXS", label: "Hoàn thành xuất sắc nhiệm vụ" },
              { code: "HTT", label: "Hoàn thành tốt nhiệm vụ" },
              { code: "HT", label: "Hoàn thành nhiệm vụ" },
              { code: "KHT", label: "Không hoàn thành nhiệm vụ" },
            ],
            base: [
              { rating: "HTXS", min: 90 },
              { rating: "HTT", min: 80 },
              { rating: "HT", min: 65 },
              { rating: "KHT", min: 0 },
            ],
            caps: [
              { when: { anyField: { pctBelow: capBelow } }, capAt: "HT", reason: "Có lĩnh vực dưới ngưỡng" },
            ],
            flags: [],
          },
  } as ClimbRules;
}

function field(code: string, points: number, max: number): NodeFigures {
  const pct = (points / max) * 100;
  return {
    code,
    name: `Lĩnh vực ${code}`,
    shortName: `Lĩnh vực ${code}`,
    depth: 1,
    tag: null,
    isLeaf: false,
    max,
    applicableMax: max,
    points,
    pct,
    pctRounded: roundHalfUp(pct, 2),
    lost: Math.max(0, max - points),
    notApplicable: false,
    assumed: false,
    leaf: null,
  };
}

/** A unit's rank among its peers at a given rounded %, as scoring ranks it. */
const rankAt = (pct: number, peers: readonly ClimbPeer[], ties: "competition" | "dense" = "competition") =>
  rankValues([pct, ...peers.map((p) => p.pctRounded)], ties)[0] as number;

const hundredths = (min: number, max: number) => fc.integer({ min, max }).map((n) => n / 100);

const scenario = fc
  .record({
    max: fc.oneof(fc.constant(100), fc.integer({ min: 10, max: 120 })),
    share: fc.integer({ min: 0, max: 100_000 }),
    peers: fc.array(hundredths(0, 10_000), { maxLength: 25 }),
    bands: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 4 }),
    ties: fc.constantFrom("competition" as const, "dense" as const),
    fields: fc.array(
      fc.record({ max: fc.integer({ min: 1, max: 30 }), share: fc.integer({ min: 0, max: 1000 }) }),
      {
        minLength: 1,
        maxLength: 8,
      },
    ),
    capBelow: fc.constantFrom(50, 70, 75),
  })
  .map((s) => {
    const points = roundHalfUp((s.max * s.share) / 100_000, 3);
    return {
      ...s,
      points,
      peers: s.peers.map((pctRounded, i) => ({ name: `Xã ${i}`, pctRounded })),
      fieldList: s.fields.map((f, i) => field(`F${i + 1}`, roundHalfUp((f.max * f.share) / 1000, 2), f.max)),
    };
  });

describe("climb", () => {
  it("states the points that pass the unit just above, and one step less does not", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = rules(s.bands, s.capBelow, s.ties);
        const result = climb(
          r,
          { name: "Xã A", points: s.points, applicableMax: s.max, fields: [] },
          s.peers,
        );
        const before = rankAt(result.pctRounded, s.peers, s.ties);
        expect(result.rank).toBe(before);
        const gap = result.nextRank;
        if (gap === null) {
          expect(before).toBe(1);
          return;
        }
        expect(before).toBeGreaterThan(1);
        expect(gap.pctRounded).toBeGreaterThan(result.pctRounded);
        const pctWith = (gain: number) => climbPct(climbAdd(s.points, gain), s.max, 2);
        if (gap.toPass !== null) {
          expect(gap.toPass).toBeLessThanOrEqual(result.pointsLeft + EPS);
          expect(pctWith(gap.toPass)).toBeGreaterThan(gap.pctRounded);
          // At least their rank: below 100 points of maximum one step may pass more than one unit.
          expect(rankAt(pctWith(gap.toPass), s.peers, s.ties)).toBeLessThanOrEqual(gap.rank);
          const less = gap.toPass - result.step;
          if (less >= 0) expect(pctWith(less)).toBeLessThanOrEqual(gap.pctRounded);
        } else {
          expect(pctWith(result.pointsLeft)).toBeLessThanOrEqual(gap.pctRounded);
        }
        if (gap.toTie !== null) {
          // Equal points share the rank: tying the units above is already a better rank.
          expect(rankAt(pctWith(gap.toTie), s.peers, s.ties)).toBeLessThanOrEqual(gap.rank);
          expect(gap.rank).toBeLessThan(before);
          const less = gap.toTie - result.step;
          if (less >= 0) expect(rankAt(pctWith(less), s.peers, s.ties)).toBe(before);
          // Below 100 points of maximum one step can jump over the tie: then passing costs no more.
          if (gap.toPass !== null) expect(gap.toPass).toBeGreaterThanOrEqual(gap.toTie);
        } else {
          expect(gap.toPass).toBeNull();
        }
      }),
      { numRuns: 400 },
    );
  });

  it("states the points that reach exactly the next band", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = rules(s.bands, s.capBelow);
        const result = climb(
          r,
          { name: "Xã A", points: s.points, applicableMax: s.max, fields: [] },
          s.peers,
        );
        const top = Math.max(...r.classification.bands.map((b) => b.min));
        const gap = result.nextBand;
        if (gap === null) {
          expect(result.group.min).toBe(top);
          return;
        }
        expect(gap.band.min).toBeGreaterThan(result.group.min);
        if (gap.points === null) return;
        const pctWith = (gain: number) => climbPct(climbAdd(s.points, gain), s.max, 2);
        expect(classify(r.classification.bands, pctWith(gap.points)).code).toBe(gap.band.code);
        const less = gap.points - result.step;
        if (less >= 0) expect(classify(r.classification.bands, pctWith(less)).code).toBe(result.group.code);
      }),
      { numRuns: 400 },
    );
  });

  it("lists the largest losses first and never more than a field can give back", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = rules(s.bands, s.capBelow);
        const unit = { name: "Xã A", points: s.points, applicableMax: s.max, fields: s.fieldList };
        const result = climb(r, unit, s.peers, { recoverCount: 10 });
        for (const item of result.recover) {
          expect(item.lost).toBeGreaterThan(0);
          expect(item.points + item.lost).toBeLessThanOrEqual(item.applicableMax + EPS);
          expect(item.lost).toBeLessThanOrEqual(item.max + EPS);
        }
        for (let i = 1; i < result.recover.length; i++) {
          expect(result.recover[i - 1]!.lost).toBeGreaterThanOrEqual(result.recover[i]!.lost);
        }
        const losing = s.fieldList.filter((f) => f.lost > EPS).length;
        expect(result.recover).toHaveLength(Math.min(10, losing));
      }),
      { numRuns: 300 },
    );
  });

  it("names every field under a cap's threshold with the points that clear it", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = rules(s.bands, s.capBelow);
        const unit = { name: "Xã A", points: s.points, applicableMax: s.max, fields: s.fieldList };
        const result = climb(r, unit, s.peers);
        const under = s.fieldList.filter((f) => (f.pctRounded ?? 0) < s.capBelow);
        expect(result.caps.map((c) => c.field.code)).toEqual(under.map((f) => f.code));
        for (const cap of result.caps) {
          const f = s.fieldList.find((x) => x.code === cap.field.code)!;
          expect(cap.toClear).not.toBeNull();
          const pctWith = (gain: number) => climbPct(climbAdd(f.points, gain), f.applicableMax, 2);
          expect(pctWith(cap.toClear!)).toBeGreaterThanOrEqual(s.capBelow);
          expect(f.points + cap.toClear!).toBeLessThanOrEqual(f.applicableMax + EPS);
          const less = cap.toClear! - result.step;
          if (less >= 0) expect(pctWith(less)).toBeLessThan(s.capBelow);
          expect(cap.lowersNow).toBe(result.pctRounded >= 80);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("has no gap at rank 1 nor in the top band", () => {
    const r = rules([65, 80, 90], 70);
    const result = climb(r, { name: "Xã A", points: 95, applicableMax: 100, fields: [] }, [
      { name: "Xã B", pctRounded: 95 },
      { name: "Xã C", pctRounded: 80 },
    ]);
    expect(result.rank).toBe(1);
    expect(result.nextRank).toBeNull();
    expect(result.nextBand).toBeNull();
  });

  it("Toàn Thắng 2022: 2,31 points tie Thống Nhất for rank 1, 2,32 pass it", () => {
    const r = rules([65, 80, 90], 70);
    const result = climb(r, { name: "Xã Toàn Thắng", points: 85.18, applicableMax: 100, fields: [] }, [
      { name: "Xã Thống Nhất", pctRounded: 87.49 },
      { name: "Xã Đoàn Thượng", pctRounded: 84.99 },
    ]);
    expect(result.rank).toBe(2);
    expect(result.nextRank).toMatchObject({ rank: 1, names: ["Xã Thống Nhất"], toTie: 2.31, toPass: 2.32 });
    expect(result.nextBand).toMatchObject({ band: { min: 90 }, points: 4.82 });
  });

  it("counts gaps in steps of the display precision from a total with more decimals (87,032)", () => {
    const r = rules([65, 80, 90], 70);
    const result = climb(r, { name: "Xã Tân Hồng", points: 87.032, applicableMax: 100, fields: [] }, []);
    expect(result.nextBand?.points).toBe(2.97);
  });

  it("names the cap a field holds up: a field at 68% of 24 needs 0,48 points for 70%", () => {
    const r = rules([65, 80, 90], 70);
    const fields = [field("F7", 16.32, 24), field("F1", 12, 12)];
    const result = climb(r, { name: "Xã A", points: 85, applicableMax: 100, fields }, []);
    expect(result.caps).toEqual([
      expect.objectContaining({
        field: expect.objectContaining({ code: "F7" }),
        toClear: 0.48,
        lowersNow: true,
      }),
    ]);
  });
});
