/** Node only: the project's `migrations/*.sql`, in name order, for `migrate`. */
import { readdir, readFile } from "node:fs/promises";
import type { Migration } from "./migrate.ts";

export const MIGRATIONS_DIR = new URL("../../migrations/", import.meta.url);

export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".sql")).sort();
  return Promise.all(names.map(async (name) => ({ name, sql: await readFile(new URL(name, dir), "utf8") })));
}
