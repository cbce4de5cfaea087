import { allowedTypos, boundedEditDistance } from "./edit-distance.ts";

/**
 * Typo lookup over name keys without scanning them (SymSpell's symmetric deletion): every key is
 * stored under each string obtained by deleting up to `allowedTypos(key)` of its letters, and a query
 * looks up its own deletions. Two strings within edit distance k share such a deletion, so only
 * the few keys found that way are measured exactly.
 */
export interface FuzzyHit {
  key: string;
  distance: number;
}

/** Longer texts are not names; their deletion sets grow quadratically. */
const MAX_FUZZY_KEY_LENGTH = 32;

export class FuzzyIndex {
  readonly #keys: string[] = [];
  readonly #byDeletion = new Map<string, number | number[]>();

  constructor(keys: Iterable<string>) {
    for (const key of new Set(keys)) {
      if (key.length > MAX_FUZZY_KEY_LENGTH) continue;
      const id = this.#keys.push(key) - 1;
      for (const variant of deletions(key, allowedTypos(key.length))) this.#add(variant, id);
    }
  }

  /**
   * Keys within `maxDistance(queryLength, keyLength)` edits of `query`, nearest first. `queryDeletions`
   * bounds the work: deletions of the query up to that depth are looked up.
   */
  search(
    query: string,
    maxDistance: (queryLength: number, keyLength: number) => number,
    queryDeletions = allowedTypos(query.length),
  ): FuzzyHit[] {
    if (query.length > MAX_FUZZY_KEY_LENGTH || queryDeletions <= 0) return [];
    const seen = new Set<number>();
    const hits: FuzzyHit[] = [];
    for (const variant of deletions(query, queryDeletions)) {
      const entry = this.#byDeletion.get(variant);
      if (entry === undefined) continue;
      for (const id of typeof entry === "number" ? [entry] : entry) {
        if (seen.has(id)) continue;
        seen.add(id);
        const key = this.#keys[id]!;
        const limit = maxDistance(query.length, key.length);
        if (limit <= 0) continue;
        const distance = boundedEditDistance(query, key, limit);
        if (distance <= limit) hits.push({ key, distance });
      }
    }
    return hits.sort((a, b) => a.distance - b.distance || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  #add(variant: string, id: number): void {
    const entry = this.#byDeletion.get(variant);
    if (entry === undefined) this.#byDeletion.set(variant, id);
    else if (typeof entry === "number") {
      if (entry !== id) this.#byDeletion.set(variant, [entry, id]);
    } else if (entry[entry.length - 1] !== id) entry.push(id);
  }
}

/** The word itself and every string reachable by deleting up to `depth` characters. */
function deletions(word: string, depth: number): Set<string> {
  const result = new Set<string>([word]);
  let frontier = [word];
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    for (const current of frontier) {
      for (let i = 0; i < current.length; i++) {
        const shorter = current.slice(0, i) + current.slice(i + 1);
        if (!result.has(shorter)) {
          result.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return result;
}
