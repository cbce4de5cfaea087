/**
 * Where a process cannot keep the national register's index warm (a new Worker isolate per burst of
 * messages), a message naming a unit is first answered from the units it can name, read in one
 * statement (store `units.named`); src/resolve/narrow.ts says when that answer might differ from the
 * whole register's, and the chat service then answers again with the whole register.
 */
import type { ResolvableUnit } from "../domain/unit.ts";
import { createResolver, type Resolver } from "../resolve/index.ts";
import { createNarrowResolver, type NameHint, type NarrowResolver } from "../resolve/narrow.ts";
import type { Store } from "../store/index.ts";

export type NarrowResolvers = (hint: NameHint) => Promise<NarrowResolver | null>;

/** How long a read set of units answers the same names again: a unit import shows after at most this. */
const CACHE_MS = 5 * 60 * 1000;
const CACHE_ENTRIES = 256;

interface Cached {
  at: number;
  units: ResolvableUnit[];
  today: string | null;
  inner: Resolver;
  incomplete: ReadonlySet<number>;
}

/**
 * Null when some unit's name key is stale (run the migration): the whole register answers then. The
 * units read for a message, and their index, are kept a few minutes for the same names (a bounded
 * cache), so a warm process asks the database nothing more than it would with the whole register.
 */
export function narrowResolvers(
  store: Pick<Store, "units">,
  clock: () => number = Date.now,
): NarrowResolvers {
  const cache = new Map<string, Cached>();
  return async (hint) => {
    const key = JSON.stringify([[...hint.keys].sort(), [...hint.codes].sort(), [...hint.ids].sort()]);
    const now = clock();
    let entry = cache.get(key);
    if (entry === undefined || now - entry.at > CACHE_MS) {
      const named = await store.units.named(hint);
      if (named.stale) return null;
      entry = {
        at: now,
        units: named.units,
        today: named.today,
        inner: createResolver(named.units, { today: named.today }),
        incomplete: new Set(named.incomplete),
      };
      cache.delete(key);
      cache.set(key, entry);
      if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    }
    return createNarrowResolver(entry.units, entry.today, hint, entry.inner, entry.incomplete);
  };
}
