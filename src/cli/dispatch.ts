import { isAppError } from "../errors.ts";
import type { CliIo } from "./io.ts";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Verb } from "./verb.ts";
import { verbs as registered } from "./verbs/index.ts";

export function helpText(verbs: readonly Verb[] = registered): string {
  const width = Math.max(...verbs.map((v) => v.name.length));
  return [
    "Cách dùng / usage: npm run cli -- <lệnh> [tham số]",
    "",
    "Các lệnh / verbs:",
    ...verbs.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`),
    "",
    "Chi tiết một lệnh: npm run cli -- <lệnh> --help",
  ].join("\n");
}

/** Runs one verb; never lets a stack trace reach the user. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  verbs: readonly Verb[] = registered,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "help" || name === "--help" || name === "-h") {
    io.out(helpText(verbs));
    return EXIT_OK;
  }
  const verb = verbs.find((v) => v.name === name);
  if (!verb) {
    io.err(name ? `Không có lệnh "${name}" / unknown verb.\n\n${helpText(verbs)}` : helpText(verbs));
    return EXIT_USAGE;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`${verb.summary}\n\n${verb.usage}`);
    return EXIT_OK;
  }
  try {
    return await verb.run(rest, io);
  } catch (error) {
    if (isAppError(error)) {
      io.err(error.message);
      return EXIT_USAGE;
    }
    io.err(
      `Lỗi không mong đợi / unexpected error: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT_FAILURE;
  }
}
