/** Accepted imports: what they write, that a re-run changes nothing, and that a dry run writes nothing. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ImportInput, ImportRefusedError, runImport, textInput } from "../../src/imports/index.ts";
import { type Store, yearWindow } from "../../src/store/index.ts";
import { backends, type TestDatabase } from "../support/databases.ts";
import { ASSESSMENT_HEADER, ctx, kinhMonRows, openKinhMon } from "../support/kinh-mon-units.ts";

const memory = backends.find((b) => b.name === "memory")!;
let db: TestDatabase;
let store: Store;

beforeAll(async () => {
  ({ db, store } = await openKinhMon(memory));
});
afterAll(async () => {
  await db.close();
});

/** The same text cut into pieces, the way a file stream delivers it (a "\r\n" may be split). */
function chunked(name: string, text: string, size: number): ImportInput {
  return {
    name,
    format: "csv",
    chunks: (async function* () {
      for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
    })(),
  };
}

describe("assessments", () => {
  const file = [ASSESSMENT_HEADER, ...kinhMonRows("An Lưu"), ...kinhMonRows("An Sinh")].join("\n");
  const request = (text = file, dryRun = false) => ({
    kind: "assessments" as const,
    input: textInput("kinh-mon-2021.csv", text),
    methodology: "haiduong-commune-2021",
    dryRun,
  });

  it("reports on a dry run exactly what it would write, and writes nothing", async () => {
    const before = await store.tableChecksums();
    const report = await runImport(store, request(file, true), ctx);
    expect(report).toMatchObject({ dryRun: true, rows: 14 });
    expect(report.changes).toEqual([
      { what: "bản đánh giá (đơn vị × năm)", inserted: 2, updated: 0, unchanged: 0 },
      { what: "điểm tiêu chí", inserted: 14, updated: 0, unchanged: 0 },
    ]);
    expect(await store.tableChecksums()).toEqual(before);
  });

  it("writes draft assessments with their leaf scores, audited as the CLI", async () => {
    const report = await runImport(store, request(), ctx);
    expect(report.changes[1]).toMatchObject({ inserted: 14 });
    const [anLuu] = await store.units.findByCode("10675", yearWindow(2021), "commune");
    const assessment = await store.assessments.get(anLuu?.id ?? 0, 2021);
    expect(assessment).toMatchObject({
      status: "draft",
      methodologyId: "haiduong-commune-2021",
      source: "Tệp kinh-mon-2021.csv",
      sample: false,
    });
    const scores = await store.assessments.scores(assessment?.id ?? 0);
    expect(scores.map((s) => [s.criterionCode, s.finalScore])).toEqual([
      ["F1", 10.98],
      ["F2", 10],
      ["F3", 22],
      ["F4", 8],
      ["F5", 14],
      ["F6", 9.96],
      ["F7", 16.68],
    ]);
    const [audit] = await store.audit.list({ entity: "import" });
    expect(audit).toMatchObject({
      actor: "cli",
      action: "import",
      entityId: "assessments",
      at: ctx.now.toISOString(),
    });
    expect(audit?.details).toMatchObject({ file: "kinh-mon-2021.csv", rows: 14 });
    // Each unit and year written has its own row under the unit, with every criterion before → after.
    const unitRow = (await store.audit.list({ entity: "assessment", entityId: `${anLuu?.id}/2021` }))[0];
    expect(unitRow).toMatchObject({ action: "assessment.create", unitId: anLuu?.id });
    expect(unitRow?.details).toMatchObject({ before: null, criteria: 7, scores: null });
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await store.tableChecksums();
    const report = await runImport(store, request(), ctx);
    expect(report.changes).toEqual([
      { what: "bản đánh giá (đơn vị × năm)", inserted: 0, updated: 0, unchanged: 2 },
      { what: "điểm tiêu chí", inserted: 0, updated: 0, unchanged: 14 },
    ]);
    expect(await store.tableChecksums()).toEqual(before);
  });

  it("updates only the scores a corrected file changes", async () => {
    const corrected = file.replace("10675,2021,F1,10.98", '10675,2021,F1,"11,5"');
    const report = await runImport(
      store,
      { ...request(corrected), input: chunked("fix.csv", corrected, 7) },
      ctx,
    );
    expect(report.changes[1]).toEqual({ what: "điểm tiêu chí", inserted: 0, updated: 1, unchanged: 13 });
    // Audited under An Lưu with the one criterion before → after and the draft's source before; An Sinh's
    // scores are unchanged, but its draft now cites this file: its row says so, with no score.
    const [anLuu] = await store.units.findByCode("10675", yearWindow(2021), "commune");
    const [row] = await store.audit.list({ entity: "assessment", entityId: `${anLuu?.id}/2021` });
    expect(row).toMatchObject({ action: "assessment.update", unitId: anLuu?.id });
    expect(row?.details).toMatchObject({
      source: "Tệp fix.csv",
      before: { methodology: "haiduong-commune-2021@1", source: "Tệp kinh-mon-2021.csv" },
      scores: [
        {
          criterion: "F1",
          before: { final: 10.98, self: null, appraised: null, note: null, sample: false },
          after: { final: 11.5, self: null, appraised: null, note: null, sample: false },
        },
      ],
    });
    const [anSinh] = await store.units.findByCode("10723", yearWindow(2021), "commune");
    const [other] = await store.audit.list({ entity: "assessment", entityId: `${anSinh?.id}/2021` });
    expect(other).toMatchObject({ action: "assessment.update", unitId: anSinh?.id });
    expect(other?.details).toMatchObject({
      source: "Tệp fix.csv",
      before: { source: "Tệp kinh-mon-2021.csv" },
    });
    expect(other?.details.scores).toEqual([]);
  });

  it("reads Excel's export: BOM, semicolons, decimal commas, CRLF split across chunks", async () => {
    const excel = `\uFEFF${[`${ASSESSMENT_HEADER.replaceAll(",", ";")};note`, ...kinhMonRows("Hiệp An").map((r) => `${r.replaceAll(",", ";").replace(/(\d)\.(\d)/, "$1,$2")};"ghi chú; có dấu"`)].join("\r\n")}\r\n`;
    const report = await runImport(store, { ...request(excel), input: chunked("excel.csv", excel, 5) }, ctx);
    expect(report.rows).toBe(7);
    const [hiepAn] = await store.units.findByCode("10735", yearWindow(2021), "commune");
    const scores = await store.assessments.scores(
      (await store.assessments.get(hiepAn?.id ?? 0, 2021))?.id ?? 0,
    );
    expect(scores.find((s) => s.criterionCode === "F1")).toMatchObject({
      finalScore: 9.57,
      note: "ghi chú; có dấu",
    });
  });

  it("reads JSON records, with numbers or text", async () => {
    const records = [
      {
        unit_code: "10738",
        year: 2021,
        criterion_code: "F1",
        score: 9.9,
        methodology_id: "haiduong-commune-2021",
      },
      {
        unit_code: "10738",
        year: "2021",
        criterion_code: "F2",
        score: "8,84",
        methodology_id: "haiduong-commune-2021",
      },
    ];
    const report = await runImport(
      store,
      { kind: "assessments", input: textInput("long-xuyen.json", JSON.stringify(records)) },
      ctx,
    );
    expect(report.changes[1]).toMatchObject({ inserted: 2 });
  });
});

describe("units", () => {
  const file = [
    "code,name,kind,parent_code,valid_from,valid_to,predecessor_codes",
    "10690,Phường Kinh Môn,phường,31,2025-07-01,,10675;10681",
    "10693,Phường Bắc An Phụ,phường,31,2025-07-01,,10681",
  ].join("\n");

  it("adds units with their parent and lineage, full or partial", async () => {
    const report = await runImport(store, { kind: "units", input: textInput("units.csv", file) }, ctx);
    expect(report.changes).toEqual([
      { what: "đơn vị", inserted: 2, updated: 0, unchanged: 0 },
      { what: "quan hệ kế thừa", inserted: 3, updated: 0, unchanged: 0 },
    ]);
    const [anLuu] = await store.units.findByCode("10675", yearWindow(2024), "commune");
    const [thatHung] = await store.units.findByCode("10681", yearWindow(2024), "commune");
    expect((await store.units.successors(anLuu?.id ?? 0)).map((l) => [l.unit.name, l.kind])).toEqual([
      ["Phường Kinh Môn", "full"],
    ]);
    expect((await store.units.successors(thatHung?.id ?? 0)).map((l) => [l.unit.name, l.kind])).toEqual([
      ["Phường Kinh Môn", "partial"],
      ["Phường Bắc An Phụ", "partial"],
    ]);
    const [kinhMon] = await store.units.findByCode("10690", yearWindow(2026), "commune");
    expect((await store.units.path(kinhMon?.id ?? 0)).map((u) => u.name)).toEqual([
      "Phường Kinh Môn",
      "Thành phố Hải Phòng",
    ]);
  });

  it("changes nothing on a second run", async () => {
    const before = await store.tableChecksums();
    const report = await runImport(store, { kind: "units", input: textInput("units.csv", file) }, ctx);
    expect(report.changes.map((c) => c.unchanged)).toEqual([2, 3]);
    expect(await store.tableChecksums()).toEqual(before);
  });

  it("refuses a unit whose code another unit holds in an overlapping window", async () => {
    const before = await store.tableChecksums();
    const clash =
      "code,name,kind,parent_code,valid_from,valid_to\n10675,Phường An Lưu Mới,phường,292,2024-01-01,";
    const error = await runImport(store, { kind: "units", input: textInput("u.csv", clash) }, ctx).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect(error.problems).toEqual([
      {
        line: 2,
        code: "CODE_OVERLAP",
        message:
          "Dòng 2: mã 10675 đã là của Phường An Lưu (hiệu lực đến 30/06/2025) trong khoảng thời gian chồng lấn",
      },
    ]);
    expect(await store.tableChecksums()).toEqual(before);
  });
});

describe("tthc and schedule", () => {
  it("stores Bắc An-style counts once; a re-run changes nothing", async () => {
    const file = [
      "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue,apologies_sent,resolved,as_of",
      "10675,2023-01-01,02/12/2023,1035,0,1034,1,0,0,1,1035,2023-12-02T22:14:02+07:00",
    ].join("\n");
    const first = await runImport(store, { kind: "tthc", input: textInput("tthc.csv", file) }, ctx);
    expect(first.changes).toEqual([{ what: "kỳ số liệu TTHC", inserted: 1, updated: 0, unchanged: 0 }]);
    const [anLuu] = await store.units.findByCode("10675", yearWindow(2023), "commune");
    expect(await store.tthc.get(anLuu?.id ?? 0, "2023-01-01", "2023-12-02")).toMatchObject({
      received: 1035,
      resolvedOnTime: 1034,
      resolvedLate: 1,
      apologiesSent: 1,
      asOf: "2023-12-02T22:14:02+07:00",
    });
    const again = await runImport(store, { kind: "tthc", input: textInput("tthc.csv", file) }, ctx);
    expect(again.changes[0]).toMatchObject({ inserted: 0, unchanged: 1 });
  });

  it("keeps what a portal did not publish as unknown (empty cells), not 0", async () => {
    const file = [
      "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue,apologies_sent",
      "10675,2023-01-01,2023-12-02,,,1034,1,,,",
    ].join("\n");
    await runImport(store, { kind: "tthc", input: textInput("tthc-cong-thong-tin.csv", file) }, ctx);
    const [anLuu] = await store.units.findByCode("10675", yearWindow(2023), "commune");
    expect(await store.tthc.get(anLuu?.id ?? 0, "2023-01-01", "2023-12-02")).toMatchObject({
      received: null,
      resolvedEarly: null,
      resolvedOnTime: 1034,
      resolvedLate: 1,
      pendingInTime: null,
      pendingOverdue: null,
      apologiesSent: null,
    });
  });

  const TTHC_2024 =
    "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue,apologies_sent,as_of";

  it("reads as_of as the period dates are read, keeps a portal's instant as given, and empty as unknown", async () => {
    const file = [
      TTHC_2024,
      "10675,2024-01-01,2024-03-31,10,0,9,1,0,0,1,05/07/2024",
      "10675,2024-04-01,2024-06-30,10,0,9,1,0,0,1,2024-07-05",
      "10675,2024-07-01,2024-09-30,10,0,9,1,0,0,1,2024-10-02T08:00:00+07:00",
      "10675,2024-10-01,2024-12-31,10,0,9,1,0,0,1,",
    ].join("\n");
    await runImport(store, { kind: "tthc", input: textInput("tthc-2024.csv", file) }, ctx);
    const [anLuu] = await store.units.findByCode("10675", yearWindow(2024), "commune");
    const periods = await store.tthc.forUnit(anLuu?.id ?? 0, 4);
    expect(periods.map((p) => [p.periodEnd, p.asOf])).toEqual([
      ["2024-12-31", null],
      ["2024-09-30", "2024-10-02T08:00:00+07:00"],
      ["2024-06-30", "2024-07-05"],
      ["2024-03-31", "2024-07-05"],
    ]);
  });

  it("counts the same figures sent again under another file name as unchanged, writing nothing", async () => {
    const file = [TTHC_2024, "10723,2024-01-01,2024-03-31,20,2,17,1,0,0,1,31/3/2024"].join("\n");
    const first = await runImport(store, { kind: "tthc", input: textInput("an-sinh-quy-1.csv", file) }, ctx);
    expect(first.changes[0]).toMatchObject({ inserted: 1 });
    const before = await store.tableChecksums();
    for (const request of [
      { input: textInput("an-sinh-quy-1 (1).csv", file) },
      { input: textInput("tthc-gui-lai.csv", file), source: "Cán bộ phường An Sinh gửi lại" },
    ]) {
      const again = await runImport(store, { kind: "tthc", ...request }, ctx);
      expect(again.changes).toEqual([{ what: "kỳ số liệu TTHC", inserted: 0, updated: 0, unchanged: 1 }]);
    }
    expect(await store.tableChecksums()).toEqual(before);
    const [anSinh] = await store.units.findByCode("10723", yearWindow(2024), "commune");
    expect((await store.tthc.get(anSinh?.id ?? 0, "2024-01-01", "2024-03-31"))?.source).toBe(
      "Tệp an-sinh-quy-1.csv",
    );
  });

  it("refuses an empty on-time or late count: those every report gives", async () => {
    const file = [
      "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue,apologies_sent",
      "10675,2023-01-01,2023-12-02,,,1034,,,,",
    ].join("\n");
    const error = await runImport(store, { kind: "tthc", input: textInput("thieu.csv", file) }, ctx).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      problems: [{ line: 2, message: "Dòng 2: thiếu số giải quyết trễ hạn (resolved_late)" }],
    });
  });

  it("replaces the weeks a schedule file covers, in date and time order", async () => {
    const file = [
      "scope_code,date,start_time,end_time,title,location,participants,week",
      "292,2024-03-22,14:00,16:00,Họp UBND thị xã,Hội trường,Lãnh đạo UBND thị xã,2024-W12",
      "292,18/3/2024,7h30,9h,Giao ban,Phòng họp số 1,Chủ tịch UBND thị xã,2024-W12",
    ].join("\n");
    const report = await runImport(store, { kind: "schedule", input: textInput("tuan-12.csv", file) }, ctx);
    expect(report.changes).toEqual([{ what: "tuần lịch làm việc", inserted: 1, updated: 0, unchanged: 0 }]);
    const [kinhMon] = await store.units.findByCode("292", yearWindow(2024), "district");
    const items = await store.schedules.week(kinhMon?.id ?? 0, { isoYear: 2024, isoWeek: 12 });
    expect(items.map((i) => [i.date, i.startTime, i.endTime, i.title])).toEqual([
      ["2024-03-18", "07:30", "09:00", "Giao ban"],
      ["2024-03-22", "14:00", "16:00", "Họp UBND thị xã"],
    ]);
    const again = await runImport(store, { kind: "schedule", input: textInput("tuan-12.csv", file) }, ctx);
    expect(again.changes[0]).toMatchObject({ unchanged: 1 });
  });
});

describe("methodology", () => {
  const json = readFileSync(
    new URL("../../src/methodologies/haiduong-commune-2022.json", import.meta.url),
    "utf8",
  );

  it("stores a methodology file once, whatever its spacing", async () => {
    const first = await runImport(store, { kind: "methodology", input: textInput("m.json", json) }, ctx);
    expect(first.changes).toEqual([{ what: "phương pháp", inserted: 1, updated: 0, unchanged: 0 }]);
    const compact = JSON.stringify(JSON.parse(json));
    const again = await runImport(store, { kind: "methodology", input: textInput("m.json", compact) }, ctx);
    expect(again.changes[0]).toMatchObject({ inserted: 0, unchanged: 1 });
  });

  it("refuses a changed methodology under the same version, and an invalid one", async () => {
    const before = await store.tableChecksums();
    const changed = JSON.parse(json);
    changed.title = "Đã sửa";
    const error = await runImport(
      store,
      { kind: "methodology", input: textInput("m.json", JSON.stringify(changed)) },
      ctx,
    ).catch((e) => e);
    expect(error.problems.map((p: { code: string }) => p.code)).toEqual(["METHODOLOGY_VERSION_CHANGED"]);
    changed.maxPoints = 90;
    const invalid = await runImport(
      store,
      { kind: "methodology", input: textInput("m.json", JSON.stringify(changed)) },
      ctx,
    ).catch((e) => e);
    expect(invalid.problems.map((p: { code: string }) => p.code)).toEqual(["INVALID_METHODOLOGY"]);
    expect(await store.tableChecksums()).toEqual(before);
  });
});
