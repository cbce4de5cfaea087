/** A scope's average of each field, from the cards published in it that year, for /tieuchi. */
import type { Resolver } from "../../src/resolve/index.ts";
import type { PublishedCardResult } from "../../src/store/index.ts";
import type { CommandDeps } from "../types.ts";
import { cardOf, fieldsOf } from "./published.ts";

export interface FieldAverage {
  points: number;
  /** Some result the average is taken over is sample. */
  sample: boolean;
}

export interface ScopeFieldAverages {
  /** "huyện", "thị xã", "tỉnh": how the scope is named after "TB". */
  scopeWord: string;
  /** Results with field scores. */
  count: number;
  /** By field code. */
  averages: Map<string, FieldAverage>;
}

export async function scopeFieldAverages(
  deps: CommandDeps,
  resolver: Resolver,
  published: PublishedCardResult,
): Promise<ScopeFieldAverages | null> {
  const peers = await deps.store.publishedPeers.cards(published.scopeUnitId, published.year);
  const sums = new Map<string, { points: number; count: number; sample: boolean }>();
  let count = 0;
  for (const peer of peers) {
    const fields = fieldsOf(cardOf(peer));
    if (fields.length > 0) count += 1;
    for (const field of fields) {
      const sum = sums.get(field.code) ?? { points: 0, count: 0, sample: false };
      sums.set(field.code, {
        points: sum.points + field.points,
        count: sum.count + 1,
        sample: sum.sample || peer.sample,
      });
    }
  }
  // An average of one result is that result: nothing to compare with.
  if (count < 2) return null;
  const averages = new Map<string, FieldAverage>();
  for (const [code, sum] of sums) {
    averages.set(code, { points: Number((sum.points / sum.count).toFixed(2)), sample: sum.sample });
  }
  return { scopeWord: resolver.byId(published.scopeUnitId)?.unit.kind ?? "phạm vi", count, averages };
}
