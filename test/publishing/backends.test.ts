/**
 * The import and publishing contract on every backend, the remote one included (the loopback Hrana test
 * server stands in for a libSQL server): a refused file and a dry run change nothing, a file is written
 * all at once, and a scope is published and withdrawn.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kinhMon2021 } from "../../src/demo/fixtures/index.ts";
import { ImportRefusedError, runImport, textInput } from "../../src/imports/index.ts";
import { publishScope, unpublishScope } from "../../src/publishing/index.ts";
import { type Store, yearWindow } from "../../src/store/index.ts";
import { backends, type TestDatabase } from "../support/databases.ts";
import {
  ASSESSMENT_HEADER,
  ctx,
  KINH_MON_CODE,
  kinhMonRows,
  openKinhMon,
} from "../support/kinh-mon-units.ts";

const file = [ASSESSMENT_HEADER, ...kinhMon2021.units.flatMap((u) => kinhMonRows(u.unitName))].join("\n");
const request = (text: string, dryRun = false) => ({
  kind: "assessments" as const,
  input: textInput("kinh-mon-2021.csv", text),
  methodology: "haiduong-commune-2021",
  dryRun,
});

describe.each(backends)("imports and publishing on $name", (backend) => {
  let db: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    ({ db, store } = await openKinhMon(backend));
  });
  afterAll(async () => {
    await db.close();
  });

  it("refuses a bad file and runs a dry run without changing anything", async () => {
    const before = await store.tableChecksums();
    const error = await runImport(store, request(`${file}\n10675,2021,F1,12.5`), ctx).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect(error.problems.map((p: { code: string }) => p.code)).toEqual(["SCORE_OUT_OF_RANGE"]);
    const dry = await runImport(store, request(file, true), ctx);
    expect(dry.changes[1]).toMatchObject({ inserted: 161 });
    expect(await store.tableChecksums()).toEqual(before);
  });

  it("imports the file in one transaction and publishes the scope", async () => {
    const report = await runImport(store, request(file), ctx);
    expect(report.changes[1]).toMatchObject({ inserted: 161 });
    const published = await store.transaction((repos) =>
      publishScope(repos, { scopeCode: KINH_MON_CODE, year: 2021, publishedOn: "2022-03-04" }, ctx),
    );
    expect(published.units.filter((u) => u.pct >= 90).map((u) => u.name)).toEqual([
      "Phường An Lưu",
      "Phường An Sinh",
      "Phường Phú Thứ",
    ]);
    const [anLuu] = await store.units.findByCode("10675", yearWindow(2021), "commune");
    expect(await store.published.forUnit(anLuu?.id ?? 0, 2021)).toMatchObject({ rank: 1, ratingCode: "HT" });
  });

  it("withdraws the publication back to drafts", async () => {
    const withdrawn = await store.transaction((repos) =>
      unpublishScope(repos, { scopeCode: KINH_MON_CODE, year: 2021 }, ctx),
    );
    expect(withdrawn.withdrawn).toBe(23);
    expect(await store.publishedLookup.latestYear()).toBeNull();
  });
});
