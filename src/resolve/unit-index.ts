import type { ResolvableUnit } from "../domain/unit.ts";
import { FuzzyIndex } from "./fuzzy-index.ts";
import { stripOfficialPrefix } from "./prefixes.ts";
import { foldVietnamese } from "./text.ts";
import { latestStart, validityText, validOn } from "./validity.ts";

/** A unit with everything a query needs precomputed, so resolving allocates little. */
export interface IndexedUnit {
  unit: ResolvableUnit;
  /** Folded name without type word and spaces: "Xã Tân Hồng" → "tanhong". */
  key: string;
  /** The same with diacritics, lower-case NFC: "tânhồng". */
  accentKey: string;
  /** Keys of the ancestors' names, plus common short names of provinces ("hcm"). */
  ancestorKeys: readonly string[];
  ancestorIds: ReadonlySet<number>;
  path: string;
  validity: string;
  /** Valid on the latest date any unit starts: part of today's register. */
  current: boolean;
}

/** Short names people use for a few provinces and cities, keyed by the official name's key. */
const PROVINCE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  hochiminh: ["hcm", "tphcm", "saigon", "sg"],
  hanoi: ["hn", "tphn"],
  thuathienhue: ["hue"],
  bariavungtau: ["brvt"],
};

/** The province keys a short name stands for ("hcm" → "hochiminh"). */
export function provinceKeysOfAlias(alias: string): string[] {
  return Object.entries(PROVINCE_ALIASES)
    .filter(([, aliases]) => aliases.includes(alias))
    .map(([key]) => key);
}

/** The match key of an official name. */
export function nameKey(name: string): string {
  return foldVietnamese(stripOfficialPrefix(name)).replace(/[^\p{L}\p{N}]/gu, "");
}

function accentKeyOf(name: string): string {
  return stripOfficialPrefix(name)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]/gu, "");
}

export interface UnitIndex {
  units: readonly IndexedUnit[];
  byKey: ReadonlyMap<string, readonly number[]>;
  /** Province short names ("hcm") as names of the province itself. */
  byAlias: ReadonlyMap<string, readonly number[]>;
  byId: ReadonlyMap<number, number>;
  byCode: ReadonlyMap<string, readonly number[]>;
  /** Every ancestor key of every unit: what a qualifier can possibly name. */
  ancestorKeys: ReadonlySet<string>;
  /** Distinct keys in sorted order, for completing a typed beginning. */
  sortedKeys: readonly string[];
  /** Built on the first typo, so a cold start (a Worker isolate) pays only for exact lookups. */
  fuzzy(): FuzzyIndex;
}

/**
 * `today` is the day the current register starts; by default the latest start among `source`, which
 * is right for the whole register (a part of it passes the whole register's day).
 */
export function buildUnitIndex(source: readonly ResolvableUnit[], today = latestStart(source)): UnitIndex {
  const units: IndexedUnit[] = [];
  const byKey = new Map<string, number[]>();
  const byAlias = new Map<string, number[]>();
  const byId = new Map<number, number>();
  const byCode = new Map<string, number[]>();
  // Thousands of communes share each district and province: fold each ancestor name once.
  const ancestorKeys = new Map<string, readonly string[]>();
  const keysOfAncestor = (name: string) => {
    const known = ancestorKeys.get(name);
    if (known) return known;
    const keys = withAliases(nameKey(name));
    ancestorKeys.set(name, keys);
    return keys;
  };
  for (const unit of source) {
    const key = nameKey(unit.name);
    const at = units.length;
    units.push({
      unit,
      key,
      accentKey: accentKeyOf(unit.name),
      ancestorKeys: unit.ancestors.flatMap((ancestor) => keysOfAncestor(ancestor.name)),
      ancestorIds: new Set(unit.ancestors.map((ancestor) => ancestor.id)),
      path: [unit.name, ...unit.ancestors.map((ancestor) => ancestor.name)].join(", "),
      validity: validityText(unit),
      current: today === null || validOn(unit, today),
    });
    push(byKey, key, at);
    if (unit.level === "province") for (const alias of PROVINCE_ALIASES[key] ?? []) push(byAlias, alias, at);
    byId.set(unit.id, at);
    push(byCode, unit.code, at);
  }
  const sortedKeys = [...byKey.keys()].sort();
  let fuzzy: FuzzyIndex | undefined;
  return {
    units,
    byKey,
    byAlias,
    byId,
    byCode,
    ancestorKeys: new Set([...ancestorKeys.values()].flat()),
    sortedKeys,
    fuzzy: () => {
      fuzzy ??= new FuzzyIndex(sortedKeys);
      return fuzzy;
    },
  };
}

function withAliases(key: string): string[] {
  return [key, ...(PROVINCE_ALIASES[key] ?? [])];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
