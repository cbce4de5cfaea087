export type TieRule = "competition" | "dense";

/**
 * Ranks, highest value first. Competition ranking (1, 2, 2, 4) is the default because no source states
 * a tie rule and it is what sports tables and most published lists use; dense (1, 2, 2, 3) is configurable.
 */
export function rankValues(values: readonly number[], ties: TieRule = "competition"): number[] {
  if (ties === "dense") {
    const distinct = [...new Set(values)].sort((a, b) => b - a);
    return values.map((v) => distinct.indexOf(v) + 1);
  }
  return values.map((v) => 1 + values.filter((other) => other > v).length);
}
