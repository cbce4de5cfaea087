/**
 * Files that are not UTF-8 (Excel's "CSV" on Vietnamese Windows is Windows-1258; "Unicode Text" is
 * UTF-16), decoded as UTF-8 the way the admin API's `req.text()` does: refused whole with one reason
 * naming the first line it shows on and how to save the file again, and nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ImportInput,
  type ImportKind,
  ImportRefusedError,
  runImport,
  textInput,
} from "../../src/imports/index.ts";
import { ProblemList } from "../../src/imports/problems.ts";
import { eachRecord, openRecords } from "../../src/imports/records.ts";
import type { Store, TableChecksum } from "../../src/store/index.ts";
import { backends, type TestDatabase } from "../support/databases.ts";
import { ctx, openKinhMon } from "../support/kinh-mon-units.ts";
import { asUtf8, utf16le, windows1258 } from "../support/legacy-encodings.ts";

const memory = backends.find((b) => b.name === "memory")!;
const NOT_UTF8 =
  'tệp không phải UTF-8 (có ký tự không đọc được). Trong Excel, chọn Lưu thành → "CSV UTF-8 (Comma delimited) (*.csv)" rồi gửi lại.';
const UTF16 =
  'tệp được lưu dạng UTF-16 ("Unicode Text"), không phải UTF-8 (có ký tự rỗng giữa các chữ). Trong Excel, chọn Lưu thành → "CSV UTF-8 (Comma delimited) (*.csv)" rồi gửi lại.';
const JSON_NOT_UTF8 =
  "tệp không phải UTF-8 (có ký tự không đọc được). Hãy lưu lại tệp với bảng mã UTF-8 rồi gửi lại.";

const SCHEDULE = [
  "scope_code,date,start_time,end_time,title,location,participants,week",
  "292,2024-03-18,7h30,9h,Giao ban,Phong hop so 1,Chu tich,2024-W12",
  "292,2024-03-19,14:00,16:00,Giao ban lãnh đạo,Phòng họp số 1,Chủ tịch UBND thị xã,2024-W12",
  "292,2024-03-20,8:00,,Tiếp công dân,Trụ sở,Phó Chủ tịch,2024-W12",
].join("\r\n");
const UNITS = [
  "code,name,kind,parent_code,valid_from,valid_to,predecessor_codes",
  "10676,Phường Mới,phường,292,,2025-06-30,",
].join("\n");

let db: TestDatabase;
let store: Store;
let before: Record<string, TableChecksum>;

beforeAll(async () => {
  ({ db, store } = await openKinhMon(memory));
  before = await store.tableChecksums();
});
afterAll(async () => {
  await db.close();
});

async function refused(kind: ImportKind, input: ImportInput) {
  const error = await runImport(store, { kind, input }, ctx).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRefusedError);
  expect(await store.tableChecksums()).toEqual(before);
  return (error as ImportRefusedError).problems;
}

/** The text in pieces of `size` characters, as a file stream hands it over. */
function pieces(name: string, text: string, size: number): ImportInput {
  return {
    name,
    format: name.endsWith(".json") ? "json" : "csv",
    chunks: (async function* () {
      for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
    })(),
  };
}

describe("files that are not UTF-8", () => {
  it("refuses Excel's Windows-1258 CSV whole, naming its first garbled line, and writes nothing", async () => {
    const text = asUtf8(windows1258(SCHEDULE));
    expect(text).toContain("Giao ban la\uFFFDnh \uFFFDa\uFFFDo");
    for (const size of [text.length, 5]) {
      expect(await refused("schedule", pieces("lich-tuan-12.csv", text, size))).toEqual([
        { line: 3, code: "BAD_FILE", message: `Dòng 3: ${NOT_UTF8}` },
      ]);
    }
  });

  it("gives that one reason alone, not the row problems the garbled text would make", async () => {
    // Line 2 has a problem of its own (an unknown scope); the file's encoding makes it moot.
    const text = asUtf8(windows1258(SCHEDULE.replace("292,2024-03-18", "99999,2024-03-18")));
    expect(await refused("schedule", textInput("lich.csv", text))).toEqual([
      { line: 3, code: "BAD_FILE", message: `Dòng 3: ${NOT_UTF8}` },
    ]);
  });

  it("refuses a UTF-16 (Unicode Text) file on its first line, instead of an unreadable header message", async () => {
    for (const file of [UNITS, UNITS.replace("\n", "\r\n")]) {
      expect(await refused("units", textInput("don-vi.csv", asUtf8(utf16le(file))))).toEqual([
        { line: 1, code: "BAD_FILE", message: `Dòng 1: ${UTF16}` },
      ]);
    }
    const withoutMark = asUtf8(utf16le(UNITS).slice(2));
    expect(await refused("units", textInput("don-vi.csv", withoutMark))).toEqual([
      { line: 1, code: "BAD_FILE", message: `Dòng 1: ${UTF16}` },
    ]);
  });

  it("refuses the same in JSON, naming the file's line", async () => {
    const json = JSON.stringify(
      [
        { scope_code: "292", date: "2024-03-18", title: "Giao ban", week: "2024-W12" },
        { scope_code: "292", date: "2024-03-19", title: "Giao ban lãnh đạo", week: "2024-W12" },
      ],
      null,
      1,
    );
    const line = json.split("\n").findIndex((l) => l.includes("lãnh")) + 1;
    expect(line).toBeGreaterThan(1);
    expect(await refused("schedule", textInput("lich.json", asUtf8(windows1258(json))))).toEqual([
      { line: null, code: "BAD_FILE", message: `Dòng ${line}: ${JSON_NOT_UTF8}` },
    ]);
    const methodology = asUtf8(utf16le('{"id": "x"}'));
    expect((await refused("methodology", textInput("m.json", methodology)))[0]?.message).toMatch(
      /^Dòng 1: tệp được lưu dạng UTF-16/,
    );
  });

  it("numbers the line exactly however the CSV is cut into pieces", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${10_000 + i},2024-01-01,ghi chu ${i}`);
    const text = asUtf8(
      windows1258(["unit_code,period_start,note", ...rows, "10061,2024-01-01,ghi chú"].join("\n")),
    );
    for (const [size, pieceChars] of [
      [7, 64],
      [1000, 200],
      [text.length, 256 * 1024],
    ] as const) {
      // Opening reads the first piece: a file garbled in it is refused there, later ones while reading.
      const read = async () => {
        const problems = new ProblemList();
        const reader = await openRecords(pieces("t.csv", text, size), problems, { pieceChars });
        for await (const _ of eachRecord(reader));
      };
      const error = await read().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportRefusedError);
      expect((error as ImportRefusedError).problems).toEqual([
        { line: 62, code: "BAD_FILE", message: `Dòng 62: ${NOT_UTF8}` },
      ]);
    }
  });

  it("still reads a UTF-8 file with a BOM and Vietnamese text", async () => {
    const report = await runImport(
      store,
      { kind: "schedule", input: textInput("lich.csv", `\uFEFF${SCHEDULE}`), dryRun: true },
      ctx,
    );
    expect(report.rows).toBe(3);
  });
});
