/**
 * The embargo demo: 2023 draft assessments for Gia Lộc and Bình Giang, never published, so that the
 * chat side can be seen to show nothing of an unpublished year. The scores are 2022's moved a little
 * by a seeded generator (the same on every run) and kept within each leaf's maximum.
 */
import { leafNodes, type Methodology } from "../core/index.ts";
import type { ScoreFixture } from "./fixtures/index.ts";

export const DRAFT_YEAR = 2023;
// Says what the figures are, not their state: an officer may publish them to try the announcement.
export const DRAFT_SOURCE = "Số liệu minh họa do cchc-bot tạo cho năm đánh giá 2023";

/** mulberry32: tiny, seedable, and good enough to scatter demo scores. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Leaf scores per fixture unit name, for the year after the fixture's. */
export function draftScores(
  fixture: ScoreFixture,
  methodology: Methodology,
): Map<string, Record<string, number>> {
  const rand = random(fixture.year * 7919 + fixture.units.length);
  const leaves = leafNodes(methodology);
  return new Map(
    fixture.units.map((u) => {
      const scores: Record<string, number> = {};
      for (const leaf of leaves) {
        const before = u.scores[leaf.code] ?? leaf.max / 2;
        const moved = before + (rand() - 0.45) * leaf.max * 0.12;
        scores[leaf.code] = Math.round(Math.min(leaf.max, Math.max(0, moved)) * 100) / 100;
      }
      return [u.unitName, scores];
    }),
  );
}
