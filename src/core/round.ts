/**
 * Half-up rounding on the decimal representation, so that 84.985 rounds to 84.99 even though the
 * binary double for 84.985 is slightly below it. Scores are published with a few decimals; a naive
 * Math.round(x * 100) / 100 gets such ties wrong.
 */
export function roundHalfUp(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const abs = Math.abs(value);
  // toPrecision(15) removes the binary noise below the 15th significant digit before shifting.
  const clean = Number(abs.toPrecision(15));
  const shifted = Number(`${clean}e${decimals}`);
  const rounded = Math.round(shifted + 1e-9);
  return sign * Number(`${rounded}e-${decimals}`);
}
