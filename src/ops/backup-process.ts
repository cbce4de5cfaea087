/**
 * Node: the scheduled backup, made by `npm run cli -- backup` in a process of its own. `VACUUM INTO`
 * and the checks after it run synchronously in the driver (about 5 s for the national sample
 * database): inside the service they would hold every webhook and /health for that long.
 */
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../errors.ts";
import { backupName, listBackups } from "./backup.ts";

const CLI = fileURLToPath(new URL("../cli/main.ts", import.meta.url));
const LIMIT_MS = 30 * 60_000;

/** Writes a verified copy of the database at `url` into `dir`, then keeps the newest `keep`. */
export async function backupInChildProcess(
  url: string,
  dir: string,
  keep: number,
  now: Date,
  /** How to run TypeScript: this process's own flags (tsx's loader under `npm start`). */
  execArgv: readonly string[] = process.execArgv,
): Promise<{ path: string; output: string; removed: string[] }> {
  const path = join(dir, backupName(now));
  const output = await new Promise<string>((resolve, reject) => {
    // The same Node and loader flags as this process (tsx), so the CLI runs as `npm run cli` does.
    const child = spawn(process.execPath, [...execArgv, CLI, "backup", path, "--url", url], {
      stdio: ["ignore", "pipe", "pipe"],
      env: process.env,
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), LIMIT_MS);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out.trim());
      else
        reject(
          new AppError(
            "BACKUP_FAILED",
            `Sao lưu không thành công (${signal ?? `mã ${code}`}): ${out.trim()}`,
          ),
        );
    });
  });
  const removed = (await listBackups(dir)).slice(keep);
  for (const old of removed) await rm(old, { force: true });
  return { path, output, removed };
}
