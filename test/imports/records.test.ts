/** The streamed CSV reader: the line numbers problems are reported on, whatever the file's shape. */
import { describe, expect, it } from "vitest";
import { ProblemList } from "../../src/imports/problems.ts";
import { eachRecord, type ImportInput, openRecords } from "../../src/imports/records.ts";

function pieces(text: string, size: number): ImportInput {
  return {
    name: "t.csv",
    format: "csv",
    chunks: (async function* () {
      for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
    })(),
  };
}

async function read(text: string, size = 3) {
  const problems = new ProblemList();
  const reader = await openRecords(pieces(text, size), problems);
  const records = [];
  for await (const r of eachRecord(reader)) records.push([r.line, r.values]);
  return { columns: reader.columns, records, problems: problems.sorted() };
}

describe("CSV records", () => {
  it("numbers lines as an editor shows them: blank lines, BOM, CRLF and line breaks inside quotes", async () => {
    const text =
      '\uFEFF\r\nUnit_Code;Note\r\n10675;"một\r\nhai"\r\n\r\n   \r\n10723;"87,5"\r\n10714;x;extra\r\n';
    for (const size of [1, 2, 5, 1000]) {
      const { columns, records, problems } = await read(text, size);
      expect(columns).toEqual(["unit_code", "note"]);
      expect(records).toEqual([
        [3, { unit_code: "10675", note: "một\nhai" }],
        [7, { unit_code: "10723", note: "87,5" }],
      ]);
      expect(problems.map((p) => p.message)).toEqual([
        'Dòng 8: có 3 cột nhưng dòng tiêu đề có 2 cột (dấu phân cách ";"; số thập phân có dấu phẩy phải đặt trong ngoặc kép)',
      ]);
    }
  });

  it("reports an unclosed quote and an empty file as problems, not exceptions", async () => {
    expect((await read('a,b\n1,"2\n')).problems[0]).toMatchObject({ code: "BAD_FILE" });
    expect((await read("\n\n")).problems[0]).toMatchObject({
      code: "BAD_FILE",
      message: "Tệp t.csv trống: không có dòng tiêu đề.",
    });
  });
});
