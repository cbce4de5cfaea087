/**
 * Fresh database → migrate → national register → demo seed: every published figure reads back from
 * `published_results` exactly as the articles printed it (expected values come from the facts file,
 * never from the engine), the 2023 drafts stay invisible, and re-running all three changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeedReport, seedDemo } from "../../src/demo/seed.ts";
import type { PublishedDetail } from "../../src/domain/published.ts";
import type { UnitRecord } from "../../src/domain/unit.ts";
import { loadNationalRegister } from "../../src/register/load-package.ts";
import type { NationalRegister } from "../../src/register/types.ts";
import { createStore, migrate, type PublishedResult, type Store, yearWindow } from "../../src/store/index.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";
import { backends, type TestDatabase } from "../support/databases.ts";
import { facts, factsFor } from "../support/facts.ts";

const ctx = { now: new Date("2026-03-01T02:00:00Z"), actor: "seed:demo" };
const embedded = backends.filter((b) => b.name !== "http");
let register: NationalRegister;

beforeAll(() => {
  register = loadNationalRegister();
});

/** "Xã Thống Nhất" → "Thống Nhất", as the articles print commune names; "Thị trấn Gia Lộc" stays whole. */
const printed = (name: string) => name.replace(/^(Xã|Phường|Thị xã|Huyện|Thành phố) /, "");
const sorted = (names: readonly string[]) => [...names].sort((a, b) => a.localeCompare(b, "vi"));

describe.each(embedded)("the demo dataset on $name", (backend) => {
  let db: TestDatabase;
  let store: Store;
  let report: SeedReport;

  async function scope(provinceCode: string, district: string | null, year: number): Promise<UnitRecord> {
    const [province] = await store.units.findByCode(provinceCode, yearWindow(year), "province");
    if (district === null) return province as UnitRecord;
    const found = (await store.units.children(province?.id ?? 0)).find((u) => u.name === district);
    if (found === undefined) throw new Error(`no ${district}`);
    return found;
  }

  /** The scope's published results for a year, by the name the articles print. */
  async function published(provinceCode: string, district: string | null, year: number) {
    const s = await scope(provinceCode, district, year);
    const names = new Map((await store.units.children(s.id)).map((u) => [u.id, printed(u.name)]));
    const rows = await store.published.byScope(s.id, year);
    const byName = new Map(rows.map((r) => [names.get(r.unitId) ?? "?", r]));
    const get = (name: string): PublishedResult => {
      const r = byName.get(name);
      if (r === undefined) throw new Error(`no published result for ${name} in ${year}`);
      return r;
    };
    const where = (keep: (r: PublishedResult) => boolean) =>
      sorted(rows.filter(keep).map((r) => names.get(r.unitId) ?? "?"));
    return { rows, get, where, scope: s };
  }

  beforeAll(async () => {
    db = await backend.open();
    await migrate(db.client, await readMigrations(), ctx.now);
    store = createStore(db.client);
    await store.register.load(register, ctx);
    report = await seedDemo(store, ctx);
  });
  afterAll(async () => {
    await db.close();
  });

  it("publishes every scope-year of the articles, and adds the units the register lacks", () => {
    expect(sorted(report.publications.published)).toEqual(
      sorted([
        "Huyện Gia Lộc 2021",
        "Huyện Gia Lộc 2022",
        "Thị xã Kinh Môn 2021",
        "Huyện Bình Giang 2020",
        "Huyện Bình Giang 2021",
        "Huyện Bình Giang 2022",
        "Thành phố Chí Linh 2020",
        "Thành phố Chí Linh 2021",
        "Tỉnh Phú Yên 2021",
        "Tỉnh Phú Yên 2022",
        "Thị xã Sông Cầu 2022",
      ]),
    );
    expect(sorted(report.units.added)).toEqual(
      sorted([
        "Xã Gia Khánh",
        "Xã Gia Tân",
        "Xã Gia Lương",
        "Xã Nhật Tân",
        "Xã Quang Minh",
        "Xã Đồng Quang",
        "Xã Tân Tiến",
        "Xã Đức Xương",
        "Xã Thái Học",
        "Xã Hoành Sơn",
      ]),
    );
    expect(sorted(report.units.dated)).toEqual(
      sorted(["Xã Gia Phúc", "Xã Gia Tiến", "Xã Nhật Quang", "Xã Quang Đức"]),
    );
  });

  it("reads back Gia Lộc 2022 as published: percentages, ranks and rank changes", async () => {
    const facts002 = factsFor("002");
    const gl = await published("30", "Huyện Gia Lộc", 2022);
    expect(gl.rows).toHaveLength(facts002.unit_count ?? 0);
    for (const s of facts002.scores ?? []) {
      expect(gl.get(s.unit)).toMatchObject({
        pct: s.pct,
        rank: s.rank,
        ...(s.rank_change === undefined ? {} : { rankChange: s.rank_change }),
      });
    }
    for (const r of facts002.rank_changes_only ?? []) expect(gl.get(r.unit).rankChange).toBe(r.rank_change);
    // Spelled out from the article as well, so a change to the facts file cannot hide a regression.
    expect(gl.get("Thống Nhất")).toMatchObject({ pct: 87.49, rank: 1, rankChange: 12 });
    expect(gl.get("Toàn Thắng")).toMatchObject({ pct: 85.18, rank: 2, rankChange: 8 });
    expect(gl.get("Đoàn Thượng")).toMatchObject({ pct: 84.99, rank: 3 });
    expect(gl.get("Đức Xương")).toMatchObject({ pct: 66.45, rank: 18 });
    expect(gl.get("Gia Khánh").rankChange).toBe(11);
    expect(gl.get("Đồng Quang").rankChange).toBe(10);
    expect(gl.get("Thống Nhất").publishedOn).toBe("2023-03-17");
  });

  it("reads back Gia Lộc 2022's groups, head ratings and the six cap reasons", async () => {
    const facts002 = factsFor("002");
    const gl = await published("30", "Huyện Gia Lộc", 2022);
    for (const group of facts002.groups ?? []) {
      expect(gl.where((r) => (r.detail as PublishedDetail).result.group.min === group.min_pct)).toEqual(
        sorted(group.members),
      );
    }
    for (const code of ["HTXS", "HTT", "HT", "KHT"] as const) {
      expect(gl.where((r) => r.ratingCode === code)).toEqual(sorted(facts002.head_rating?.[code] ?? []));
    }
    const capped = ["Thị trấn Gia Lộc", "Hoàng Diệu", "Yết Kiêu", "Gia Tân", "Gia Lương", "Phạm Trấn"];
    for (const name of capped) {
      const r = gl.get(name);
      expect(r.pct).toBeGreaterThanOrEqual(80);
      const caps = r.reasons.filter((x) => typeof x === "object" && x !== null && "capAt" in x) as {
        capAt: { code: string };
        fields: { pctRounded: number }[];
      }[];
      expect(caps.length).toBeGreaterThan(0);
      for (const cap of caps) {
        expect(cap.capAt.code).toBe("HT");
        expect(cap.fields.every((f) => f.pctRounded < 70)).toBe(true);
      }
    }
    expect(gl.where((r) => r.ratingCode === "HT" && r.pct >= 80)).toEqual(sorted(capped));
  });

  it("reads back Kinh Môn 2021's groups and its HT and KHT lists", async () => {
    const facts000 = factsFor("000");
    const km = await published("30", "Thị xã Kinh Môn", 2021);
    expect(km.rows).toHaveLength(facts000.unit_count ?? 0);
    expect(km.where((r) => r.ratingCode === "HT")).toEqual(sorted(facts000.head_rating?.HT ?? []));
    expect(km.where((r) => r.ratingCode === "KHT")).toEqual(sorted(facts000.head_rating?.KHT ?? []));
    const [over90, over80, over70] = facts000.groups ?? [];
    expect(km.where((r) => r.pct >= 90)).toEqual(sorted(over90?.members ?? []));
    // The article lists An Sinh and Phú Thứ in both the 90% and the 80% group (a recorded conflict).
    const only80 = (over80?.members ?? []).filter((m) => !(over90?.members ?? []).includes(m));
    expect(km.where((r) => r.pct >= 80 && r.pct < 90)).toEqual(sorted(only80));
    expect(km.where((r) => r.pct >= 70 && r.pct < 80)).toEqual(sorted(over70?.members ?? []));
  });

  it("reads back Tân Hồng: 87,032 points, first three years running, with its published components", async () => {
    const bg = await published("30", "Huyện Bình Giang", 2022);
    const tanHong = bg.get("Tân Hồng");
    expect(tanHong).toMatchObject({ total: 87.032, rank: 1, publishedOn: "2023-03-11" });
    const detail = tanHong.detail as PublishedDetail;
    for (const c of factsFor("003").components_pct ?? []) {
      const field = detail.result.fields.find((f) => f.name.startsWith(c.component));
      if (field !== undefined) expect(field.pct).toBe(c.pct);
      else {
        const figure = `: ${String(c.pct).replace(".", ",")}%`;
        expect(
          detail.annotations.filter((a) => a.startsWith(c.component) && a.endsWith(figure)),
        ).toHaveLength(1);
      }
    }
    for (const year of [2020, 2021]) {
      expect((await published("30", "Huyện Bình Giang", year)).get("Tân Hồng").rank).toBe(1);
    }
  });

  it("reads back Bắc An: 77,14 points, rank 5, up 4 places", async () => {
    const [s] = factsFor("001").scores ?? [];
    const cl = await published("30", "Thành phố Chí Linh", 2021);
    expect(cl.get("Bắc An")).toMatchObject({ total: s?.points, rank: s?.rank, rankChange: s?.rank_change });
    expect(cl.get("Bắc An")).toMatchObject({ total: 77.14, rank: 5, rankChange: 4 });
  });

  it("reads back Sông Cầu: 73,34 points, third of nine, up 3 places and 8,48 points, Khá, with its eight fields", async () => {
    const facts004 = factsFor("004");
    const py = await published("54", null, 2022);
    expect(py.rows).toHaveLength(facts004.unit_count ?? 0);
    const songCau = py.get("Sông Cầu");
    expect(songCau).toMatchObject({
      total: 73.34,
      rank: 3,
      rankChange: 3,
      pointsChange: 8.48,
      groupLabel: "Khá",
    });
    const [s] = facts004.scores ?? [];
    expect(songCau).toMatchObject({ total: s?.points, rank: s?.rank, groupLabel: s?.classification });
    expect(songCau.sample).toBe(false);
    const fields = (songCau.detail as PublishedDetail).result.fields;
    expect(fields.map((f) => [f.points, f.max])).toEqual(
      (facts004.fields ?? []).map((f) => [f.points, f.max]),
    );
  });

  it("reads back Sông Cầu's communes: Xuân Thành the one Tốt, 10 Khá, 2 Trung bình", async () => {
    const level = factsFor("004").commune_level_2022;
    const sc = await published("54", "Thị xã Sông Cầu", 2022);
    expect(sc.rows).toHaveLength(13);
    expect(sc.where((r) => r.groupLabel === "Tốt")).toEqual(level?.Tốt);
    expect(sc.where((r) => r.groupLabel === "Khá")).toHaveLength(level?.Khá_count ?? -1);
    expect(sc.where((r) => r.groupLabel === "Trung bình")).toHaveLength(level?.["Trung bình_count"] ?? -1);
  });

  it("reads back the TTHC figures the portals printed, with earlier periods flagged sample", async () => {
    const units = [
      { name: "Bắc An", scope: "Thành phố Chí Linh" },
      { name: "Tân Hồng", scope: "Huyện Bình Giang" },
    ];
    for (const { name, scope: district } of units) {
      const s = await scope("30", district, 2023);
      const unit = (await store.units.children(s.id)).find((u) => printed(u.name) === name);
      const [latest, ...earlier] = await store.tthc.forUnit(unit?.id ?? 0);
      const printedFigures = facts.tthc_case_stats.find((t) => t.unit === `Xã ${name}`);
      expect((latest?.resolvedEarly ?? 0) + (latest?.resolvedOnTime ?? 0) + (latest?.resolvedLate ?? 0)).toBe(
        printedFigures?.processed,
      );
      expect((latest?.resolvedEarly ?? 0) + (latest?.resolvedOnTime ?? 0)).toBe(
        printedFigures?.on_time_or_early,
      );
      expect(latest).toMatchObject({
        resolvedLate: printedFigures?.late,
        asOf: printedFigures?.as_of,
        sample: false,
      });
      expect(earlier.length).toBeGreaterThan(0);
      expect(earlier.every((p) => p.sample)).toBe(true);
    }
  });

  it("has Kinh Môn's four schedule weeks of 2024, each within its notice's dates", async () => {
    const km = await scope("30", "Thị xã Kinh Môn", 2024);
    for (const notice of facts.work_schedule_notices) {
      const items = await store.schedules.week(km.id, { isoYear: 2024, isoWeek: notice.week });
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.date >= notice.from && item.date <= notice.to).toBe(true);
        expect(item.sample).toBe(true);
      }
    }
  });

  it("keeps the 2023 drafts out of every chat-facing read", async () => {
    const gl = await scope("30", "Huyện Gia Lộc", 2023);
    const thongNhat = (await store.units.children(gl.id)).find((u) => u.name === "Xã Thống Nhất");
    expect((await store.assessments.get(thongNhat?.id ?? 0, 2023))?.status).toBe("draft");
    expect(await store.published.forUnit(thongNhat?.id ?? 0, 2023)).toBeNull();
    expect(await store.published.years(thongNhat?.id ?? 0)).toEqual([2022, 2021]);
    expect(await store.published.byScope(gl.id, 2023)).toEqual([]);
    expect(await store.published.scopeYears(gl.id)).toEqual([2022, 2021]);
    expect(await store.publishedLookup.latestYear()).toBe(2022);
    expect(report.drafts.saved).toBe(18 + 16);
  });

  it("changes nothing when migrate, the register load and the seed run again", async () => {
    const before = await store.tableChecksums();
    const migrations = await migrate(db.client, await readMigrations(), new Date("2026-04-01T00:00:00Z"));
    expect(migrations.applied).toEqual([]);
    const loaded = await store.register.load(register, { ...ctx, now: new Date("2026-04-01T00:00:00Z") });
    expect(
      loaded.units.inserted + loaded.units.updated + loaded.lineage.inserted + loaded.lineage.updated,
    ).toBe(0);
    const again = await seedDemo(store, { ...ctx, now: new Date("2026-04-01T00:00:00Z") });
    expect(again.publications).toEqual({ published: [], alreadyPublished: 11, results: 0 });
    expect(await store.tableChecksums()).toEqual(before);
  });
});
