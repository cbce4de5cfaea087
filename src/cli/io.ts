/**
 * Everything a verb may touch outside itself. Verbs get it as a parameter so tests run them in-process
 * with a memory io and read what they printed.
 */
import { readFile } from "node:fs/promises";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readText(path: string): Promise<string>;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readText: (path) => readFile(path, "utf8"),
};

/** An io that records output and serves files from memory first, then from disk. */
export function memoryIo(files: Record<string, string> = {}): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    readText: (path) => (path in files ? Promise.resolve(files[path]!) : readFile(path, "utf8")),
  };
}
