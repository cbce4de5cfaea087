/**
 * The one error shape every layer throws on purpose: a machine `code` for programs, a Vietnamese
 * `message` for people, and `details` naming what was wrong. Anything else that escapes is a bug.
 */
export class AppError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: Code, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = Object.freeze({ ...details });
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
