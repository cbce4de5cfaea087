/**
 * A small database for import and publishing tests: Tỉnh Hải Dương, Thị xã Kinh Môn and its 23 units
 * of 2021 (codes from the Kinh Môn fixture; Hoành Sơn, merged in 2024, under a derived code), all
 * valid until 30/06/2025; one post-reform commune reusing a code and one commune formed in 2024 under
 * Huyện Gia Lộc, so that "the unit valid that year" matters.
 */
import { kinhMon2021 } from "../../src/demo/fixtures/index.ts";
import { createStore, type Store, type UnitInput } from "../../src/store/index.ts";
import { type Backend, openMigrated, type TestDatabase } from "./databases.ts";

export const KINH_MON_CODE = "292";
export const HOANH_SON_CODE = "292-xa-hoanh-son";
export const ctx = { now: new Date("2026-02-01T03:00:00Z"), actor: "cli" };

const base = (
  overrides: Partial<UnitInput> & Pick<UnitInput, "code" | "name" | "kind" | "level">,
): UnitInput => ({
  key: null,
  parentId: null,
  validFrom: null,
  validTo: "2025-06-30",
  legalBasis: null,
  source: "test",
  sample: false,
  ...overrides,
});

/** Code of each Kinh Môn unit by the name the article prints. */
export const kinhMonCodes: ReadonlyMap<string, string> = new Map(
  kinhMon2021.units.map((u) => [u.unitName, u.gsoCode ?? HOANH_SON_CODE]),
);

export async function openKinhMon(backend: Backend): Promise<{ db: TestDatabase; store: Store }> {
  const db = await openMigrated(backend);
  const store = createStore(db.client);
  const province = await store.units.insert(
    base({ code: "30", name: "Tỉnh Hải Dương", kind: "tỉnh", level: "province" }),
    ctx,
  );
  const district = await store.units.insert(
    base({
      code: KINH_MON_CODE,
      name: "Thị xã Kinh Môn",
      kind: "thị xã",
      level: "district",
      parentId: province,
    }),
    ctx,
  );
  for (const u of kinhMon2021.units) {
    await store.units.insert(
      base({
        code: kinhMonCodes.get(u.unitName) ?? "",
        name: u.fullName,
        kind: u.kind,
        level: "commune",
        parentId: district,
      }),
      ctx,
    );
  }
  const giaLoc = await store.units.insert(
    base({ code: "297", name: "Huyện Gia Lộc", kind: "huyện", level: "district", parentId: province }),
    ctx,
  );
  await store.units.insert(
    base({
      code: "11035",
      name: "Xã Gia Phúc",
      kind: "xã",
      level: "commune",
      parentId: giaLoc,
      validFrom: "2024-12-01",
    }),
    ctx,
  );
  const haiPhong = await store.units.insert(
    base({
      code: "31",
      name: "Thành phố Hải Phòng",
      kind: "thành phố trung ương",
      level: "province",
      validFrom: "2025-07-01",
      validTo: null,
    }),
    ctx,
  );
  await store.units.insert(
    base({
      code: "10714",
      name: "Phường Nhị Chiểu",
      kind: "phường",
      level: "commune",
      parentId: haiPhong,
      validFrom: "2025-07-01",
      validTo: null,
    }),
    ctx,
  );
  return { db, store };
}

/** The seven leaf scores of a Kinh Môn unit as CSV rows (fixture scores), optionally with a group column. */
export function kinhMonRows(unitName: string, year = 2021, group?: string): string[] {
  const unit = kinhMon2021.units.find((u) => u.unitName === unitName);
  if (unit === undefined) throw new Error(`no Kinh Môn unit ${unitName}`);
  const code = kinhMonCodes.get(unitName);
  return Object.entries(unit.scores).map(
    ([criterion, score]) => `${code},${year},${criterion},${score}${group === undefined ? "" : `,${group}`}`,
  );
}

export const ASSESSMENT_HEADER = "unit_code,year,criterion_code,score";
