import type { ResolvableUnit } from "../domain/unit.ts";
import { allowedTypos } from "./edit-distance.ts";
import { couldQualify, matchQualifiers } from "./qualifiers.ts";
import { onlyTypeWords, type Reading, readingsOf } from "./readings.ts";
import { fitsDiacritics, stripInvisible, words } from "./text.ts";
import type { Match, ResolveOptions, ResolveResult, Resolver } from "./types.ts";
import { buildUnitIndex, type IndexedUnit, type UnitIndex } from "./unit-index.ts";
import { validInYear } from "./validity.ts";

/** Beyond this the text is not a unit name; refusing early keeps pasted essays cheap. */
const MAX_INPUT_CHARS = 200;
const MAX_TOKENS = 14;
const DEFAULT_LIMIT = 8;
/** One collator for all sorting: `localeCompare(x, "vi")` builds a new one on every call. */
const vietnamese = new Intl.Collator("vi");

const REFUSALS = {
  empty: "Chưa có tên đơn vị. Ví dụ: Tân Hồng, Bình Giang.",
  too_long: "Tên đơn vị quá dài. Hãy gõ tên xã, phường (có thể kèm huyện, tỉnh).",
} as const;

/** A unit matched by one reading of the text; the best reading per unit is kept. */
interface Candidate {
  at: number;
  distance: number;
  score: number;
  /** True, false, or null when no type word was typed. */
  kindAgrees: boolean | null;
  /**
   * How well the typed diacritics fit the unit's name: 2 exactly ("Thanh Xuân" for Thanh Xuân),
   * 1 as far as typed ("Tân Hong" for Tân Hồng), 0 not at all ("Tân Hồng" for Tản Hồng).
   */
  accentFit: 0 | 1 | 2;
  nameLast: boolean;
}

/**
 * Builds the name index once over `units` (the whole national register is fine) and returns a
 * resolver answering in microseconds.
 *
 * @example
 * const resolver = createResolver(units);
 * resolver.resolve("tan hong binh giang", { year: 2022 }); // { kind: "unit", unit: Xã Tân Hồng … }
 */
export function createResolver(
  units: readonly ResolvableUnit[],
  options: { today?: string | null } = {},
): Resolver {
  const index = options.today === undefined ? buildUnitIndex(units) : buildUnitIndex(units, options.today);
  return {
    size: index.units.length,
    resolve: (text, options = {}) => resolve(index, text, options),
    byId(id) {
      const at = index.byId.get(id);
      return at === undefined ? undefined : toMatch(index.units[at]!, 0, 0);
    },
    byCode(code, options = {}) {
      const found = (index.byCode.get(code.trim()) ?? []).map((at) => index.units[at]!);
      const valid = (entry: IndexedUnit) => inWindow(entry, options.year);
      return [...found.filter(valid), ...found.filter((entry) => !valid(entry))].map((entry) =>
        toMatch(entry, 0, 0),
      );
    },
  };
}

function resolve(index: UnitIndex, text: string, options: ResolveOptions): ResolveResult {
  if (typeof text !== "string") return refuse("empty");
  // Refused before any cleaning, so a pasted megabyte costs nothing; emoji and zero-width padding
  // get four times the room of the name itself.
  if (text.length > MAX_INPUT_CHARS * 4) return refuse("too_long");
  const cleaned = stripInvisible(text).normalize("NFC").trim();
  if (cleaned.length > MAX_INPUT_CHARS) return refuse("too_long");
  const typed = words(cleaned);
  const tokens = typed.folded;
  if (tokens.length === 0) return refuse("empty");
  if (tokens.length > MAX_TOKENS) return refuse("too_long");
  if (tokens.length === 1 && /^\d{5}$/.test(tokens[0]!)) {
    const byCode = resolveCode(index, tokens[0]!, options);
    if (byCode) return byCode;
  }
  const readings = readingsOf(typed);

  let found = collect(index, readings, options, false);
  if (found.size === 0) found = collect(index, readings, options, true);
  if (found.size > 0) return decide(index, [...found.values()], options);
  if (onlyTypeWords(tokens)) return refuse("empty");
  return { kind: "none", suggestions: suggest(index, readings, options) };
}

function refuse(reason: keyof typeof REFUSALS): ResolveResult {
  return { kind: "invalid", reason, message: REFUSALS[reason] };
}

function resolveCode(index: UnitIndex, code: string, options: ResolveOptions): ResolveResult | null {
  const found = (index.byCode.get(code) ?? []).filter((at) => levelAllowed(index.units[at]!, options));
  if (found.length === 0) return null;
  const candidates = found.map(
    (at): Candidate => ({
      at,
      distance: 0,
      score: 100,
      kindAgrees: null,
      accentFit: 2,
      nameLast: false,
    }),
  );
  return decide(index, candidates, options);
}

/** Every unit some reading names, with its qualifiers all accounted for. */
function collect(
  index: UnitIndex,
  readings: readonly Reading[],
  options: ResolveOptions,
  fuzzy: boolean,
): Map<number, Candidate> {
  const found = new Map<number, Candidate>();
  // Readings share name keys (with and without a type word, name first or last): look each up once.
  const exact = new Map<string, Named[]>();
  const near = new Map<string, Named[]>();
  for (const reading of readings) {
    let units = cached(exact, reading.key, () => namedExactly(index, reading.key));
    // Near names have to match their qualifiers exactly; skip them when no unit's could.
    if (fuzzy && couldQualify(reading.qualifiers, index.ancestorKeys)) {
      units = [...units, ...cached(near, reading.key, () => namedNearly(index, reading.key))];
    }
    for (const { at, distance, alias } of units) {
      const entry = index.units[at]!;
      if (!levelAllowed(entry, options)) continue;
      // One kind of slip at a time: a typo in the name or in its qualifiers. Allowing both would
      // check hundreds of near names against fuzzy qualifiers for little gain.
      const qualifierDistance = matchQualifiers(
        reading.qualifiers,
        entry.ancestorKeys,
        fuzzy && distance === 0,
      );
      if (qualifierDistance === null) continue;
      const kindAgrees = reading.typedKinds === null ? null : reading.typedKinds.includes(entry.unit.kind);
      const candidate: Candidate = {
        at,
        distance: distance + qualifierDistance,
        score: score(entry, reading, distance, qualifierDistance, kindAgrees, alias),
        kindAgrees,
        accentFit: accentFit(reading, entry, distance),
        nameLast: reading.nameLast,
      };
      const known = found.get(at);
      if (!known || candidate.score > known.score) found.set(at, candidate);
    }
  }
  return found;
}

function accentFit(reading: Reading, entry: IndexedUnit, distance: number): 0 | 1 | 2 {
  if (distance > 0) return 0;
  // Text typed without any diacritics says nothing about them: "ba dinh" is Ba Đình as much as Ba Dinh.
  if (reading.accentKey === reading.key) return 1;
  if (reading.accentKey === entry.accentKey) return 2;
  return fitsDiacritics(reading.accentKey, entry.accentKey, entry.key) ? 1 : 0;
}

interface Named {
  at: number;
  distance: number;
  alias: boolean;
}

const typoLimit = (queryLength: number, keyLength: number) => allowedTypos(Math.min(queryLength, keyLength));

function cached<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

/** Units whose name, or province short name, is `key`. */
function namedExactly(index: UnitIndex, key: string): Named[] {
  const named: Named[] = [];
  for (const at of index.byKey.get(key) ?? []) named.push({ at, distance: 0, alias: false });
  for (const at of index.byAlias.get(key) ?? []) named.push({ at, distance: 0, alias: true });
  return named;
}

/** Units whose name is within the typo allowance of `key`, but not `key` itself. */
function namedNearly(index: UnitIndex, key: string): Named[] {
  const named: Named[] = [];
  for (const hit of index.fuzzy().search(key, typoLimit)) {
    if (hit.distance === 0) continue;
    for (const at of index.byKey.get(hit.key) ?? []) named.push({ at, distance: hit.distance, alias: false });
  }
  return named;
}

function score(
  entry: IndexedUnit,
  reading: Reading,
  nameDistance: number,
  qualifierDistance: number,
  kindAgrees: boolean | null,
  alias: boolean,
): number {
  let value = 100 - 15 * nameDistance - 5 * qualifierDistance;
  if (reading.qualifiers.length > 0) value += 4;
  if (kindAgrees === true) value += 3;
  if (kindAgrees === false) value -= 20;
  if (alias) value -= 2;
  if (reading.nameLast) value -= 1;
  // Commands mostly ask about communes; with no other signal list them before a same-named district.
  if (entry.unit.level === "commune") value += 1;
  return value;
}

/** One unit, a choice among several, in the order the asker most likely means. */
function decide(index: UnitIndex, candidates: Candidate[], options: ResolveOptions): ResolveResult {
  const inAskedWindow = candidates.filter((c) => inWindow(index.units[c.at]!, options.year));
  const outsideAskedYear = inAskedWindow.length === 0;
  let pool = outsideAskedYear ? candidates : inAskedWindow;
  const nearest = Math.min(...pool.map((c) => c.distance));
  pool = pool.filter((c) => c.distance === nearest);
  const bestFit = Math.max(...pool.map((c) => c.accentFit));
  if (bestFit > 0) pool = pool.filter((c) => c.accentFit === bestFit);
  if (pool.some((c) => c.kindAgrees === true)) pool = pool.filter((c) => c.kindAgrees !== false);
  if (pool.some((c) => !c.nameLast)) pool = pool.filter((c) => !c.nameLast);

  if (pool.length === 1) return unitResult(index.units[pool[0]!.at]!, pool[0]!, options, outsideAskedYear);
  const ranked = pool
    .map((c) => ({
      candidate: c,
      entry: index.units[c.at]!,
      nearness: nearness(index.units[c.at]!, options),
    }))
    .sort(
      (a, b) =>
        a.nearness - b.nearness ||
        b.candidate.score - a.candidate.score ||
        vietnamese.compare(a.entry.path, b.entry.path),
    );
  return {
    kind: "choice",
    options: ranked
      .slice(0, limitOf(options))
      .map(({ entry, candidate }) => toMatch(entry, candidate.distance, candidate.score)),
    total: ranked.length,
  };
}

function unitResult(
  entry: IndexedUnit,
  candidate: Candidate,
  options: ResolveOptions,
  outsideAskedYear: boolean,
): ResolveResult {
  const match = toMatch(entry, candidate.distance, candidate.score);
  const result: Extract<ResolveResult, { kind: "unit" }> = { kind: "unit", unit: entry.unit, match };
  if (!entry.current) {
    result.former = { successors: entry.unit.successors, outsideAskedYear };
    result.note = formerNote(entry);
  } else if (outsideAskedYear && options.year !== undefined) {
    result.note = `${entry.unit.name} chỉ có ${entry.validity || "trong danh mục hiện hành"}.`;
  }
  return result;
}

/** "Xã Tân Hồng (cũ), nay thuộc Xã Đường An". */
function formerNote(entry: IndexedUnit): string {
  const successors = entry.unit.successors.map((s) => s.name);
  if (successors.length > 0) return `${entry.unit.name} (cũ), nay thuộc ${successors.join(", ")}`;
  return `${entry.unit.name} (cũ${entry.validity ? `, ${entry.validity}` : ""})`;
}

/** Closest names for a text nothing matched: near-typos and names beginning with the text. */
function suggest(index: UnitIndex, readings: readonly Reading[], options: ResolveOptions): Match[] {
  const best = new Map<number, number>();
  const note = (at: number, distance: number) => {
    if (!levelAllowed(index.units[at]!, options)) return;
    const known = best.get(at);
    if (known === undefined || distance < known) best.set(at, distance);
  };
  const looseLimit = (queryLength: number, keyLength: number) =>
    Math.min(2, allowedTypos(Math.min(queryLength, keyLength)) + 1);
  for (const reading of readings) {
    if (reading.nameLast) continue;
    for (const at of index.byKey.get(reading.key) ?? []) note(at, 0);
    for (const hit of index.fuzzy().search(reading.key, looseLimit, 2)) {
      for (const at of index.byKey.get(hit.key) ?? []) note(at, hit.distance);
    }
    if (reading.key.length >= 3) {
      for (const key of keysStartingWith(index.sortedKeys, reading.key, 5)) {
        for (const at of index.byKey.get(key) ?? []) note(at, 1 + (key.length - reading.key.length) / 100);
      }
    }
  }
  return [...best]
    .map(([at, distance]) => ({ entry: index.units[at]!, distance }))
    .sort(
      (a, b) =>
        Number(inWindow(b.entry, options.year)) - Number(inWindow(a.entry, options.year)) ||
        a.distance - b.distance ||
        nearness(a.entry, options) - nearness(b.entry, options) ||
        vietnamese.compare(a.entry.path, b.entry.path),
    )
    .slice(0, limitOf(options))
    .map(({ entry, distance }) => toMatch(entry, Math.ceil(distance), 100 - 15 * distance));
}

function keysStartingWith(sorted: readonly string[], start: string, most: number): string[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < start) low = middle + 1;
    else high = middle;
  }
  const keys: string[] = [];
  for (let i = low; i < sorted.length && keys.length < most && sorted[i]!.startsWith(start); i++) {
    if (sorted[i] !== start) keys.push(sorted[i]!);
  }
  return keys;
}

function inWindow(entry: IndexedUnit, year: number | undefined): boolean {
  return year === undefined ? entry.current : validInYear(entry.unit, year);
}

function levelAllowed(entry: IndexedUnit, options: ResolveOptions): boolean {
  return options.levels === undefined || options.levels.includes(entry.unit.level);
}

/** 0: in one of the asker's districts; 1: in one of their provinces; 2: elsewhere. */
function nearness(entry: IndexedUnit, options: ResolveOptions): number {
  const { districtIds = [], provinceIds = [] } = options.near ?? {};
  const within = (ids: readonly number[]) =>
    ids.some((id) => id === entry.unit.id || entry.ancestorIds.has(id));
  if (within(districtIds)) return 0;
  if (within(provinceIds)) return 1;
  return 2;
}

function limitOf(options: ResolveOptions): number {
  const limit = options.limit ?? DEFAULT_LIMIT;
  return Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : DEFAULT_LIMIT;
}

function toMatch(entry: IndexedUnit, distance: number, score: number): Match {
  return { unit: entry.unit, path: entry.path, validity: entry.validity, distance, score };
}
