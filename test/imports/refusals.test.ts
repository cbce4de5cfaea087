/**
 * Every refusal the issue lists, each on a database that already holds data: the whole file is refused
 * with a reason per row, and the database is byte-for-byte what it was (table checksums).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ImportKind,
  type ImportProblem,
  ImportRefusedError,
  runImport,
  textInput,
} from "../../src/imports/index.ts";
import type { Store, TableChecksum } from "../../src/store/index.ts";
import { backends, type TestDatabase } from "../support/databases.ts";
import { factsFor } from "../support/facts.ts";
import { ASSESSMENT_HEADER, ctx, kinhMonCodes, kinhMonRows, openKinhMon } from "../support/kinh-mon-units.ts";

const memory = backends.find((b) => b.name === "memory")!;
const TTHC_HEADER =
  "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time," +
  "pending_overdue,apologies_sent";
const SCHEDULE_HEADER = "scope_code,date,start_time,end_time,title,location,participants,week";

let db: TestDatabase;
let store: Store;
let before: Record<string, TableChecksum>;

/** Runs an import that must be refused; returns its problems after checking nothing changed. */
async function refused(
  kind: ImportKind,
  name: string,
  text: string,
  methodology?: string,
): Promise<ImportProblem[]> {
  const error = await runImport(store, { kind, input: textInput(name, text), methodology }, ctx).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRefusedError);
  expect(await store.tableChecksums()).toEqual(before);
  return (error as ImportRefusedError).problems as ImportProblem[];
}

beforeAll(async () => {
  ({ db, store } = await openKinhMon(memory));
  // Data already there, so "unchanged" means more than "still empty".
  await runImport(
    store,
    {
      kind: "assessments",
      input: textInput("an-luu.csv", [ASSESSMENT_HEADER, ...kinhMonRows("An Lưu")].join("\n")),
      methodology: "haiduong-commune-2021",
    },
    ctx,
  );
  before = await store.tableChecksums();
  expect(before.assessment_scores?.rows).toBe(7);
});
afterAll(async () => {
  await db.close();
});

describe("refused imports leave the database unchanged", () => {
  it("refuses an unknown unit code", async () => {
    const problems = await refused(
      "assessments",
      "a.csv",
      [ASSESSMENT_HEADER, ...kinhMonRows("Minh Hòa"), "99999,2021,F1,5"].join("\n"),
      "haiduong-commune-2021",
    );
    expect(problems).toEqual([
      { line: 9, code: "UNKNOWN_UNIT", message: "Dòng 9: không có đơn vị nào mang mã 99999" },
    ]);
  });

  it("refuses a code not valid in the assessed year", async () => {
    const problems = await refused(
      "assessments",
      "a.csv",
      [ASSESSMENT_HEADER, "11035,2022,F1,5", "10714,2022,F1,5"].join("\n"),
      "haiduong-commune-2022",
    );
    // 10714 in 2022 is Phường Phú Thứ (the code passed to Phường Nhị Chiểu in 2025): accepted.
    expect(problems).toEqual([
      {
        line: 2,
        code: "UNIT_NOT_VALID",
        message:
          "Dòng 2: mã 11035 (Xã Gia Phúc, hiệu lực 01/12/2024–30/06/2025) không có hiệu lực trong năm 2022",
      },
    ]);
  });

  it("refuses a code that names two units in the period, across the 2025 reform", async () => {
    const problems = await refused(
      "tthc",
      "t.csv",
      [TTHC_HEADER, "10714,2025-06-01,2025-07-31,10,0,10,0,0,0,0"].join("\n"),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, code: "UNIT_AMBIGUOUS" });
    expect(problems[0]?.message).toContain("Phường Phú Thứ, hiệu lực đến 30/06/2025");
    expect(problems[0]?.message).toContain("Phường Nhị Chiểu, hiệu lực từ 01/07/2025");
  });

  it("refuses a code valid only after the year, naming its validity", async () => {
    const problems = await refused(
      "tthc",
      "t.csv",
      [TTHC_HEADER, "31,2023-01-01,2023-12-31,10,0,10,0,0,0,0"].join("\n"),
    );
    expect(problems).toEqual([
      {
        line: 2,
        code: "UNIT_NOT_VALID",
        message:
          "Dòng 2: mã 31 (Thành phố Hải Phòng, hiệu lực từ 01/07/2025) không có hiệu lực trong kỳ 01/01/2023–31/12/2023",
      },
    ]);
  });

  it("refuses a score above the leaf maximum, with the core's reason", async () => {
    const rows = kinhMonRows("Hiệp An").map((r) => (r.includes(",F3,") ? r.replace(/,[\d.]+$/, ",22,5") : r));
    const text = [ASSESSMENT_HEADER, ...rows].join("\n").replace(",22,5", ',"22,5"');
    const problems = await refused("assessments", "a.csv", text, "haiduong-commune-2021");
    expect(problems).toEqual([
      {
        line: 4,
        code: "SCORE_OUT_OF_RANGE",
        message: "Dòng 4: điểm 22,5 vượt điểm tối đa 22 của tiêu chí F3 (đơn vị Phường Hiệp An)",
      },
    ]);
  });

  it("refuses the same unit and criterion twice, naming both rows", async () => {
    const rows = kinhMonRows("Long Xuyên");
    const problems = await refused(
      "assessments",
      "a.csv",
      [ASSESSMENT_HEADER, ...rows, rows[2]].join("\n"),
      "haiduong-commune-2021",
    );
    expect(problems).toEqual([
      {
        line: 9,
        code: "DUPLICATE_CRITERION",
        message: "Dòng 9: tiêu chí F3 của Phường Long Xuyên (mã 10738) năm 2021 đã có ở dòng 4",
      },
    ]);
  });

  it("refuses Kinh Môn's group lists as printed: An Sinh and Phú Thứ are in two groups", async () => {
    const groups = factsFor("000").groups ?? [];
    const lines = [`${ASSESSMENT_HEADER},group`];
    const firstLine = new Map<string, number>();
    const lineOf = new Map<string, number[]>();
    for (const group of groups) {
      for (const member of group.members) {
        const at = lines.length + 1;
        lineOf.set(member, [...(lineOf.get(member) ?? []), at]);
        if (!firstLine.has(member)) firstLine.set(member, at);
        lines.push(...kinhMonRows(member, 2021, group.label));
      }
    }
    const problems = await refused(
      "assessments",
      "kinh-mon-2021.csv",
      lines.join("\n"),
      "haiduong-commune-2021",
    );
    const twoGroups = problems.filter((p) => p.code === "TWO_GROUPS");
    expect(twoGroups).toHaveLength(2);
    for (const name of ["An Sinh", "Phú Thứ"]) {
      const [first, second] = lineOf.get(name) ?? [];
      const problem = twoGroups.find((p) => p.message.includes(`Phường ${name}`));
      expect(problem?.message).toBe(
        `Dòng ${second}: Phường ${name} (mã ${kinhMonCodes.get(name)}) năm 2021 được xếp vào hai nhóm: ` +
          `"trên 90%" (dòng ${first}) và "trên 80%" (dòng ${second})`,
      );
    }
    // Their scores are given twice as well: each repeated row is named.
    expect(problems.filter((p) => p.code === "DUPLICATE_CRITERION")).toHaveLength(14);
  });

  it("refuses TTHC counts that do not add up", async () => {
    const problems = await refused(
      "tthc",
      "t.csv",
      [
        `${TTHC_HEADER},resolved`,
        "10675,2023-01-01,2023-12-02,1035,0,1034,1,0,0,0,1034",
        "10678,2023-01-01,2023-12-02,1040,0,1034,1,0,0,0,",
      ].join("\n"),
    );
    expect(problems).toEqual([
      {
        line: 2,
        code: "COUNTS_DO_NOT_ADD_UP",
        message: "Dòng 2: số đã giải quyết 1034 ≠ trước hạn 0 + đúng hạn 1034 + trễ hạn 1 = 1035",
      },
      {
        line: 3,
        code: "COUNTS_DO_NOT_ADD_UP",
        message:
          "Dòng 3: số tiếp nhận 1040 ≠ đã giải quyết 1035 (trước hạn 0 + đúng hạn 1034 + trễ hạn 1) + " +
          "đang giải quyết 0 (trong hạn 0 + quá hạn 0)",
      },
    ]);
  });

  it("refuses an as_of that is not a date, naming the column", async () => {
    const problems = await refused(
      "tthc",
      "t.csv",
      [
        `${TTHC_HEADER},as_of`,
        "10675,2023-01-01,2023-12-02,10,0,10,0,0,0,0,hôm qua",
        "10723,2023-01-01,2023-12-02,10,0,10,0,0,0,0,31/02/2023",
        "10714,2023-01-01,2023-12-02,10,0,10,0,0,0,0,02/12/2023",
      ].join("\n"),
    );
    const why = "không phải ngày hợp lệ (ghi dạng 05/07/2024 hoặc 2024-07-05; để trống nếu không rõ)";
    expect(problems).toEqual([
      { line: 2, code: "BAD_VALUE", message: `Dòng 2: as_of "hôm qua" ${why}` },
      { line: 3, code: "BAD_VALUE", message: `Dòng 3: as_of "31/02/2023" ${why}` },
    ]);
  });

  it("refuses more apology letters than late cases", async () => {
    const problems = await refused(
      "tthc",
      "t.csv",
      [TTHC_HEADER, "10675,2023-01-01,2023-12-02,1035,0,1034,1,0,0,2"].join("\n"),
    );
    expect(problems).toEqual([
      {
        line: 2,
        code: "APOLOGIES_ABOVE_LATE",
        message:
          "Dòng 2: số thư xin lỗi 2 lớn hơn số hồ sơ trễ hạn 1 (giải quyết trễ hạn 1 + đang quá hạn 0)",
      },
    ]);
  });

  it('refuses the notice date "03/3/3024" outside its stated week 9 of 2024', async () => {
    const problems = await refused(
      "schedule",
      "tuan-09.csv",
      [
        SCHEDULE_HEADER,
        "292,26/02/2024,07:30,09:00,Giao ban lãnh đạo thị xã,Phòng họp số 1,Chủ tịch UBND thị xã,2024-W09",
        "292,03/3/3024,14:00,16:00,Tiếp công dân,Trụ sở tiếp công dân,Chủ tịch UBND thị xã,2024-W09",
      ].join("\n"),
    );
    expect(problems).toEqual([
      {
        line: 3,
        code: "DATE_OUTSIDE_WEEK",
        message: "Dòng 3: ngày 03/03/3024 không thuộc tuần 9 năm 2024 (26/02/2024–03/03/2024)",
      },
    ]);
  });

  it("refuses an unknown methodology, naming the known ones", async () => {
    const problems = await refused(
      "assessments",
      "a.csv",
      [ASSESSMENT_HEADER, ...kinhMonRows("An Phụ")].join("\n"),
      "haiduong-commune-2030",
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, code: "UNKNOWN_METHODOLOGY" });
    expect(problems[0]?.message).toContain('không có phương pháp "haiduong-commune-2030"');
    expect(problems[0]?.message).toContain("haiduong-commune-2021");
  });

  it("refuses a file with a missing column before reading any row", async () => {
    const problems = await refused("tthc", "t.csv", "unit_code,period_start\n10675,2023-01-01");
    expect(problems[0]).toMatchObject({ line: 1, code: "MISSING_COLUMN" });
  });
});
