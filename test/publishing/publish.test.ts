/**
 * Publishing Kinh Môn 2021 from imported scores: refused while a unit lacks scores, then frozen with
 * the head ratings the article printed; the year after stays invisible to the chat-facing reads until
 * published; and a publication can be withdrawn only until it was announced.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kinhMon2021 } from "../../src/demo/fixtures/index.ts";
import type { PublishedDetail } from "../../src/domain/published.ts";
import { ImportRefusedError, runImport, textInput } from "../../src/imports/index.ts";
import { PublishingError, publishScope, unpublishScope } from "../../src/publishing/index.ts";
import { type Store, StoreError, yearWindow } from "../../src/store/index.ts";
import { backends, type TestDatabase } from "../support/databases.ts";
import { factsFor } from "../support/facts.ts";
import {
  ASSESSMENT_HEADER,
  ctx,
  KINH_MON_CODE,
  kinhMonRows,
  openKinhMon,
} from "../support/kinh-mon-units.ts";

const memory = backends.find((b) => b.name === "memory")!;
const names = kinhMon2021.units.map((u) => u.unitName);
let db: TestDatabase;
let store: Store;

const importRows = (rows: string[], year = 2021, methodology = "haiduong-commune-2021") =>
  runImport(
    store,
    {
      kind: "assessments",
      input: textInput(`kinh-mon-${year}.csv`, [ASSESSMENT_HEADER, ...rows].join("\n")),
      methodology,
    },
    ctx,
  );
const publish = (year = 2021, publishedOn = "2022-03-04") =>
  store.transaction((repos) => publishScope(repos, { scopeCode: KINH_MON_CODE, year, publishedOn }, ctx));
const unpublish = (year = 2021) =>
  store.transaction((repos) => unpublishScope(repos, { scopeCode: KINH_MON_CODE, year }, ctx));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  ({ db, store } = await openKinhMon(memory));
});
afterAll(async () => {
  await db.close();
});

describe("publish", () => {
  it("refuses a scope where a unit lacks scores, naming each such unit, and changes nothing", async () => {
    const partial = names
      .filter((n) => n !== "Lạc Long")
      .flatMap((n) => kinhMonRows(n))
      .filter((row) => !row.startsWith("10708,2021,F7,"));
    await importRows(partial);
    const before = await store.tableChecksums();
    const error = await rejection(publish());
    expect(error).toBeInstanceOf(PublishingError);
    expect(error).toMatchObject({
      code: "UNITS_LACK_SCORES",
      message: "Không công bố Thị xã Kinh Môn năm 2021: 2/23 đơn vị chưa đủ điểm.",
      lines: [
        "Xã Hiệp Hòa (mã 10708): thiếu điểm tiêu chí F7",
        "Xã Lạc Long (mã 10720): chưa có bản đánh giá năm 2021",
      ],
    });
    expect(await store.tableChecksums()).toEqual(before);
  });

  it("freezes the ranking with the head ratings and groups Kinh Môn published", async () => {
    await importRows([...kinhMonRows("Lạc Long"), ...kinhMonRows("Hiệp Hòa")]);
    const report = await publish();
    expect(report.units).toHaveLength(23);
    const [scope] = await store.units.findByCode(KINH_MON_CODE, yearWindow(2021), "district");
    const results = await store.published.byScope(scope?.id ?? 0, 2021);
    expect(results).toHaveLength(23);
    const nameOf = new Map(
      (await store.units.children(scope?.id ?? 0)).map((u) => [u.id, u.name.replace(/^(Xã|Phường) /, "")]),
    );
    const facts = factsFor("000");
    const rated = (code: string) =>
      results
        .filter((r) => r.ratingCode === code)
        .map((r) => nameOf.get(r.unitId))
        .sort();
    expect(rated("HT")).toEqual([...(facts.head_rating?.HT ?? [])].sort());
    expect(rated("KHT")).toEqual([...(facts.head_rating?.KHT ?? [])].sort());
    const top = results.filter((r) => r.pct >= 90).map((r) => nameOf.get(r.unitId));
    expect(top.sort()).toEqual([...(facts.groups?.[0]?.members ?? [])].sort());
    // The article: the three over 90% were rated only HT, their modernisation field (F7) being under 70%.
    for (const r of results.filter((x) => x.pct >= 90)) {
      const caps = r.reasons.filter(
        (reason) => typeof reason === "object" && reason !== null && "capAt" in reason,
      );
      expect(caps[0]).toMatchObject({ capAt: { code: "HT" }, fields: [{ code: "F7" }] });
      expect((caps[0] as unknown as { reason: string }).reason).toContain(
        "hiện đại hóa nền hành chính đạt dưới 70%",
      );
      expect((r.detail as PublishedDetail).result.headRating?.base.code).toBe("HTXS");
    }
    const publication = await store.publications.get(scope?.id ?? 0, 2021);
    expect(publication).toMatchObject({ publishedOn: "2022-03-04", unitCount: 23, announcedAt: null });
  });

  it("refuses to publish the same scope-year twice, and to import over published scores", async () => {
    const before = await store.tableChecksums();
    expect(await rejection(publish())).toMatchObject({ code: "ALREADY_PUBLISHED" });
    const error = await rejection(importRows(kinhMonRows("An Lưu")));
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect((error as ImportRefusedError).problems[0]?.message).toBe(
      "Dòng 2: kết quả năm 2021 của Phường An Lưu (mã 10675) đã công bố ngày 04/03/2022; " +
        "phải rút công bố (unpublish) trước khi nhập lại",
    );
    expect(await store.tableChecksums()).toEqual(before);
  });
});

describe("the embargo on an unpublished year", () => {
  it("shows nothing of a year whose assessments are drafts", async () => {
    await importRows(
      names.flatMap((n) => kinhMonRows(n, 2022)),
      2022,
      "haiduong-commune-2022",
    );
    const [scope] = await store.units.findByCode(KINH_MON_CODE, yearWindow(2022), "district");
    const [anLuu] = await store.units.findByCode("10675", yearWindow(2022), "commune");
    expect((await store.assessments.get(anLuu?.id ?? 0, 2022))?.status).toBe("draft");
    expect(await store.published.forUnit(anLuu?.id ?? 0, 2022)).toBeNull();
    expect(await store.published.byScope(scope?.id ?? 0, 2022)).toEqual([]);
    expect(await store.published.years(anLuu?.id ?? 0)).toEqual([2021]);
    expect(await store.published.scopeYears(scope?.id ?? 0)).toEqual([2021]);
    expect(await store.publishedLookup.latestYear()).toBe(2021);
  });

  it("shows it once published, with changes against the year before", async () => {
    await publish(2022, "2023-03-10");
    const [anLuu] = await store.units.findByCode("10675", yearWindow(2022), "commune");
    const result = await store.published.forUnit(anLuu?.id ?? 0, 2022);
    expect(result).toMatchObject({ year: 2022, pointsChange: 0, publishedOn: "2023-03-10" });
    expect(await store.publishedLookup.latestYear()).toBe(2022);
  });
});

describe("unpublish", () => {
  it("withdraws a publication not yet announced back to drafts", async () => {
    const report = await unpublish(2022);
    expect(report.withdrawn).toBe(23);
    const [anLuu] = await store.units.findByCode("10675", yearWindow(2022), "commune");
    expect((await store.assessments.get(anLuu?.id ?? 0, 2022))?.status).toBe("draft");
    expect(await rejection(unpublish(2022))).toMatchObject({ code: "NOT_PUBLISHED" });
  });

  it("is refused once the results were announced, and changes nothing", async () => {
    const [scope] = await store.units.findByCode(KINH_MON_CODE, yearWindow(2021), "district");
    expect(await store.publications.markAnnounced(scope?.id ?? 0, 2021, ctx)).toBe(true);
    expect(await store.publications.markAnnounced(scope?.id ?? 0, 2021, ctx)).toBe(false);
    const before = await store.tableChecksums();
    const error = await rejection(unpublish(2021));
    expect(error).toBeInstanceOf(PublishingError);
    expect(error).toMatchObject({ code: "ANNOUNCED" });
    const direct = await rejection(store.published.withdraw(scope?.id ?? 0, 2021, ctx));
    expect(direct).toBeInstanceOf(StoreError);
    expect(direct).toMatchObject({ code: "PUBLICATION_ANNOUNCED" });
    expect(await store.tableChecksums()).toEqual(before);
  });
});
