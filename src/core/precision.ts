/** Tolerance for comparing maxima and scores that were added up in binary floating point. */
export const EPSILON = 1e-9;

/**
 * Removes the binary noise that sums and differences of decimal scores pick up (73.34000000000002,
 * 81.27 − 78.12 = 3.1499999999999915). Twelve significant digits is far beyond any published precision.
 */
export function tidy(value: number): number {
  return Number(value.toPrecision(12));
}
