/**
 * Where a process cannot keep the national register's index warm (a new Worker isolate per burst of
 * messages), a message naming a unit is first answered from the units it can name, read in one
 * statement (store `units.named`); src/resolve/narrow.ts says when that answer might differ from the
 * whole register's, and the chat service then answers again with the whole register.
 */
import { createNarrowResolver, type NameHint, type NarrowResolver } from "../resolve/narrow.ts";
import type { Store } from "../store/index.ts";

export type NarrowResolvers = (hint: NameHint) => Promise<NarrowResolver | null>;

/** Null when some unit's name key is stale (run the migration): the whole register answers then. */
export function narrowResolvers(store: Pick<Store, "units">): NarrowResolvers {
  return async (hint) => {
    const named = await store.units.named(hint);
    return named.stale ? null : createNarrowResolver(named.units, named.today, hint);
  };
}
