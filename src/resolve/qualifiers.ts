import { allowedTypos, boundedEditDistance } from "./edit-distance.ts";
import { prefixAt } from "./prefixes.ts";

/** No ancestor name has more words than this ("Thành phố Hồ Chí Minh" is four after its prefix). */
const MAX_QUALIFIER_WORDS = 6;

/**
 * Whether `tokens` read as a sequence of the unit's ancestors' names, each optionally preceded by a
 * type word ("h. binh giang t. hai duong"). Returns the total typo distance used, or null.
 * With `fuzzy` off only exact names count.
 */
export function matchQualifiers(
  tokens: readonly string[],
  ancestorKeys: readonly string[],
  fuzzy: boolean,
): number | null {
  return readAsNames(tokens, (span) => distanceToAny(span, ancestorKeys, fuzzy));
}

/**
 * Whether `tokens` could qualify any unit at all: each span is some district or province name.
 * A cheap test before checking many near-named units one by one.
 */
export function couldQualify(tokens: readonly string[], knownKeys: ReadonlySet<string>): boolean {
  return readAsNames(tokens, (span) => (knownKeys.has(span) ? 0 : null)) !== null;
}

function readAsNames(tokens: readonly string[], distanceOf: (span: string) => number | null): number | null {
  if (tokens.length === 0) return 0;
  // best[i]: least distance to read tokens[0..i) as qualifiers.
  const best: (number | null)[] = new Array(tokens.length + 1).fill(null);
  best[0] = 0;
  for (let at = 0; at < tokens.length; at++) {
    const sofar = best[at];
    if (sofar === null || sofar === undefined) continue;
    const prefix = prefixAt(tokens, at);
    if (prefix) relax(best, at + prefix.tokens.length, sofar);
    let span = "";
    for (let end = at + 1; end <= Math.min(tokens.length, at + MAX_QUALIFIER_WORDS); end++) {
      span += tokens[end - 1];
      const distance = distanceOf(span);
      if (distance !== null) relax(best, end, sofar + distance);
    }
  }
  return best[tokens.length] ?? null;
}

function relax(best: (number | null)[], at: number, distance: number): void {
  const known = best[at];
  if (known === null || known === undefined || distance < known) best[at] = distance;
}

function distanceToAny(span: string, keys: readonly string[], fuzzy: boolean): number | null {
  let found: number | null = null;
  for (const key of keys) {
    if (key === span) return 0;
    if (!fuzzy) continue;
    const limit = allowedTypos(Math.min(span.length, key.length));
    if (limit === 0) continue;
    const distance = boundedEditDistance(span, key, limit);
    if (distance <= limit && (found === null || distance < found)) found = distance;
  }
  return found;
}
