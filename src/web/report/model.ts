/**
 * What the public report pages show, read from the publication snapshot only (`published_results`,
 * through the store's published repository): a draft year has no row there, so it reaches no page.
 * Nothing is kept between requests; each page is computed from the snapshot as it is now. The wording
 * and the provenance rules are the chat's own (commands/support): a sample figure is marked ◇, a
 * derived one △, and no judgement about a named unit is raised from sample figures.
 */
import { changeLines, isBaseRating } from "../../../commands/diem.ts";
import { arrow, asPublished, shortener } from "../../../commands/hang.ts";
import { climbFor, climbLine } from "../../../commands/support/climb.ts";
import { scopeFieldAverages } from "../../../commands/support/field-averages.ts";
import {
  changeText,
  componentPercent,
  groupLine,
  maxPoints,
  points,
  pointsOutOf,
} from "../../../commands/support/format.ts";
import {
  fieldMark,
  Marks,
  originsOfResult,
  ratingNotes,
  sourceOf,
} from "../../../commands/support/provenance.ts";
import { cardOf, fieldsOf } from "../../../commands/support/published.ts";
import { scopeNamesOf } from "../../../commands/support/scope.ts";
import type { CommandDeps } from "../../../commands/types.ts";
import { lowestAmong } from "../../core/index.ts";
import { formatPercent, formatScore } from "../../format/vi.ts";
import type { Match, Resolver } from "../../resolve/index.ts";
import type { PublishedCardResult, Store } from "../../store/index.ts";
import { type TthcRow, tthcRows, tthcSources } from "./tthc-rows.ts";

export interface ReportDeps {
  store: Store;
  /** The shared name index (built once per process by the app's deps). */
  resolver(): Promise<Resolver>;
}

const LOWEST_SHOWN = 3;

export const rankingPath = (code: string, year: number) => `/bao-cao/${encodeURIComponent(code)}/${year}`;
export const unitPath = (code: string, year: number) => `/don-vi/${encodeURIComponent(code)}/${year}`;

const commandDeps = (deps: ReportDeps): CommandDeps => ({ ...deps, commands: [] });

/** A year in a URL: four digits, nothing else. */
export function parseYear(text: string): number | null {
  return /^(?:19|20)\d\d$/u.test(text) ? Number(text) : null;
}

const yearOf = (iso: string | null) => (iso === null ? null : Number(iso.slice(0, 4)));
const validIn = (match: Match, year: number) => {
  const from = yearOf(match.unit.validFrom);
  const to = yearOf(match.unit.validTo);
  return (from === null || from <= year) && (to === null || to >= year);
};

/** The versions of a reused code valid in `year`, the newest first (a code of 2025 names two units). */
function versionsIn(resolver: Resolver, code: string, year: number): Match[] {
  return resolver
    .byCode(code, { year })
    .filter((match) => validIn(match, year))
    .sort((a, b) => (b.unit.validFrom ?? "").localeCompare(a.unit.validFrom ?? ""));
}

// ---------------------------------------------------------------------------------------------------
// The ranking page

export interface RankingRow {
  unitId: number;
  code: string;
  name: string;
  rank: number | null;
  /** The % of the maximum, 0–100, for the bar. */
  pct: number;
  /** As the source printed it: "87,032%" or "87,03%". */
  score: string;
  /** "↑2", "↓1", "=" or "". */
  rankChange: string;
  /** "+1,20 điểm ◇" (with its own mark) or null. */
  pointsChange: string | null;
  band: string | null;
  /** " ◇", " △" or "". */
  mark: string;
  href: string;
}

export interface RankingPage {
  kind: "ranking";
  year: number;
  scopeCode: string;
  /** "Huyện Gia Lộc". */
  scopeTitle: string;
  /** "18 xã, thị trấn huyện Gia Lộc, tỉnh Hải Dương". */
  peersPhrase: string;
  rows: RankingRow[];
  /** Consecutive rows of one group, in order: the bands the chart draws. */
  bands: { label: string; from: number; to: number }[];
  years: { year: number; href: string }[];
  conflicts: string[];
  source: string | null;
  legend: string | null;
}

export async function rankingPage(deps: ReportDeps, code: string, year: number): Promise<RankingPage | null> {
  const resolver = await deps.resolver();
  for (const match of versionsIn(resolver, code, year)) {
    const entries = await deps.store.published.ranking(match.unit.id, year);
    if (entries.length === 0) continue;
    const scopeId = match.unit.id;
    const { peersPhrase } = scopeNamesOf(
      resolver,
      scopeId,
      entries.map((e) => e.unitId),
    );
    const province = match.unit.ancestors.at(-1);
    const shorten = shortener(resolver, entries);
    const marks = new Marks();
    const conflicts = new Set<string>();
    const rows = entries.map((entry): RankingRow => {
      const origins = originsOfResult(entry);
      for (const conflict of origins.conflicts) conflicts.add(conflict);
      const unitCode = resolver.byId(entry.unitId)?.unit.code ?? String(entry.unitId);
      return {
        unitId: entry.unitId,
        code: unitCode,
        name: shorten(entry.unitId),
        rank: entry.rank,
        pct: entry.pct,
        score: asPublished(entry),
        rankChange: arrow(entry.rankChange).trim(),
        // Its own mark: a published rank change may sit beside a sample points change.
        pointsChange:
          entry.pointsChange === null
            ? null
            : `${changeText(null, entry.pointsChange)}${marks.of(origins.pointsChange)}`,
        band: entry.groupLabel,
        mark: marks.of(
          origins.total,
          origins.rank,
          entry.rankChange === null ? "published" : origins.rankChange,
        ),
        href: unitPath(unitCode, year),
      };
    });
    const bands: RankingPage["bands"] = [];
    rows.forEach((row, i) => {
      const last = bands.at(-1);
      if (row.band === null) return;
      if (last !== undefined && last.label === row.band && last.to === i - 1) last.to = i;
      else bands.push({ label: row.band, from: i, to: i });
    });
    const first = entries[0]!;
    return {
      kind: "ranking",
      year,
      scopeCode: match.unit.code,
      scopeTitle: match.unit.name,
      peersPhrase: `${peersPhrase}${province ? `, ${province.name.replace(/^Tỉnh /u, "tỉnh ")}` : ""}`,
      rows,
      bands,
      years: (await deps.store.published.scopeYears(scopeId)).map((y) => ({
        year: y,
        href: rankingPath(match.unit.code, y),
      })),
      conflicts: [...conflicts],
      source: sourceOf(originsOfResult(first), false),
      legend: marks.legend(),
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// The unit page

export interface FieldBar {
  code: string;
  name: string;
  points: number;
  max: number;
  /** "7,58/10 (75,8%)". */
  text: string;
  mark: string;
  /** The scope's average points, when at least two results have field scores. */
  average: number | null;
  averageText: string | null;
}

export interface YearLink {
  year: number;
  href: string;
  current: boolean;
}

export interface UnitLink {
  name: string;
  href: string | null;
  note: string;
}

export interface UnitCardPage {
  kind: "unit";
  year: number;
  code: string;
  name: string;
  path: string;
  validity: string;
  /** "87,032/100 điểm (87,03%) ◇". */
  score: string;
  scoreText: string;
  rank: string | null;
  rankingHref: string | null;
  scopeName: string;
  climb: string | null;
  changes: string[];
  group: string | null;
  rating: { label: string; reasons: string[]; flags: string[] } | null;
  /** "Người đứng đầu: xếp loại chưa công bố." when the rating is sample. */
  ratingNote: string | null;
  fields: FieldBar[];
  /** "TB huyện": what the average is of. */
  averageWord: string | null;
  lowest: string[];
  notes: string[];
  years: YearLink[];
  /** Predecessors before the 2025 reform, or the successor after it. */
  lineage: { title: string; units: UnitLink[] } | null;
  /** TTHC cases by period, latest first, and where the counts come from. */
  tthc: TthcRow[];
  tthcSources: string[];
  source: string;
  legend: string | null;
}

export interface PredecessorsPage {
  kind: "predecessors";
  /** The asked year. */
  asked: number;
  /** The year whose results are shown: the asked one, or the predecessors' latest published one. */
  year: number;
  code: string;
  name: string;
  path: string;
  units: (UnitLink & { score: string | null })[];
  years: number[];
  sources: string[];
  legend: string | null;
}

export async function unitPage(
  deps: ReportDeps,
  code: string,
  year: number,
): Promise<UnitCardPage | PredecessorsPage | null> {
  const resolver = await deps.resolver();
  const versions = versionsIn(resolver, code, year);
  for (const match of versions) {
    const published = await deps.store.published.cardForUnit(match.unit.id, year);
    if (published !== null) return unitCard(deps, resolver, match, published);
  }
  for (const match of versions) {
    const formed = yearOf(match.unit.validFrom);
    if (formed === null) continue;
    const page = await predecessorsPage(deps, resolver, match, year);
    if (page !== null) return page;
  }
  return null;
}

async function unitCard(
  deps: ReportDeps,
  resolver: Resolver,
  match: Match,
  published: PublishedCardResult,
): Promise<UnitCardPage> {
  const year = published.year;
  const snapshot = cardOf(published);
  const origins = originsOfResult(published);
  const marks = new Marks();
  const names = scopeNamesOf(resolver, published.scopeUnitId, published.peerUnitIds);
  const score = `${pointsOutOf(published.total, published.maxPoints)} (${formatPercent(published.pct)})${marks.of(origins.total)}`;
  const rank =
    published.rank === null
      ? null
      : `${published.rank}/${published.peerCount} ${names.peersPhrase}${marks.of(origins.rank)}`;
  const scope = resolver.byId(published.scopeUnitId)?.unit;
  const climbed = await climbFor(commandDeps(deps), resolver, published);
  const changes = changeLines(published, origins, marks);
  const group = published.groupLabel ? `${groupLine(published.groupLabel)}${marks.of(origins.group)}` : null;

  const fields = fieldsOf(snapshot);
  let rating: UnitCardPage["rating"] = null;
  let ratingNote: string | null = null;
  // The head rating as /diem shows it: never from a sample rating, caps only on published fields.
  if (published.ratingLabel && origins.rating !== "sample") {
    const notes = ratingNotes(snapshot, origins, fields);
    const reasons = [...notes.reasons];
    if (reasons.length === 0 && published.ratingCode !== null && !isBaseRating(snapshot)) {
      reasons.push("Lý do xếp loại không được công bố.");
    }
    rating = { label: published.ratingLabel, reasons, flags: notes.flags };
  } else if (published.ratingLabel) {
    ratingNote = "Người đứng đầu: xếp loại chưa công bố.";
  }

  const averages = await scopeFieldAverages(commandDeps(deps), resolver, published);
  const fieldBars = fields.map((field): FieldBar => {
    const average = averages?.averages.get(field.code) ?? null;
    const mark = fieldMark(marks, origins, field);
    const averageMark = average === null ? "" : marks.of(average.sample ? "sample" : "published");
    return {
      code: field.code,
      name: field.shortName,
      points: field.points,
      max: field.applicableMax,
      text: `${points(field.points)}/${maxPoints(field.applicableMax)} (${componentPercent(field.pct ?? 0)})`,
      mark,
      average: average?.points ?? null,
      averageText: average === null ? null : `${points(average.points)}${averageMark}`,
    };
  });
  const lowest = lowestAmong(fields, LOWEST_SHOWN).byPct.map(
    (field) =>
      `${field.shortName} ${componentPercent(field.pct)} (mất ${points(field.lost)}/${maxPoints(field.max)} điểm)${fieldMark(marks, origins, field)}`,
  );
  const years = (await deps.store.published.years(match.unit.id)).map((y) => ({
    year: y,
    href: unitPath(match.unit.code, y),
    current: y === year,
  }));
  const periods = await deps.store.tthc.forUnit(match.unit.id, 6);
  const tthc = tthcRows(periods, marks);
  const legend = marks.legend();
  return {
    kind: "unit",
    year,
    code: match.unit.code,
    name: match.unit.name,
    path: match.path,
    validity: match.validity,
    score,
    scoreText: `${formatScore(published.total)}/${maxPoints(published.maxPoints)} điểm`,
    rank,
    rankingHref: scope ? rankingPath(scope.code, year) : null,
    scopeName: names.scopeName,
    climb: climbed === null ? null : climbLine(climbed),
    changes,
    group,
    rating,
    ratingNote,
    fields: fieldBars,
    averageWord: averages === null ? null : `TB ${averages.scopeWord}`,
    lowest,
    notes: [...(snapshot?.annotations ?? []), ...origins.conflicts.map((c) => `⚠️ ${c}`)],
    years,
    lineage: lineageOf(resolver, match),
    tthc,
    tthcSources: tthcSources(periods),
    source: sourceOf(origins, legend?.includes("△") === true),
    legend,
  };
}

/** A former unit's successors after the 2025 reform ("nay thuộc"), each linked to its own page. */
function lineageOf(resolver: Resolver, match: Match): UnitCardPage["lineage"] {
  const successors = match.unit.successors;
  if (successors.length > 0) {
    return {
      title: "Sau sắp xếp đơn vị hành chính (01/07/2025)",
      units: successors.map((s) => {
        const formed = yearOf(resolver.byId(s.id)?.unit.validFrom ?? null);
        return {
          name: s.name,
          href: formed === null ? null : unitPath(s.code, formed),
          note: s.kind === "partial" ? "nhận một phần" : "nay thuộc",
        };
      }),
    };
  }
  return null;
}

async function predecessorsPage(
  deps: ReportDeps,
  resolver: Resolver,
  match: Match,
  asked: number,
): Promise<PredecessorsPage | null> {
  const links = await deps.store.units.predecessors(match.unit.id);
  const withYears = await Promise.all(
    links.map(async (link) => ({ link, years: await deps.store.published.years(link.unit.id) })),
  );
  const years = [...new Set(withYears.flatMap((p) => p.years))].sort((a, b) => b - a);
  // The asked year if a predecessor was published for it, else their latest before it.
  const year = years.includes(asked) ? asked : years.find((y) => y < asked);
  if (year === undefined) return null;
  const marks = new Marks();
  const sources = new Map<string, string>();
  const units: PredecessorsPage["units"] = [];
  for (const { link, years: own } of withYears) {
    const published = own.includes(year) ? await deps.store.published.cardForUnit(link.unit.id, year) : null;
    const name = `${link.unit.name} (cũ${link.kind === "partial" ? ", một phần" : ""})`;
    if (published === null) {
      units.push({ name, href: null, note: `chưa có kết quả năm ${year}`, score: null });
      continue;
    }
    const origins = originsOfResult(published);
    const { peersPhrase } = scopeNamesOf(resolver, published.scopeUnitId, published.peerUnitIds);
    const rank =
      published.rank === null
        ? "hạng chưa công bố"
        : `hạng ${published.rank}/${published.peerCount} ${peersPhrase}${marks.of(origins.rank)}`;
    units.push({
      name,
      href: unitPath(link.unit.code, year),
      note: rank,
      score: `${pointsOutOf(published.total, published.maxPoints)} (${formatPercent(published.pct)})${marks.of(origins.total)}`,
    });
    sources.set(origins.source?.title ?? published.source, sourceOf(origins, false));
  }
  return {
    kind: "predecessors",
    asked,
    year,
    code: match.unit.code,
    name: match.unit.name,
    path: match.path,
    units,
    years,
    sources: [...sources.values()],
    legend: marks.legend(),
  };
}
