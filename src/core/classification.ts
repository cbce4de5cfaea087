import type { Band } from "./methodology/schema.ts";
import type { GroupResult } from "./results.ts";

/**
 * The band whose inclusive lower bound the rounded % reaches, highest bound first. A composite below
 * 0% (penalty points) falls in the lowest band, which validation guarantees starts at 0.
 */
export function classify(bands: readonly Band[], pctRounded: number): GroupResult {
  const ordered = [...bands].sort((a, b) => b.min - a.min);
  const band = ordered.find((b) => pctRounded >= b.min) ?? ordered[ordered.length - 1]!;
  return { code: band.code, label: band.label, min: band.min };
}
