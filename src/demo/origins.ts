/**
 * Where each figure of the demo's results comes from, worked out from what each article printed (the
 * fixtures' `published`, `derived` and scope lists), so that a reply marks every generated figure and
 * never raises a judgement from one. Pure: fixtures in, origins out.
 */
import type { FigureOrigins, Origin } from "../domain/provenance.ts";
import { getBuiltinMethodology } from "../methodologies/index.ts";
import { STATED_REASONS, UNIT_CONFLICTS } from "./article-statements.ts";
import type { FixtureUnit, ScoreFixture } from "./fixtures/index.ts";

const stated = (table: typeof STATED_REASONS, key: string, name: string): string[] => {
  const reason = table[key]?.[name];
  return reason === undefined ? [] : [reason];
};

const known = (origin: Origin) => origin !== "sample";

function totalOrigin(u: FixtureUnit): Origin {
  if (!u.sample) return "published";
  if (u.published?.points !== undefined || u.published?.pct !== undefined) return "published";
  return u.derived?.points !== undefined ? "derived" : "sample";
}

function rankOrigin(u: FixtureUnit, everyTotalKnown: boolean): Origin {
  if (u.published?.rank !== undefined) return "published";
  if (u.derived?.rank !== undefined) return "derived";
  // Ranks computed from a whole set of published totals rest on published figures only.
  return everyTotalKnown ? "derived" : "sample";
}

/**
 * A band is derived from a published % only when the band's threshold was published too; a band the
 * methodology had to assume (its `assumed` flag) gives a sample classification.
 */
function groupOrigin(u: FixtureUnit, fixture: ScoreFixture, total: Origin): Origin {
  const listed = fixture.published.groups?.some((g) => g.members.includes(u.unitName)) === true;
  if (listed || u.published?.classification !== undefined || !u.sample) return "published";
  const pct = u.published?.pct ?? u.published?.points ?? u.derived?.points;
  if (!known(total) || pct === undefined) return "sample";
  const bands = [...getBuiltinMethodology(fixture.methodologyId).classification.bands].sort(
    (a, b) => b.min - a.min,
  );
  const band = bands.find((b) => pct >= b.min);
  return band !== undefined && band.assumed !== true ? "derived" : "sample";
}

function ratingOrigin(u: FixtureUnit, fixture: ScoreFixture): Origin {
  const lists = fixture.published.headRating ?? {};
  const listed = Object.values(lists).some((names) => names?.includes(u.unitName) === true);
  return listed || u.published?.headRating !== undefined || !u.sample ? "published" : "sample";
}

function fieldOrigins(u: FixtureUnit): Record<string, Origin> {
  const fields: Record<string, Origin> = {};
  for (const code of Object.keys(u.published?.fieldPoints ?? {})) fields[code] = "published";
  for (const code of Object.keys(u.published?.fieldPct ?? {})) fields[code] = "published";
  return fields;
}

/**
 * Every fixture unit's origins, keyed by fixture key then unit name. Rank and point changes are known
 * when the article printed them or both years' figures are known.
 */
export function fixtureOrigins(fixtures: readonly ScoreFixture[]): Map<string, Map<string, FigureOrigins>> {
  const out = new Map<string, Map<string, FigureOrigins>>();
  const byScopeYear = new Map<string, Map<string, FigureOrigins>>();
  const scopeKey = (f: ScoreFixture, year: number) =>
    `${f.scope.provinceCode}|${f.scope.district}|${f.scope.level}|${year}`;
  for (const fixture of [...fixtures].sort((a, b) => a.year - b.year)) {
    const everyTotalKnown = fixture.units.every((u) => known(totalOrigin(u)));
    const previous = byScopeYear.get(scopeKey(fixture, fixture.year - 1));
    const article = fixture.sources[0];
    const units = new Map<string, FigureOrigins>();
    for (const u of fixture.units) {
      const total = totalOrigin(u);
      const rank = rankOrigin(u, everyTotalKnown);
      const before = previous?.get(u.unitName);
      const bothKnown = (now: Origin, then: Origin | undefined) =>
        known(now) && then !== undefined && known(then) ? "derived" : "sample";
      units.set(u.unitName, {
        schema: 1,
        total,
        rank,
        rankChange: u.published?.rankChange !== undefined ? "published" : bothKnown(rank, before?.rank),
        pointsChange: u.published?.pointsChange !== undefined ? "published" : bothKnown(total, before?.total),
        group: groupOrigin(u, fixture, total),
        rating: ratingOrigin(u, fixture),
        fields: fieldOrigins(u),
        otherFields: u.sample ? "sample" : "published",
        statedReasons: stated(STATED_REASONS, fixture.key, u.unitName),
        conflicts: [...(UNIT_CONFLICTS[fixture.key]?.[u.unitName] ?? [])],
        source: article === undefined ? null : { title: article.title, date: article.published },
        derivedHow:
          u.derived?.how ?? (rank === "derived" ? "hạng tính từ điểm đã công bố của cả bảng" : null),
      });
    }
    out.set(fixture.key, units);
    byScopeYear.set(scopeKey(fixture, fixture.year), units);
  }
  return out;
}
