/**
 * The one CSV reader of the product (CLI now, database importers later). Spreadsheets exported in Vietnam
 * come with or without a BOM and with "," or ";" as the delimiter (Excel picks ";" where "," is the
 * decimal mark), so both are read; every row keeps its line number for error messages.
 */
import { CsvError, parse } from "#csv-parse-sync";
import { CsvReadError } from "./csv-error.ts";
import { encodingMessage, findEncodingFault, lineOfIndex } from "./encoding.ts";

export type CsvDelimiter = "," | ";";

export interface CsvRow {
  /** 1-based line in the file where the record starts (the header is line 1 when nothing precedes it). */
  line: number;
  /** 1-based data row, not counting the header or skipped blank lines. */
  row: number;
  /** Cells by lower-cased, trimmed header name. */
  values: Readonly<Record<string, string>>;
  cells: readonly string[];
}

export interface CsvTable {
  delimiter: CsvDelimiter;
  /** Lower-cased, trimmed header names. */
  header: readonly string[];
  rows: CsvRow[];
}

const CSV_PROBLEMS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "dấu ngoặc kép mở nhưng không đóng",
  CSV_INVALID_CLOSING_QUOTE: "có ký tự ngay sau dấu ngoặc kép đóng",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "có ký tự ngay sau dấu ngoặc kép đóng",
};

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** The delimiter that occurs more often outside quotes on the header line; "," on a tie. */
export function detectDelimiter(text: string): CsvDelimiter {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n|\r/, 1)[0] ?? "";
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  const count = (ch: string) => unquoted.split(ch).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

export function readCsv(text: string, options: { delimiter?: CsvDelimiter } = {}): CsvTable {
  // Line numbers are counted on "\n" only; csv-parse miscounts "\r\n" inside quoted fields.
  const normalised = text.replace(/\r\n?/g, "\n");
  // A file in another encoding (Excel's Windows-1258 "CSV", UTF-16) is refused whole, not read garbled.
  const fault = findEncodingFault(normalised);
  if (fault !== null) {
    const line = lineOfIndex(normalised, fault.index);
    throw new CsvReadError("CSV_NOT_UTF8", encodingMessage(fault.fault, line), line);
  }
  const delimiter = options.delimiter ?? detectDelimiter(normalised);
  let records: ParsedRecord[];
  try {
    records = parse(normalised, {
      bom: true,
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === "number" ? error.lines : null;
      const what = CSV_PROBLEMS[error.code] ?? "tệp CSV sai định dạng";
      throw new CsvReadError("CSV_MALFORMED", `${line ? `Dòng ${line}: ` : ""}${what}`, line);
    }
    throw error;
  }
  const nonBlank = records.filter((r) => r.record.some((cell) => cell !== ""));
  const [head, ...body] = nonBlank;
  if (!head) throw new CsvReadError("CSV_EMPTY", "Tệp CSV trống: không có dòng tiêu đề");
  const header = head.record.map((h) => h.trim().toLowerCase());
  const rows = body.map((r, i): CsvRow => {
    const line = startLine(r);
    if (r.record.length !== header.length) {
      throw new CsvReadError(
        "CSV_COLUMN_COUNT",
        `Dòng ${line}: có ${r.record.length} cột nhưng dòng tiêu đề có ${header.length} cột (dấu phân cách "${delimiter}"; số thập phân có dấu phẩy phải đặt trong ngoặc kép)`,
        line,
      );
    }
    const values = Object.fromEntries(header.map((h, j) => [h, r.record[j] ?? ""]));
    return { line, row: i + 1, values, cells: r.record };
  });
  return { delimiter, header, rows };
}

/** Refuses a table that lacks any of the named columns, naming what it has instead. */
export function requireColumns(table: CsvTable, columns: readonly string[]): void {
  const missing = columns.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    throw new CsvReadError(
      "CSV_MISSING_COLUMN",
      `Dòng 1: thiếu cột ${missing.join(", ")} (cần các cột ${columns.join(", ")}; tệp có ${table.header.join(", ")})`,
      1,
    );
  }
}

/** csv-parse reports the line a record ends on; a quoted field spanning lines moves the start back. */
function startLine(r: ParsedRecord): number {
  const innerBreaks = r.record.reduce((n, cell) => n + (cell.split("\n").length - 1), 0);
  return r.info.lines - innerBreaks;
}
