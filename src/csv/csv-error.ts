import { AppError } from "../errors.ts";

export type CsvErrorCode =
  | "CSV_EMPTY"
  | "CSV_MALFORMED"
  | "CSV_COLUMN_COUNT"
  | "CSV_MISSING_COLUMN"
  | "CSV_NOT_UTF8";

/** A file-level problem, with the 1-based line it was found on when there is one. */
export class CsvReadError extends AppError<CsvErrorCode> {
  constructor(code: CsvErrorCode, message: string, line: number | null = null) {
    super(code, message, { line });
    this.name = "CsvReadError";
  }
}
