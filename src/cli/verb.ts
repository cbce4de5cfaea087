import type { CliIo } from "./io.ts";

/** One command of `npm run cli -- <verb> …`; `run` returns the process exit code. */
export interface Verb {
  name: string;
  /** One line, Vietnamese first. */
  summary: string;
  usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Exit codes: 0 done, 1 unexpected failure, 2 the user's input or invocation was refused. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
