import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResolvableUnit } from "../../src/domain/unit.ts";
import { LINEAGE_SUPPLEMENT } from "../../src/register/lineage-supplement.ts";
import { loadNationalRegister, loadPackageData } from "../../src/register/load-package.ts";
import { buildNationalRegister } from "../../src/register/national.ts";
import type { NationalRegister } from "../../src/register/types.ts";
import { createStore, type Store, yearWindow } from "../../src/store/index.ts";
import { backends, openMigrated, type TestDatabase } from "../support/databases.ts";

const ctx = { now: new Date("2026-01-05T08:00:00Z"), actor: "test:register" };
let register: NationalRegister;

beforeAll(() => {
  register = loadNationalRegister();
});

describe.each(backends)("national register in the store on $name", (backend) => {
  let db: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    db = await openMigrated(backend);
    store = createStore(db.client);
  });
  afterAll(async () => {
    await db.close();
  });

  it("loads every unit and lineage row, with one audit entry", async () => {
    const report = await store.register.load(register, ctx);
    expect(report.units).toEqual({ inserted: register.units.length, updated: 0, unchanged: 0 });
    expect(report.lineage).toEqual({ inserted: register.lineage.length, updated: 0, unchanged: 0 });
    expect(report.skipped).toBe(register.skipped.length);
    const audit = await store.audit.list({ entity: "units" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "register.load",
      actor: "test:register",
      at: ctx.now.toISOString(),
    });
  });

  it("has the required counts", async () => {
    const counts = await db.client.execute(
      "SELECT level, valid_from IS NOT NULL AS current, count(*) AS n FROM units GROUP BY level, current",
    );
    const n = (level: string, current: number) =>
      Number(counts.rows.find((r) => r.level === level && Number(r.current) === current)?.n ?? 0);
    expect(n("province", 1)).toBe(34);
    expect(n("commune", 1)).toBe(3321);
    expect(n("commune", 0)).toBeGreaterThanOrEqual(10_000);
    expect(n("province", 0)).toBe(63);
    expect(await store.units.count()).toBe(register.units.length);
  });

  it("finds old Xã Tân Hồng (10972) in 2024 with its path, and its two successors Xã Đường An and Xã Thượng Hồng", async () => {
    const [oldTanHong, ...others] = await store.units.findByCode("10972", yearWindow(2024), "commune");
    expect(others).toEqual([]);
    expect(oldTanHong).toMatchObject({ name: "Xã Tân Hồng", validTo: "2025-06-30" });
    const path = await store.units.path(oldTanHong?.id ?? 0);
    expect(path.map((u) => u.name)).toEqual(["Xã Tân Hồng", "Huyện Bình Giang", "Tỉnh Hải Dương"]);
    const successors = await store.units.successors(oldTanHong?.id ?? 0);
    // NQ 1669/NQ-UBTVQH15 khoản 87: part of Tân Hồng → Xã Đường An; khoản 88: the rest → Xã Thượng Hồng.
    expect(successors).toEqual([
      expect.objectContaining({
        kind: "partial",
        effectiveDate: "2025-07-01",
        legalBasis: expect.stringMatching(/1669\/NQ-UBTVQH15, khoản 87\b/),
        unit: expect.objectContaining({ name: "Xã Đường An", code: "10972", validFrom: "2025-07-01" }),
      }),
      expect.objectContaining({
        kind: "partial",
        effectiveDate: "2025-07-01",
        legalBasis: expect.stringMatching(/1669\/NQ-UBTVQH15, khoản 88\b/),
        unit: expect.objectContaining({ name: "Xã Thượng Hồng", code: "10993", validFrom: "2025-07-01" }),
      }),
    ]);
    const duongAn = successors[0]?.unit.id ?? 0;
    const predecessors = await store.units.predecessors(duongAn);
    expect(predecessors.map((p) => p.unit.name)).toContain("Xã Tân Hồng");
    expect(predecessors.find((p) => p.unit.id === oldTanHong?.id)).toMatchObject({ kind: "partial" });
  });

  it("keeps the code a code, not an identity: 10972 is two units and the current Tân Hồng is a third", async () => {
    const both2025 = await store.units.findByCode("10972", yearWindow(2025), "commune");
    expect(both2025.map((u) => u.name)).toEqual(["Xã Tân Hồng", "Xã Đường An"]);
    const [currentTanHong] = await store.units.findByCode(
      "29926",
      { from: "2026-01-01", to: "2026-01-01" },
      "commune",
    );
    expect(currentTanHong).toMatchObject({ name: "Xã Tân Hồng", validFrom: "2025-07-01" });
    expect(currentTanHong?.id).not.toBe(both2025[0]?.id);
    const path = await store.units.path(currentTanHong?.id ?? 0);
    expect(path.map((u) => u.name)).toEqual(["Xã Tân Hồng", "Tỉnh Đồng Tháp"]);
  });

  it("lists the resolver's view of every unit with ancestors and successors", async () => {
    const units = await store.units.listResolvable();
    expect(units).toHaveLength(register.units.length);
    const tanHong = units.filter((u: ResolvableUnit) => u.name === "Xã Tân Hồng");
    const old = tanHong.find((u) => u.validTo === "2025-06-30" && u.code === "10972");
    expect(old?.ancestors.map((a) => `${a.kind} ${a.code}`)).toEqual(["huyện 296", "tỉnh 30"]);
    expect(old?.successors).toEqual([
      expect.objectContaining({ name: "Xã Đường An", kind: "partial" }),
      expect.objectContaining({ name: "Xã Thượng Hồng", kind: "partial" }),
    ]);
    expect(tanHong.some((u) => u.code === "29926" && u.validTo === null)).toBe(true);
  });

  it("changes nothing when loaded again", async () => {
    const before = await store.tableChecksums();
    const report = await store.register.load(register, { ...ctx, now: new Date("2026-02-01T00:00:00Z") });
    expect(report.units).toEqual({ inserted: 0, updated: 0, unchanged: register.units.length });
    expect(report.lineage).toEqual({ inserted: 0, updated: 0, unchanged: register.lineage.length });
    expect(await store.tableChecksums()).toEqual(before);
  });

  it("refreshes a changed row in place and keeps a start date another source set", async () => {
    const [giaTien] = await store.units.findByCode("11038", yearWindow(2024), "commune");
    await db.client.execute({
      sql: "UPDATE units SET valid_from = '2025-01-01', name = 'X' WHERE id = ?",
      args: [giaTien?.id ?? 0],
    });
    const report = await store.register.load(register, ctx);
    expect(report.units).toMatchObject({ inserted: 0, updated: 1 });
    expect(await store.units.get(giaTien?.id ?? 0)).toMatchObject({
      name: "Xã Gia Tiến",
      validFrom: "2025-01-01",
    });
  });
});

describe("the lineage supplement on a database loaded before it", () => {
  let db: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    db = await openMigrated(backends[0] as (typeof backends)[number]);
    store = createStore(db.client);
  });
  afterAll(async () => {
    await db.close();
  });

  it("adds the splits in place on the next load, then changes nothing", async () => {
    const packageOnly = buildNationalRegister(loadPackageData(), { source: "none", groups: [] });
    await store.register.load(packageOnly, ctx);
    const [oldTanHong] = await store.units.findByCode("10972", yearWindow(2024), "commune");
    expect((await store.units.successors(oldTanHong?.id ?? 0)).map((l) => [l.unit.name, l.kind])).toEqual([
      ["Xã Đường An", "full"],
    ]);

    // 83 former communes are covered: each package row gets its item (17 of them become partial) and the
    // 18 successors the package lost are added.
    const report = await store.register.load(register, ctx);
    expect(report.units).toEqual({ inserted: 0, updated: 0, unchanged: register.units.length });
    expect(report.lineage).toEqual({ inserted: 18, updated: 83, unchanged: register.lineage.length - 101 });
    const successors = await store.units.successors(oldTanHong?.id ?? 0);
    expect(successors.map((l) => [l.unit.name, l.kind, l.legalBasis])).toEqual([
      ["Xã Đường An", "partial", expect.stringContaining("1669/NQ-UBTVQH15, khoản 87")],
      ["Xã Thượng Hồng", "partial", expect.stringContaining("1669/NQ-UBTVQH15, khoản 88")],
    ]);
    const sources = await db.client.execute(
      "SELECT l.source, count(*) AS n FROM unit_lineage l JOIN units p ON p.id = l.predecessor_id " +
        "WHERE p.key = 'old:commune:10972' GROUP BY l.source",
    );
    expect(sources.rows.map((r) => [String(r.source), Number(r.n)])).toEqual([
      [LINEAGE_SUPPLEMENT.source, 2],
    ]);

    const before = await store.tableChecksums();
    const again = await store.register.load(register, ctx);
    expect(again.lineage).toEqual({ inserted: 0, updated: 0, unchanged: register.lineage.length });
    expect(await store.tableChecksums()).toEqual(before);
  });
});
