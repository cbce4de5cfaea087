/**
 * The rows of an import file, streamed: CSV as Excel exports it here (UTF-8 with or without BOM, "," or
 * ";", decimal comma inside quotes), or JSON (an array of objects). A CSV file is never held in memory
 * whole, so a national file of millions of rows reads in bounded memory; JSON is parsed at once. A file
 * in another encoding (Excel's Windows-1258 "CSV", UTF-16) is refused whole, with one reason.
 * Nothing here needs Node: the same reader runs on a Worker (the admin API's imports).
 */
import { CsvError, type Options, parse } from "#csv-parse-sync";
import { detectDelimiter, encodingMessage, findEncodingFault, lineOfIndex } from "../csv/index.ts";
import { type ImportProblemCode, type ProblemList, refuseIfAny } from "./problems.ts";

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

/**
 * Refuses, with that one reason alone, a text that was not UTF-8 when decoded (U+FFFD or U+0000 in it),
 * naming the line it shows first on: `firstLine` is the line `text` starts on. Nothing was written yet,
 * or the import's transaction rolls it back.
 */
export function refuseIfNotUtf8(
  text: string,
  problems: ProblemList,
  format: ImportFormat,
  firstLine = 1,
): void {
  const found = findEncodingFault(text);
  if (found === null) return;
  const line = firstLine - 1 + lineOfIndex(text, found.index);
  // A JSON problem's line is a record number (ImportProblem): this one is about the file as a whole.
  problems.refuseFile(format === "csv" ? line : null, "BAD_FILE", encodingMessage(found.fault, line, format));
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

/**
 * Opens the rows of a CSV or JSON file; unreadable files and rows are reported to `problems`. `sizes`
 * (tests) changes how much CSV is parsed at once, never the result.
 */
export async function openRecords(
  input: ImportInput,
  problems: ProblemList,
  sizes: CsvPieceSizes = {},
): Promise<RecordReader> {
  return input.format === "json" ? openJson(input, problems) : openCsv(input, problems, sizes);
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
  const text = await readAllText(input.chunks);
  refuseIfNotUtf8(text, problems, "json");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
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

/** Characters of CSV handed to csv-parse at once: enough that a call's setup is nothing next to the work. */
const PIECE_CHARS = 256 * 1024;
/**
 * Characters held without a record boundary before they are parsed anyway: past it, the text is almost
 * surely inside a quote that never closes, and the parser's own error says so (instead of holding the
 * rest of a file of any size in memory to reach the same error at its end).
 */
const MAX_HELD_CHARS = 8 * 1024 * 1024;

export interface CsvPieceSizes {
  /** Default 256 Ki characters. */
  pieceChars?: number;
  /** Default 8 Mi characters. */
  maxHeldChars?: number;
}

const countNewlines = (text: string): number => {
  let n = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) n += 1;
  return n;
};

/**
 * The text (line breaks already "\n") cut into pieces that csv-parse's synchronous `parse` reads one at a
 * time, each cut right after a record's line break: a "\n" ends a record exactly when the number of `"`
 * since the piece's start is even (quotes open and close fields, and an escaped quote is two). csv-parse
 * yields one record per terminated line ("a\n\n" is [["a"], [""]]), so counting each record's lines
 * (linesSpanned) goes on exact from one piece to the next, blank lines and quoted line breaks included.
 * Pieces are at least `pieceChars` long (but for the last); a piece without a boundary for `maxHeldChars`
 * while inside a quote is handed over anyway, for the parser to report the quote that is not closed.
 */
async function* recordPieces(text: AsyncIterable<string>, sizes: CsvPieceSizes): AsyncGenerator<string> {
  const pieceChars = sizes.pieceChars ?? PIECE_CHARS;
  const maxHeldChars = sizes.maxHeldChars ?? MAX_HELD_CHARS;
  // Chunks are joined only once a piece's worth came: scanning a string flattens it, once.
  let parts: string[] = [];
  let partsChars = 0;
  let held = "";
  // held[0, scanned) has been scanned; `quoted`: an odd number of `"` in it.
  let scanned = 0;
  let quoted = false;
  // The first "\n" at or after `from` in held, -1 when there is none; -2 before a search.
  let newline = -2;

  /** The end of the first record boundary at or after pieceChars, else -1 (scanning what there is). */
  const findCut = (): number => {
    let at = scanned;
    while (at < held.length) {
      const quote = held.indexOf('"', at);
      if (!quoted) {
        const from = Math.max(at, pieceChars - 1);
        if (newline !== -1 && newline < from) newline = held.indexOf("\n", from);
        if (newline >= 0 && (quote < 0 || newline < quote)) {
          scanned = newline + 1;
          return newline + 1;
        }
      }
      if (quote < 0) break;
      quoted = !quoted;
      at = quote + 1;
    }
    scanned = held.length;
    return -1;
  };
  const take = (end: number): string => {
    const piece = held.slice(0, end);
    held = held.slice(end);
    scanned -= end;
    newline = -2;
    return piece;
  };

  for await (const chunk of text) {
    parts.push(chunk);
    partsChars += chunk.length;
    if (held.length + partsChars < pieceChars) continue;
    held += parts.join("");
    parts = [];
    partsChars = 0;
    newline = -2;
    for (let cut = findCut(); cut > 0; cut = findCut()) yield take(cut);
    // A line over maxHeldChars outside quotes is held on: cutting it would split a record silently.
    if (quoted && held.length >= maxHeldChars) {
      quoted = false;
      yield take(held.length);
    }
  }
  held += parts.join("");
  if (held !== "") yield held;
}

async function openCsv(
  input: ImportInput,
  problems: ProblemList,
  sizes: CsvPieceSizes = {},
): Promise<RecordReader> {
  const chunks = normalised(input.chunks)[Symbol.asyncIterator]();
  const { head, line: headerLine, done } = await peekHeaderLine(chunks);
  const delimiter = detectDelimiter(headerLine);
  // Empty lines come through as blank records (and are skipped below) so that line numbers stay exact.
  const options: Options = {
    bom: true,
    delimiter,
    skip_empty_lines: false,
    relax_column_count: true,
    trim: true,
  };
  // A BOM only starts the file, never a later piece.
  const later: Options = { ...options, bom: false };
  const text = (async function* () {
    try {
      if (head !== "") yield head;
      if (done) return;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    } finally {
      // A reader that stops early (too many problems) must not leave the file open.
      await chunks.return?.(undefined);
    }
  })();

  const fileProblem = (error: unknown, firstLine: number): void => {
    if (!(error instanceof CsvError)) throw error;
    // csv-parse counts the lines of the piece it was given.
    const line = typeof error.lines === "number" ? firstLine - 1 + error.lines : null;
    const what = CSV_PROBLEMS[error.code] ?? "tệp CSV sai định dạng";
    problems.add(line, "BAD_FILE", `${line ? `Dòng ${line}: ` : `Tệp ${input.name}: `}${what}`);
  };
  // Records leave in arrays: awaiting each of millions of rows would cost more than parsing them.
  const parsed = (async function* (): AsyncGenerator<ParsedRecord[]> {
    let firstLine = 1;
    let atStart = true;
    let pending: ParsedRecord[] = [];
    for await (const piece of recordPieces(text, sizes)) {
      // Before the piece's rows are read: a garbled cell never reaches a row's checks or the store.
      refuseIfNotUtf8(piece, problems, "csv", firstLine);
      let records: ParsedRecord[];
      try {
        records = parse(piece, atStart ? options : later);
      } catch (error) {
        fileProblem(error, firstLine);
        return;
      }
      atStart = false;
      firstLine += countNewlines(piece);
      for (const record of records) {
        pending.push(record);
        if (pending.length < BATCH) continue;
        yield pending;
        pending = [];
      }
    }
    if (pending.length > 0) yield pending;
  })();

  const nextBatch = async (): Promise<ParsedRecord[] | null> => {
    const next = await parsed.next();
    return next.done ? null : next.value;
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
      // A reader that stops early (too many problems) closes the file behind the parser.
      await parsed.return(undefined);
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
