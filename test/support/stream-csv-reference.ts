/**
 * The reference for test/imports/records.test.ts: src/imports/records.ts as it was before its CSV reader
 * left node:stream (csv-parse's stream API through a Transform and pipeline), kept whole so that the
 * piece-by-piece reader can be compared with it on any file. Node only. The original's text follows.
 *
 * The rows of an import file, streamed: CSV as Excel exports it here (UTF-8 with or without BOM, "," or
 * ";", decimal comma inside quotes), or JSON (an array of objects). A CSV file is never held in memory
 * whole, so a national file of millions of rows reads in bounded memory; JSON is parsed at once.
 */
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import { detectDelimiter } from "../../src/csv/index.ts";
import { type ImportProblemCode, type ProblemList, refuseIfAny } from "../../src/imports/problems.ts";

export type ImportFormat = "csv" | "json";

export interface ImportInput {
  /** The file name, for messages and the default source. */
  name: string;
  format: ImportFormat;
  /** The file's text in pieces (a `fs.createReadStream(path, "utf8")` is one). */
  chunks: AsyncIterable<string>;
}

export interface ImportRecord {
  /** 1-based line of a CSV file (header = line 1) or 1-based index of a JSON record. */
  line: number;
  /** "Dòng 7" or "Bản ghi 7": how messages name the record. */
  where: string;
  /** Cells by lower-cased, trimmed column name; absent or empty cells are "". */
  values: Readonly<Record<string, string>>;
}

export interface RecordReader {
  /** Lower-cased, trimmed column names. */
  columns: readonly string[];
  /** The rows in file order, a few thousand at a time: one await per batch, not per row. */
  batches: AsyncIterable<readonly ImportRecord[]>;
}

/** Rows handed over per batch; large enough that awaiting costs nothing, small enough to stay in cache. */
const BATCH = 2_000;

export function formatOf(fileName: string): ImportFormat {
  return fileName.toLowerCase().endsWith(".json") ? "json" : "csv";
}

/** A whole text as an import input (tests, the admin API). */
export function textInput(name: string, text: string, format: ImportFormat = formatOf(name)): ImportInput {
  return {
    name,
    format,
    chunks: (async function* () {
      yield text;
    })(),
  };
}

export async function readAllText(chunks: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join("").replace(/^\uFEFF/, "");
}

/** Opens the rows of a CSV or JSON file; unreadable files and rows are reported to `problems`. */
export async function openRecords(input: ImportInput, problems: ProblemList): Promise<RecordReader> {
  return input.format === "json" ? openJson(input, problems) : openCsv(input, problems);
}

async function* noRecords(): AsyncGenerator<readonly ImportRecord[]> {}

// ---------- JSON ----------

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  // A list (predecessor codes) reads as the CSV writes it: "10675;10681".
  if (Array.isArray(value)) return value.map(cell).join(";");
  return JSON.stringify(value);
}

async function openJson(input: ImportInput, problems: ProblemList): Promise<RecordReader> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readAllText(input.chunks));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    problems.add(null, "BAD_FILE", `Tệp ${input.name} không phải JSON hợp lệ: ${why}`);
    return { columns: [], batches: noRecords() };
  }
  if (!Array.isArray(parsed)) {
    problems.add(null, "BAD_FILE", `Tệp ${input.name} phải là một mảng JSON các bản ghi [{…}, {…}].`);
    return { columns: [], batches: noRecords() };
  }
  const columns = new Set<string>();
  const rows = parsed.map((item, index) => {
    const values: Record<string, string> = {};
    if (typeof item === "object" && item !== null && !Array.isArray(item)) {
      for (const [key, value] of Object.entries(item)) {
        const column = key.trim().toLowerCase();
        columns.add(column);
        values[column] = cell(value);
      }
    } else {
      problems.add(index + 1, "BAD_VALUE", `Bản ghi ${index + 1}: phải là một đối tượng JSON {…}.`);
    }
    return { line: index + 1, where: `Bản ghi ${index + 1}`, values };
  });
  return {
    columns: [...columns],
    batches: (async function* () {
      for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
    })(),
  };
}

// ---------- CSV ----------

/** A parsed CSV record: its cells. Line numbers are counted here, not by csv-parse: its `info` option
 * allocates an object per record, a tenth of the time of a national import. */
type ParsedRecord = string[];

const CSV_PROBLEMS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "dấu ngoặc kép mở nhưng không đóng",
  CSV_INVALID_CLOSING_QUOTE: "có ký tự ngay sau dấu ngoặc kép đóng",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "có ký tự ngay sau dấu ngoặc kép đóng",
};

/** Line breaks made "\n" across chunk boundaries: csv-parse miscounts "\r\n" inside quoted fields. */
async function* normalised(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = "";
  for await (const chunk of chunks) {
    let text = carry + chunk;
    carry = "";
    if (text.endsWith("\r")) {
      carry = "\r";
      text = text.slice(0, -1);
    }
    if (text !== "") yield text.replace(/\r\n?/g, "\n");
  }
  if (carry !== "") yield "\n";
}

/** The first chunks up to the end of the first non-blank line, whose delimiters decide the file's. */
async function peekHeaderLine(
  chunks: AsyncIterator<string>,
): Promise<{ head: string; line: string; done: boolean }> {
  let head = "";
  for (;;) {
    const complete = head.split("\n").slice(0, -1);
    const line = complete.find((l) => l.replace(/^\uFEFF/, "").trim() !== "");
    if (line !== undefined) return { head, line, done: false };
    const next = await chunks.next();
    if (next.done) return { head, line: head, done: true };
    head += next.value;
  }
}

/** Physical lines a record spans: one, plus the line breaks inside its quoted cells. */
function linesSpanned(r: ParsedRecord): number {
  let lines = 1;
  for (const value of r) {
    if (!value.includes("\n")) continue;
    for (let at = value.indexOf("\n"); at >= 0; at = value.indexOf("\n", at + 1)) lines += 1;
  }
  return lines;
}

export async function openCsv(input: ImportInput, problems: ProblemList): Promise<RecordReader> {
  const chunks = normalised(input.chunks)[Symbol.asyncIterator]();
  const { head, line: headerLine, done } = await peekHeaderLine(chunks);
  const delimiter = detectDelimiter(headerLine);
  // Empty lines come through as blank records (and are skipped below) so that line numbers stay exact.
  const parser = parse({
    bom: true,
    delimiter,
    skip_empty_lines: false,
    relax_column_count: true,
    trim: true,
  });
  const source = Readable.from(
    (async function* () {
      if (head !== "") yield head;
      if (done) return;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    })(),
  );
  // Records leave the parser in arrays: awaiting each of millions of rows would cost more than parsing them.
  let pending: ParsedRecord[] = [];
  const batcher = new Transform({
    objectMode: true,
    transform(record: ParsedRecord, _encoding, done) {
      pending.push(record);
      if (pending.length < BATCH) return done();
      const full = pending;
      pending = [];
      done(null, full);
    },
    flush(done) {
      done(null, pending.length > 0 ? pending : undefined);
    },
  });
  // Errors surface through the batcher's iterator below; the pipeline promise must not go unhandled.
  pipeline(source, parser, batcher).catch(() => undefined);
  const parsed = batcher[Symbol.asyncIterator]() as AsyncIterator<ParsedRecord[]>;

  const fileProblem = (error: unknown): void => {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === "number" ? error.lines : null;
    const what = CSV_PROBLEMS[error.code] ?? "tệp CSV sai định dạng";
    problems.add(line, "BAD_FILE", `${line ? `Dòng ${line}: ` : `Tệp ${input.name}: `}${what}`);
  };
  const nextBatch = async (): Promise<ParsedRecord[] | null> => {
    try {
      const next = await parsed.next();
      return next.done ? null : next.value;
    } catch (error) {
      fileProblem(error);
      return null;
    }
  };
  const blank = (r: ParsedRecord) => r.every((value) => value === "");
  let nextLine = 1;

  // The header is the first record that is not blank.
  let first: ParsedRecord[] = [];
  let header: ParsedRecord | undefined;
  while (header === undefined) {
    const batch = await nextBatch();
    if (batch === null) break;
    const at = batch.findIndex((r) => !blank(r));
    for (const r of at >= 0 ? batch.slice(0, at + 1) : batch) nextLine += linesSpanned(r);
    if (at >= 0) {
      header = batch[at];
      first = batch.slice(at + 1);
    }
  }
  if (header === undefined) {
    if (problems.count === 0)
      problems.add(null, "BAD_FILE", `Tệp ${input.name} trống: không có dòng tiêu đề.`);
    return { columns: [], batches: noRecords() };
  }
  const columns = header.map((h) => h.trim().toLowerCase());

  const toRecords = (batch: readonly ParsedRecord[]): ImportRecord[] => {
    const out: ImportRecord[] = [];
    for (const r of batch) {
      const line = nextLine;
      nextLine += linesSpanned(r);
      if (blank(r)) continue;
      if (r.length !== columns.length) {
        problems.add(
          line,
          "BAD_VALUE",
          `Dòng ${line}: có ${r.length} cột nhưng dòng tiêu đề có ${columns.length} cột ` +
            `(dấu phân cách "${delimiter}"; số thập phân có dấu phẩy phải đặt trong ngoặc kép)`,
        );
        continue;
      }
      const values: Record<string, string> = {};
      columns.forEach((column, i) => {
        values[column] = r[i] ?? "";
      });
      out.push({ line, where: `Dòng ${line}`, values });
    }
    return out;
  };

  async function* batches(): AsyncGenerator<readonly ImportRecord[]> {
    try {
      if (first.length > 0) yield toRecords(first);
      for (let batch = await nextBatch(); batch !== null; batch = await nextBatch()) yield toRecords(batch);
    } finally {
      // A reader that stops early (too many problems) must not leave the file open behind the parser.
      await parsed.return?.();
    }
  }
  return { columns, batches: batches() };
}

/** How messages name another record of the same file: "dòng 5" in a CSV, "bản ghi 5" in JSON. */
export function placeWord(format: ImportFormat): string {
  return format === "json" ? "bản ghi" : "dòng";
}

/** One row at a time, for the small kinds where an await per row does not matter. */
export async function* eachRecord(reader: RecordReader): AsyncGenerator<ImportRecord> {
  for await (const batch of reader.batches) yield* batch;
}

/**
 * Opens a file whose rows need the `required` columns: an unreadable file or a missing column refuses
 * the import at once (nothing read, nothing written).
 */
export async function openWithColumns(
  input: ImportInput,
  problems: ProblemList,
  required: readonly string[],
): Promise<RecordReader> {
  const reader = await openRecords(input, problems);
  refuseIfAny(problems);
  const missing = missingColumns(reader, required);
  if (missing !== null) problems.add(1, "MISSING_COLUMN", missing);
  refuseIfAny(problems);
  return reader;
}

/** One record's problems: each reported as "Dòng 7: <where>: reason"; `found` once any was. */
export interface RecordProblems {
  fail(code: ImportProblemCode, reason: string): void;
  readonly found: boolean;
}

export function problemsOf(problems: ProblemList, record: ImportRecord): RecordProblems {
  const before = problems.count;
  return {
    fail: (code, reason) => problems.add(record.line, code, `${record.where}: ${reason}`),
    get found() {
      return problems.count > before;
    },
  };
}

/** The problem a missing column makes, or null when every required column is there. */
export function missingColumns(reader: RecordReader, required: readonly string[]): string | null {
  const missing = required.filter((c) => !reader.columns.includes(c));
  if (missing.length === 0) return null;
  return (
    `Dòng 1: thiếu cột ${missing.join(", ")} (cần các cột ${required.join(", ")}; ` +
    `tệp có ${reader.columns.join(", ") || "không cột nào"})`
  );
}
