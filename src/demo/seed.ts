/**
 * The demo dataset a newcomer meets: every figure of the five articles (../shared/facts), each with its
 * article as source, saved as methodologies and draft assessments and then published through the same
 * publishing code an administrator uses. Detail the articles do not give is generated deterministically
 * (see fixtures/) and flagged sample ("dữ liệu minh họa"). One transaction; re-running changes nothing.
 *
 * @example
 * const report = await seedDemo(store, { now, actor: "seed:demo" });
 */

import type { FigureOrigins } from "../domain/provenance.ts";
import { decimalsOf, formatNumber } from "../format/vi.ts";
import { builtinSource, methodologyInputOf } from "../imports/methodologies.ts";
import { builtinMethodologies, getBuiltinMethodology } from "../methodologies/index.ts";
import { publishScope } from "../publishing/index.ts";
import type { LeafScore, Store, StoreRepos, WriteContext } from "../store/index.ts";
import { type ScoreFixture, scoreFixtures } from "./fixtures/index.ts";
import { fixtureOrigins } from "./origins.ts";
import { DRAFT_SOURCE, DRAFT_YEAR, draftScores } from "./seed-drafts.ts";
import { demoScheduleWeeks } from "./seed-schedules.ts";
import { DEMO_TTHC, tthcRows } from "./seed-tthc.ts";
import {
  articleSource,
  type PlacedScope,
  placeFixtureUnits,
  type UnitPlacementReport,
} from "./seed-units.ts";

export interface SeedReport {
  methodologies: { inserted: number; unchanged: number };
  /** Names of units added from the articles, and of register units dated as formed later. */
  units: UnitPlacementReport;
  /** "Huyện Gia Lộc 2022"… published by this run; scope-years found published already are skipped. */
  publications: { published: string[]; alreadyPublished: number; results: number };
  /** The unpublished 2023 assessments (Gia Lộc, Bình Giang). */
  drafts: { saved: number; unchanged: number };
  tthc: { periods: number };
  schedules: { weeks: number; replaced: number; items: number };
}

const DEMO_ORIGINS = fixtureOrigins(scoreFixtures);

/** Fixtures whose next year stays an unpublished draft, to show the embargo. */
const DRAFT_FROM = ["gia-loc-2022", "binh-giang-2022"];

function leafScores(scores: Readonly<Record<string, number>>, sample: boolean): LeafScore[] {
  return Object.entries(scores).map(([criterionCode, finalScore]) => ({
    criterionCode,
    selfScore: null,
    appraisedScore: null,
    surveyScore: null,
    finalScore,
    note: null,
    evidenceUrl: null,
    sample,
  }));
}

/**
 * The day the article that states the year's figures was published: for an earlier year it mentions
 * ("03 năm liền dẫn đầu"), that is still the article's day, never a made-up one a year before.
 */
function publishedOn(fixture: ScoreFixture): string {
  return fixture.sources[0]?.published ?? `${fixture.year + 1}-03-31`;
}

function annotations(fixture: ScoreFixture, placed: PlacedScope): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const u of fixture.units) {
    const id = placed.units.get(u.unitName)?.id;
    const components = u.published?.components ?? [];
    if (id === undefined || components.length === 0) continue;
    out.set(
      id,
      components.map((c) => `${c.name}: ${formatNumber(c.pct, decimalsOf(c.pct))}%`),
    );
  }
  return out;
}

async function seedMethodologies(repos: StoreRepos, ctx: WriteContext, report: SeedReport): Promise<void> {
  for (const m of builtinMethodologies) {
    report.methodologies[await repos.methodologies.put(methodologyInputOf(m, builtinSource(m)), ctx)] += 1;
  }
}

async function seedPublication(
  repos: StoreRepos,
  fixture: ScoreFixture,
  placed: PlacedScope,
  ctx: WriteContext,
  report: SeedReport,
): Promise<void> {
  const { scope } = placed;
  const origins = new Map<number, FigureOrigins>();
  for (const [name, unitOrigins] of DEMO_ORIGINS.get(fixture.key) ?? []) {
    const id = placed.units.get(name)?.id;
    if (id !== undefined) origins.set(id, unitOrigins);
  }
  if ((await repos.publications.get(scope.id, fixture.year)) !== null) {
    // Published by an earlier version of the seed, before origins were kept: give them theirs.
    for (const [unitId, unitOrigins] of origins) {
      await repos.published.fillOrigins(unitId, fixture.year, unitOrigins);
    }
    report.publications.alreadyPublished += 1;
    return;
  }
  const methodology = getBuiltinMethodology(fixture.methodologyId);
  for (const u of fixture.units) {
    const unit = placed.units.get(u.unitName);
    if (unit === undefined) continue;
    await repos.assessments.saveDraft(
      {
        unitId: unit.id,
        year: fixture.year,
        methodologyId: methodology.id,
        methodologyVersion: methodology.version,
        source: articleSource(fixture),
        sample: u.sample,
      },
      leafScores(u.scores, u.sample),
      ctx,
    );
  }
  const published = await publishScope(
    repos,
    {
      scopeCode: scope.code,
      year: fixture.year,
      publishedOn: publishedOn(fixture),
      source: articleSource(fixture),
      annotations: annotations(fixture, placed),
      origins,
    },
    ctx,
  );
  report.publications.published.push(`${scope.name} ${fixture.year}`);
  report.publications.results += published.units.length;
}

async function seedDrafts(
  repos: StoreRepos,
  fixture: ScoreFixture,
  placed: PlacedScope,
  ctx: WriteContext,
  report: SeedReport,
): Promise<void> {
  if ((await repos.publications.get(placed.scope.id, DRAFT_YEAR)) !== null) return;
  const methodology = getBuiltinMethodology(fixture.methodologyId);
  for (const [name, scores] of draftScores(fixture, methodology)) {
    const unit = placed.units.get(name);
    if (unit === undefined) continue;
    const saved = await repos.assessments.saveDraft(
      {
        unitId: unit.id,
        year: DRAFT_YEAR,
        methodologyId: methodology.id,
        methodologyVersion: methodology.version,
        source: DRAFT_SOURCE,
        sample: true,
      },
      leafScores(scores, true),
      ctx,
    );
    report.drafts[saved.change === "unchanged" ? "unchanged" : "saved"] += 1;
  }
}

async function seedInto(repos: StoreRepos, ctx: WriteContext): Promise<SeedReport> {
  const report: SeedReport = {
    methodologies: { inserted: 0, unchanged: 0 },
    units: { added: [], dated: [] },
    publications: { published: [], alreadyPublished: 0, results: 0 },
    drafts: { saved: 0, unchanged: 0 },
    tthc: { periods: 0 },
    schedules: { weeks: 0, replaced: 0, items: 0 },
  };
  await seedMethodologies(repos, ctx, report);

  // Earlier years first: a publication's rank changes come from the previous year's published results.
  const placed = new Map<string, PlacedScope>();
  for (const fixture of [...scoreFixtures].sort((a, b) => a.year - b.year)) {
    const scope = await placeFixtureUnits(repos, fixture, ctx, report.units);
    placed.set(fixture.key, scope);
    await seedPublication(repos, fixture, scope, ctx, report);
  }
  for (const key of DRAFT_FROM) {
    const fixture = scoreFixtures.find((f) => f.key === key);
    const scope = placed.get(key);
    if (fixture !== undefined && scope !== undefined) await seedDrafts(repos, fixture, scope, ctx, report);
  }

  for (const [name, periods] of Object.entries(DEMO_TTHC)) {
    const unit = [...placed.values()].map((p) => p.units.get(name)).find((u) => u !== undefined);
    if (unit === undefined) continue;
    await repos.tthc.put(tthcRows(unit.id, periods), ctx);
    report.tthc.periods += periods.length;
  }

  const kinhMon = placed.get("kinh-mon-2021")?.scope;
  if (kinhMon !== undefined) {
    for (const week of demoScheduleWeeks()) {
      const result = await repos.schedules.replaceWeek(kinhMon.id, week, week.items, ctx);
      report.schedules.weeks += 1;
      report.schedules.items += week.items.length;
      if (result === "replaced") report.schedules.replaced += 1;
    }
  }
  return report;
}

/** Seeds the demo dataset in one transaction. Needs the national register (units load-national) first. */
export function seedDemo(store: Store, ctx: WriteContext): Promise<SeedReport> {
  return store.transaction((repos) => seedInto(repos, ctx));
}
