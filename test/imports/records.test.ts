/**
 * The streamed CSV reader: the line numbers problems are reported on, whatever the file's shape, and
 * whatever size of piece csv-parse is handed at once (compared with csv-parse reading the whole file at once).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProblemList } from "../../src/imports/problems.ts";
import {
  type CsvPieceSizes,
  eachRecord,
  type ImportInput,
  openRecords,
  type RecordReader,
} from "../../src/imports/records.ts";

function pieces(text: string, size: number): ImportInput {
  return {
    name: "t.csv",
    format: "csv",
    chunks: (async function* () {
      for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
    })(),
  };
}

async function collect(reader: RecordReader, problems: ProblemList) {
  const records = [];
  for await (const r of eachRecord(reader)) records.push([r.line, r.values]);
  return { columns: reader.columns, records, problems: problems.sorted() };
}

async function read(text: string, size = 3, sizes: CsvPieceSizes = {}) {
  const problems = new ProblemList();
  return collect(await openRecords(pieces(text, size), problems, sizes), problems);
}

/** The reference: the same file handed to csv-parse as one piece, nothing cut. */
async function readWhole(text: string, size: number) {
  const whole = { pieceChars: Number.MAX_SAFE_INTEGER, maxHeldChars: Number.MAX_SAFE_INTEGER };
  return read(text, size, whole);
}

const HEADER = "unit_code,period_start,note";
const row = (i: number) => `${10_000 + i},2024-01-01,ghi chú ${i}`;

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

  it("cuts csv-parse's pieces at record boundaries: a quoted field with line breaks across a cut", async () => {
    // 20-character pieces: the quoted note of line 3 (three lines) straddles several of them.
    const text = `${HEADER}\n${row(1)}\n10002,2024-01-01,"một\nhai, ""ba""\n\nbốn"\n${row(3)}\n`;
    for (const size of [1, 7, 1000]) {
      for (const pieceChars of [1, 5, 20, 41, 60]) {
        const { records, problems } = await read(text, size, { pieceChars });
        expect(problems).toEqual([]);
        expect(records).toEqual([
          [2, { unit_code: "10001", period_start: "2024-01-01", note: "ghi chú 1" }],
          [3, { unit_code: "10002", period_start: "2024-01-01", note: 'một\nhai, "ba"\n\nbốn' }],
          [7, { unit_code: "10003", period_start: "2024-01-01", note: "ghi chú 3" }],
        ]);
      }
    }
  });

  it("keeps counting blank lines that fall at the pieces' edges", async () => {
    const text = `${HEADER}\n\n${row(1)}\n\n\n${row(2)}\n\n${row(3)}`;
    for (const pieceChars of [1, 2, 24, 25, 26, 27, 50]) {
      const { records } = await read(text, 4, { pieceChars });
      expect(records.map(([line]) => line)).toEqual([3, 6, 8]);
    }
  });

  it("reports a bad quote far into a long file at its line", async () => {
    const lines = [HEADER, ...Array.from({ length: 40_000 }, (_, i) => row(i))];
    // Line 30,001 (past several 256 Ki pieces): a character after a closing quote.
    lines[30_000] = '10000,2024-01-01,"ghi chú"x';
    const bad = await read(lines.join("\n"), 64 * 1024);
    expect(bad.problems).toEqual([
      { line: 30_001, code: "BAD_FILE", message: "Dòng 30001: có ký tự ngay sau dấu ngoặc kép đóng" },
    ]);
    // A quote opened on line 30,001 and never closed: the parser gives up at the end of the file, as
    // it does reading the whole file at once.
    lines[30_000] = '10000,2024-01-01,"ghi chú';
    const text = lines.join("\n");
    const unclosed = await read(text, 64 * 1024);
    expect(unclosed.problems).toEqual((await readWhole(text, 64 * 1024)).problems);
    expect(unclosed.problems).toEqual([
      { line: 40_001, code: "BAD_FILE", message: "Dòng 40001: dấu ngoặc kép mở nhưng không đóng" },
    ]);
  });

  it("does not hold more than maxHeldChars waiting for a quote to close, nor read on", async () => {
    const lines = [HEADER, '10000,2024-01-01,"ghi chú', ...Array.from({ length: 5_000 }, (_, i) => row(i))];
    let chunksRead = 0;
    let closed = false;
    const input: ImportInput = {
      name: "t.csv",
      format: "csv",
      chunks: (async function* () {
        try {
          for (const line of lines) {
            chunksRead += 1;
            yield `${line}\n`;
          }
        } finally {
          closed = true;
        }
      })(),
    };
    const problems = new ProblemList();
    const { records } = await collect(
      await openRecords(input, problems, { pieceChars: 1024, maxHeldChars: 8 * 1024 }),
      problems,
    );
    expect(records).toEqual([]);
    expect(problems.sorted()).toEqual([
      expect.objectContaining({
        code: "BAD_FILE",
        message: expect.stringMatching(/^Dòng \d+: dấu ngoặc kép mở/),
      }),
    ]);
    expect(chunksRead).toBeLessThan(1_000);
    expect(closed).toBe(true);
  });

  it("closes the input when the reader stops early", async () => {
    let closed = false;
    const input: ImportInput = {
      name: "t.csv",
      format: "csv",
      chunks: (async function* () {
        try {
          yield `${HEADER}\n`;
          for (let i = 0; i < 100_000; i++) yield `${row(i)}\n`;
        } finally {
          closed = true;
        }
      })(),
    };
    const reader = await openRecords(input, new ProblemList(), { pieceChars: 4096 });
    for await (const batch of reader.batches) {
      // The header came out of the first 2,000 records.
      expect(batch.length).toBe(1_999);
      break;
    }
    expect(closed).toBe(true);
  });

  it("reads every file as csv-parse reads it whole, whatever the chunks and pieces", async () => {
    const cell = fc.oneof(
      fc.constantFrom("", "a", " b ", "87,5", "x;y"),
      fc
        .array(fc.constantFrom("a", ",", ";", "\n", "\r\n", '""', " ", "ộ"), { maxLength: 6 })
        .map((parts) => `"${parts.join("")}"`),
      // Now and then a broken quote, for the file problems and their lines.
      fc.constantFrom('"open', 'x"y', '"a"b'),
    );
    const line = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(",")),
      },
      { weight: 1, arbitrary: fc.constantFrom("", "  ", ",") },
    );
    const file = fc
      .tuple(
        fc.constantFrom("", "\uFEFF"),
        fc.array(line, { minLength: 0, maxLength: 30 }),
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.boolean(),
      )
      .map(([bom, lines, eol, final]) => `${bom}a,b,c${eol}${lines.join(eol)}${final ? eol : ""}`);
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 80 }),
        async (text, size, pieceChars) => {
          const now = await read(text, size, { pieceChars });
          const before = await readWhole(text, size);
          const fileProblems = (r: typeof now) => r.problems.filter((p) => p.code === "BAD_FILE");
          expect(fileProblems(now)).toEqual(fileProblems(before));
          // A refused file's other findings depend on where each reader stopped; a readable one's do not.
          if (fileProblems(before).length === 0) expect(now).toEqual(before);
        },
      ),
      { numRuns: 400 },
    );
  });
});
