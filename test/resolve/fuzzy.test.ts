import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allowedTypos, boundedEditDistance } from "../../src/resolve/edit-distance.ts";
import { FuzzyIndex } from "../../src/resolve/fuzzy-index.ts";

/** Textbook optimal-string-alignment distance, the reference for the bounded version. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
  }
  return d[a.length]![b.length]!;
}

const word = fc.string({ unit: fc.constantFrom(..."abcdhnt"), maxLength: 11 });

describe("boundedEditDistance", () => {
  it("counts insertions, deletions, substitutions and swaps", () => {
    expect(boundedEditDistance("tanhong", "tanhong", 2)).toBe(0);
    expect(boundedEditDistance("tanhong", "tnahong", 2)).toBe(1);
    expect(boundedEditDistance("tanhong", "tanhongg", 2)).toBe(1);
    expect(boundedEditDistance("tanhong", "tanhung", 2)).toBe(1);
    expect(boundedEditDistance("tanhong", "xyz", 2)).toBe(3);
  });

  it("agrees with the reference up to its bound", () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        expect(boundedEditDistance(a, b, max)).toBe(Math.min(referenceDistance(a, b), max + 1));
      }),
      { numRuns: 500 },
    );
  });
});

describe("allowedTypos", () => {
  it("allows none below 4 letters, one up to 7, two from 8", () => {
    expect([3, 4, 7, 8, 14].map(allowedTypos)).toEqual([0, 1, 1, 2, 2]);
  });
});

describe("FuzzyIndex", () => {
  it("finds exactly the keys a full scan finds", () => {
    const limit = (q: number, k: number) => allowedTypos(Math.min(q, k));
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 40 }), word, (keys, query) => {
        const index = new FuzzyIndex(keys);
        const found = index
          .search(query, limit)
          .map((hit) => hit.key)
          .sort();
        const scanned = keys
          .filter((key) => {
            const max = limit(query.length, key.length);
            return max > 0 && referenceDistance(query, key) <= max;
          })
          .sort();
        expect(found).toEqual(scanned);
      }),
      { numRuns: 300 },
    );
  });
});
