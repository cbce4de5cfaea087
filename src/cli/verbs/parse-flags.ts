import { type ParseArgsConfig, parseArgs } from "node:util";
import { AppError } from "../../errors.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * node:util parseArgs with its English TypeErrors turned into a usage error the dispatcher prints as is.
 */
export function parseFlags<const O extends Options>(argv: readonly string[], options: O, usage: string) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError("CLI_USAGE", `Tham số không hợp lệ: ${message}\n\n${usage}`);
  }
}

export function usageError(text: string, usage: string): AppError {
  return new AppError("CLI_USAGE", `${text}\n\n${usage}`);
}
