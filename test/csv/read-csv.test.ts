import { describe, expect, it } from "vitest";
import { CsvReadError, detectDelimiter, readCsv, requireColumns } from "../../src/csv/index.ts";
import { caught } from "../core/support/caught.ts";
import { asUtf8, utf16le, windows1258 } from "../support/legacy-encodings.ts";

const refusal = (run: () => unknown) => caught(run, CsvReadError);

describe("reading a CSV score sheet", () => {
  it("reads a comma-separated file with a quoted Vietnamese decimal comma", () => {
    const table = readCsv('unit,criterion_code,score\nSông Cầu,F1,"17,64"\n');
    expect(table.delimiter).toBe(",");
    expect(table.rows).toEqual([
      {
        line: 2,
        row: 1,
        values: { unit: "Sông Cầu", criterion_code: "F1", score: "17,64" },
        cells: ["Sông Cầu", "F1", "17,64"],
      },
    ]);
  });

  it("reads a semicolon-separated Excel export with a BOM and CRLF line ends", () => {
    const table = readCsv("\uFEFFUnit;Criterion_Code;Score\r\nSông Cầu;F1;17,64\r\nSông Cầu;F2;5,9\r\n");
    expect(table.delimiter).toBe(";");
    expect(table.header).toEqual(["unit", "criterion_code", "score"]);
    expect(table.rows.map((r) => [r.line, r.values.score])).toEqual([
      [2, "17,64"],
      [3, "5,9"],
    ]);
  });

  it("numbers rows by the line they start on, past blank lines and quoted line breaks", () => {
    const table = readCsv('unit,criterion_code,score\n\n"Xã\nThống Nhất",F1,9\nGia Tân,F1,8\n');
    expect(table.rows.map((r) => [r.line, r.row])).toEqual([
      [3, 1],
      [5, 2],
    ]);
  });

  it("detects the delimiter from the header line only, ignoring quoted text", () => {
    expect(detectDelimiter('"a;b",c\n1;2;3;4')).toBe(",");
    expect(detectDelimiter("a;b;c\n1,2,3")).toBe(";");
  });

  it("refuses an unquoted decimal comma in a comma-separated file, naming the line (CSV_COLUMN_COUNT)", () => {
    const error = refusal(() => readCsv("unit,criterion_code,score\nSông Cầu,F1,17,64\n"));
    expect(error.code).toBe("CSV_COLUMN_COUNT");
    expect(error.message).toMatch(/^Dòng 2: có 4 cột/);
  });

  it("refuses an unclosed quote (CSV_MALFORMED) and an empty file (CSV_EMPTY)", () => {
    expect(refusal(() => readCsv('unit,criterion_code,score\n"Sông Cầu,F1,1\n')).code).toBe("CSV_MALFORMED");
    expect(refusal(() => readCsv("\n\n")).code).toBe("CSV_EMPTY");
  });

  it("refuses a sheet that is not UTF-8 (Windows-1258, UTF-16), naming its first line (CSV_NOT_UTF8)", () => {
    const sheet = 'unit,criterion_code,score\r\nAn Luu,F1,"17,64"\r\nSông Cầu,F1,"17,64"\r\n';
    const excel = refusal(() => readCsv(asUtf8(windows1258(sheet))));
    expect(excel).toMatchObject({ code: "CSV_NOT_UTF8", details: { line: 3 } });
    expect(excel.message).toBe(
      'Dòng 3: tệp không phải UTF-8 (có ký tự không đọc được). Trong Excel, chọn Lưu thành → "CSV UTF-8 (Comma delimited) (*.csv)" rồi gửi lại.',
    );
    const unicode = refusal(() => readCsv(asUtf8(utf16le(sheet))));
    expect(unicode).toMatchObject({ code: "CSV_NOT_UTF8", details: { line: 1 } });
    expect(unicode.message).toMatch(/^Dòng 1: tệp được lưu dạng UTF-16 \("Unicode Text"\), không phải UTF-8/);
  });

  it("refuses a table without the required columns, listing the ones it has (CSV_MISSING_COLUMN)", () => {
    const table = readCsv("đơn vị,mã,điểm\nA,F1,1\n");
    const error = refusal(() => requireColumns(table, ["unit", "criterion_code", "score"]));
    expect(error.code).toBe("CSV_MISSING_COLUMN");
    expect(error.message).toContain("đơn vị, mã, điểm");
  });

  it("reads through csv-parse's Node build on Node (#csv-parse-sync's default; workerd gets the browser one)", () => {
    const platform = globalThis.Buffer;
    // The Node build uses the global Buffer: without it, it cannot read. test/workerd/admin.test.ts
    // checks the opposite inside workerd.
    (globalThis as { Buffer?: unknown }).Buffer = undefined;
    try {
      expect(() => readCsv("a;b\n1;2\n")).toThrow();
    } finally {
      globalThis.Buffer = platform;
    }
    expect(readCsv("a;b\n1;2\n").rows[0]?.values).toEqual({ a: "1", b: "2" });
  });
});
