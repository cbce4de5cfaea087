/**
 * Methodologies as the store keeps them: the core's JSON in one canonical text (parsed, defaults
 * filled, re-serialised), so the same methodology has the same checksum whether it came from a file
 * with other spacing or from the built-in set. Imports name a methodology by "id" or "id@version".
 */
import { type Methodology, parseMethodology, ScoringError } from "../core/index.ts";
import { builtinMethodologies } from "../methodologies/index.ts";
import type { MethodologyInput, StoreRepos, WriteContext } from "../store/index.ts";

export function methodologyInputOf(methodology: Methodology, source: string): MethodologyInput {
  return {
    id: methodology.id,
    version: methodology.version,
    title: methodology.title,
    level: methodology.level,
    provinceCode: methodology.jurisdiction.provinceCode,
    yearFrom: methodology.assessedYears.from,
    yearTo: methodology.assessedYears.to,
    body: JSON.stringify(methodology),
    source,
  };
}

/** Where a built-in methodology comes from: the articles it was reconstructed from. */
export function builtinSource(methodology: Methodology): string {
  const articles = methodology.sources.map((s) => (s.published ? `${s.title} (${s.published})` : s.title));
  return `Phương pháp có sẵn của cchc-bot (${methodology.id}); dựng từ: ${articles.join("; ")}`;
}

export type MethodologyLookup = { ok: true; methodology: Methodology } | { ok: false; reason: string };

/**
 * The methodology a reference names: the stored version (the newest when no version is given), else a
 * built-in one of that id, which is then stored in the same transaction so results can refer to it.
 */
export async function lookupMethodology(
  repos: StoreRepos,
  ref: string,
  ctx: WriteContext,
): Promise<MethodologyLookup> {
  const [id, version] = ref.split("@") as [string, string | undefined];
  const stored = (await repos.methodologies.list())
    .filter((m) => m.id === id && (version === undefined || m.version === version))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.version.localeCompare(a.version));
  const chosen = stored[0];
  if (chosen !== undefined) {
    try {
      return { ok: true, methodology: parseMethodology(JSON.parse(chosen.body)) };
    } catch (error) {
      if (error instanceof ScoringError) return { ok: false, reason: error.message };
      throw error;
    }
  }
  const builtin = builtinMethodologies.find(
    (m) => m.id === id && (version === undefined || m.version === version),
  );
  if (builtin !== undefined) {
    await repos.methodologies.put(methodologyInputOf(builtin, builtinSource(builtin)), ctx);
    return { ok: true, methodology: builtin };
  }
  const known = new Set([
    ...(await repos.methodologies.list()).map((m) => m.id),
    ...builtinMethodologies.map((m) => m.id),
  ]);
  return {
    ok: false,
    reason: `không có phương pháp "${ref}" (hiện có: ${[...known].sort().join(", ")})`,
  };
}
