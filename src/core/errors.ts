import { AppError } from "../errors.ts";

export type ScoringErrorCode =
  | "SCORE_ABOVE_MAX"
  | "SCORE_NEGATIVE"
  | "UNKNOWN_CRITERION"
  | "NOT_A_LEAF"
  | "MISSING_LEAF"
  | "NOTHING_APPLICABLE"
  | "NOT_A_NUMBER"
  | "RATE_OUT_OF_RANGE"
  | "INPUT_NOT_SUPPORTED"
  | "DUPLICATE_UNIT"
  | "MAX_MISMATCH"
  | "DUPLICATE_CRITERION"
  | "INVALID_METHODOLOGY"
  | "UNKNOWN_METHODOLOGY"
  | "NO_METHODOLOGY_FOR_YEAR";

export interface ScoringErrorDetails {
  unit: string | null;
  criterion: string | null;
  [key: string]: unknown;
}

/** A refusal of the scoring core; `details.unit` and `details.criterion` let a caller point at the bad row. */
export class ScoringError extends AppError<ScoringErrorCode> {
  declare readonly details: Readonly<ScoringErrorDetails>;

  constructor(code: ScoringErrorCode, message: string, details: Partial<ScoringErrorDetails> = {}) {
    super(code, message, { unit: null, criterion: null, ...details });
    this.name = "ScoringError";
  }
}
