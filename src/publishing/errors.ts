import { AppError } from "../errors.ts";

export type PublishingErrorCode =
  | "SCOPE_NOT_FOUND"
  | "SCOPE_AMBIGUOUS"
  | "NOT_A_SCOPE"
  | "NO_ASSESSMENTS"
  | "MIXED_METHODOLOGIES"
  | "UNKNOWN_METHODOLOGY"
  | "UNITS_LACK_SCORES"
  | "ALREADY_PUBLISHED"
  | "NOT_PUBLISHED"
  | "ANNOUNCED"
  | "BAD_DATE";

/** A refused publish or unpublish; `lines` lists the units concerned, one sentence each. */
export class PublishingError extends AppError<PublishingErrorCode> {
  readonly lines: readonly string[];

  constructor(
    code: PublishingErrorCode,
    message: string,
    lines: readonly string[] = [],
    details: Record<string, unknown> = {},
  ) {
    super(code, message, details);
    this.name = "PublishingError";
    this.lines = lines;
  }
}
