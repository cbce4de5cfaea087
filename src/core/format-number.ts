/**
 * Numbers inside the core's Vietnamese messages. Delegates to the shared vi-VN formatter so that an
 * error says "điểm 18,5" exactly as the chat and CLI would print it.
 */
import { decimalsOf, formatNumber } from "../format/vi.ts";

/** As many decimals as the value carries: 25 → "25", 18.5 → "18,5", 87.032 → "87,032". */
export function viNumber(value: number): string {
  return formatNumber(value, decimalsOf(value));
}

/** A percentage with a fixed number of decimals: 54.545 → "54,5%". */
export function viPercent(value: number, decimals: number): string {
  return `${formatNumber(value, decimals)}%`;
}
