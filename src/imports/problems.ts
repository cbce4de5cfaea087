/**
 * What an import refuses, row by row. Every problem is collected (a spreadsheet user fixes them all
 * at once), up to a cap so that a wrong national file does not print two million lines.
 */
import { AppError } from "../errors.ts";

export type ImportProblemCode =
  | "MISSING_COLUMN"
  | "BAD_FILE"
  | "BAD_VALUE"
  | "UNKNOWN_UNIT"
  | "UNIT_NOT_VALID"
  | "UNIT_AMBIGUOUS"
  | "UNIT_WRONG_LEVEL"
  | "UNKNOWN_PARENT"
  | "CODE_OVERLAP"
  | "UNKNOWN_METHODOLOGY"
  | "NO_METHODOLOGY_FITS"
  | "METHODOLOGY_AMBIGUOUS"
  | "UNIT_OUTSIDE_JURISDICTION"
  | "INVALID_METHODOLOGY"
  | "METHODOLOGY_VERSION_CHANGED"
  | "YEAR_OUTSIDE_METHODOLOGY"
  | "UNKNOWN_CRITERION"
  | "SCORE_OUT_OF_RANGE"
  | "APPRAISED_NOT_FINAL"
  | "DUPLICATE_ROW"
  | "DUPLICATE_CRITERION"
  | "TWO_METHODOLOGIES"
  | "TWO_GROUPS"
  | "ASSESSMENT_PUBLISHED"
  | "COUNTS_DO_NOT_ADD_UP"
  | "APOLOGIES_ABOVE_LATE"
  | "DATE_OUTSIDE_WEEK";

export interface ImportProblem {
  /** The file line (CSV) or record number (JSON) to sort by; null for the file as a whole. */
  line: number | null;
  code: ImportProblemCode;
  /** One Vietnamese sentence, starting with where: "Dòng 7: …". */
  message: string;
}

/** Problems reported before the import stops reading: enough to see the pattern of a bad file. */
export const MAX_PROBLEMS = 100;

export class ProblemList {
  readonly items: ImportProblem[] = [];

  add(line: number | null, code: ImportProblemCode, message: string): void {
    if (this.items.length < MAX_PROBLEMS) this.items.push({ line, code, message });
  }

  /** True once the cap is reached: the reader stops and says more may follow. */
  get full(): boolean {
    return this.items.length >= MAX_PROBLEMS;
  }

  get count(): number {
    return this.items.length;
  }

  /**
   * Refuses the file for this one reason alone, dropping any found before it: in a file that cannot be
   * read as a whole (another text encoding), every other reason is moot.
   */
  refuseFile(line: number | null, code: ImportProblemCode, message: string): never {
    this.items.length = 0;
    this.items.push({ line, code, message });
    throw new ImportRefusedError(this);
  }

  sorted(): ImportProblem[] {
    return [...this.items].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }
}

/** The whole file was refused: nothing was written. `problems` lists every reason, in file order. */
export class ImportRefusedError extends AppError<"IMPORT_REFUSED"> {
  readonly problems: readonly ImportProblem[];

  constructor(problems: ProblemList) {
    const list = problems.sorted();
    const more = problems.full ? ` (dừng kiểm tra sau ${MAX_PROBLEMS} lỗi; có thể còn lỗi khác)` : "";
    super("IMPORT_REFUSED", `Không nhập tệp: ${list.length} lỗi${more}; cơ sở dữ liệu không thay đổi.`, {
      problems: list.length,
    });
    this.name = "ImportRefusedError";
    this.problems = list;
  }
}

/** Throws the collected problems, if any. */
export function refuseIfAny(problems: ProblemList): void {
  if (problems.count > 0) throw new ImportRefusedError(problems);
}
