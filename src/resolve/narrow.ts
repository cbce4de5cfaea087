/**
 * A resolver over part of the register, for a new Worker isolate that cannot afford to load the whole
 * national register for its first message. It is given the units a message can name (every unit whose
 * name key is a run of the message's words, with their provinces) and says when it cannot be sure it
 * answers as the whole register would: a name it was not given, a typo (near names need every key), a
 * unit asked by id or code outside what it holds. The caller then answers with the whole register.
 *
 * Exact names are safe: the whole register's resolver tries exact keys first and only goes near when
 * none matched, so every unit an exact answer could involve is among those given.
 */
import type { ResolvableUnit } from "../domain/unit.ts";
import { readingsOf } from "./readings.ts";
import { createResolver } from "./resolver.ts";
import { stripInvisible, words } from "./text.ts";
import type { Resolver } from "./types.ts";
import { provinceKeysOfAlias } from "./unit-index.ts";

/** As readings.ts: longer runs of words are never one name. */
const MAX_NAME_WORDS = 7;

export interface NameHint {
  keys: string[];
  codes: string[];
  ids: number[];
}

/** Every key a reading of `text` (or of any part of it a command passes on) could look up. */
export function nameHint(text: string, ids: readonly number[] = []): NameHint {
  const tokens = words(stripInvisible(text)).folded;
  const keys = new Set<string>();
  for (let start = 0; start < tokens.length; start++) {
    let key = "";
    for (let end = start; end < Math.min(tokens.length, start + MAX_NAME_WORDS); end++) {
      key += tokens[end];
      keys.add(key);
      for (const province of provinceKeysOfAlias(key)) keys.add(province);
    }
  }
  const codes = tokens.filter((t) => /^\d{5}$/u.test(t));
  const typedIds = [...text.matchAll(/#(\d{1,9})\b/gu)].map((m) => Number(m[1]));
  return { keys: [...keys], codes, ids: [...new Set([...ids, ...typedIds])] };
}

export interface NarrowResolver extends Resolver {
  /** Whether some answer may differ from the whole register's: then answer again with it. */
  unsure(): boolean;
}

/** `inner`: a resolver already built over `units` (a cache may keep one per hint). */
export function createNarrowResolver(
  units: readonly ResolvableUnit[],
  today: string | null,
  hint: NameHint,
  inner: Resolver = createResolver(units, { today }),
  incomplete: ReadonlySet<number> = new Set(),
): NarrowResolver {
  const keys = new Set(hint.keys);
  const codes = new Set(hint.codes);
  let unsure = false;
  return {
    size: inner.size,
    unsure: () => unsure,
    resolve(text, options) {
      const typed = words(stripInvisible(typeof text === "string" ? text : ""));
      const looked = readingsOf(typed).map((r) => r.key);
      if (!looked.every((key) => keys.has(key))) unsure = true;
      const result = inner.resolve(text, options);
      // Nothing exact: the whole register's near names (or, for type words alone, its answer) may differ.
      if (result.kind === "none" || (result.kind === "invalid" && result.reason === "empty")) unsure = true;
      if (result.kind === "unit" && (result.match.distance !== 0 || incomplete.has(result.unit.id)))
        unsure = true;
      if (
        result.kind === "choice" &&
        result.options.some((o) => o.distance !== 0 || incomplete.has(o.unit.id))
      ) {
        unsure = true;
      }
      return result;
    },
    byId(id) {
      const found = inner.byId(id);
      if (found === undefined || incomplete.has(id)) unsure = true;
      return found;
    },
    byCode(code, options) {
      if (!codes.has(code.trim())) unsure = true;
      const found = inner.byCode(code, options);
      if (found.some((m) => incomplete.has(m.unit.id))) unsure = true;
      return found;
    },
  };
}
