/**
 * Node: backups of the embedded database. A backup is a consistent copy made while the service runs
 * (`VACUUM INTO`), written beside its target and renamed there only once verified: SQLite's
 * integrity and foreign-key checks pass, it holds the same migrations as the source, and its row
 * counts are the source's (when nothing was written meanwhile; otherwise they are its snapshot's). A
 * restore refuses a copy that fails those checks or was made by newer code, and a database a running
 * service holds, and keeps the database it replaces beside it.
 */
import { copyFile, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Client } from "@libsql/client";
import { createEmbeddedClient } from "../db/embedded.ts";
import { AppError } from "../errors.ts";
import { CHAT_PLATFORMS, createStore, type Migration, migrationChecksum } from "../store/index.ts";

export interface BackupReport {
  path: string;
  bytes: number;
  ms: number;
  /** Rows of each table in the copy. */
  counts: Record<string, number>;
  /** The source was written to while the copy was made: its counts are the copy's snapshot's. */
  changedDuring: boolean;
  migrations: string[];
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The checks a copy must pass: integrity, foreign keys, and migrations this code knows, unchanged. */
export async function verifyCopy(
  path: string,
  known: readonly Migration[],
): Promise<{ counts: Record<string, number>; migrations: string[] }> {
  const copy = createEmbeddedClient(path);
  try {
    return await checkCopy(copy, path, known);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code ?? (error instanceof Error ? error.name : "UNKNOWN");
    throw new AppError(
      "BACKUP_CORRUPT",
      `Không đọc được bản sao ${basename(path)} (${String(code)}): tệp hỏng hoặc không phải cơ sở dữ liệu.`,
    );
  } finally {
    copy.close();
  }
}

async function checkCopy(
  copy: Client,
  path: string,
  known: readonly Migration[],
): Promise<{ counts: Record<string, number>; migrations: string[] }> {
  const store = createStore(copy);
  const { integrity, foreignKeyProblems } = await store.maintenance.integrity();
  if (integrity.length !== 1 || integrity[0] !== "ok") {
    throw new AppError(
      "BACKUP_CORRUPT",
      `Bản sao ${basename(path)} hỏng: ${integrity.slice(0, 3).join("; ")}.`,
    );
  }
  if (foreignKeyProblems.length > 0) {
    throw new AppError(
      "BACKUP_CORRUPT",
      `Bản sao ${basename(path)} có ${foreignKeyProblems.length} dòng trỏ tới dòng không còn (${foreignKeyProblems.slice(0, 3).join(", ")}).`,
    );
  }
  const applied = await store.maintenance.appliedMigrations();
  const migrations = applied.map((m) => m.name);
  const byName = new Map(known.map((m) => [m.name, m]));
  const newer = migrations.filter((name) => !byName.has(name));
  if (newer.length > 0) {
    throw new AppError(
      "BACKUP_NEWER",
      `Bản sao ${basename(path)} do phiên bản mới hơn tạo (migration ${newer.join(", ")}): hãy cập nhật mã nguồn trước.`,
    );
  }
  for (const recorded of applied) {
    const migration = byName.get(recorded.name);
    if (migration && (await migrationChecksum(migration.sql)) !== recorded.checksum) {
      throw new AppError(
        "BACKUP_NEWER",
        `Migration ${migration.name} trong bản sao khác tệp của mã nguồn này.`,
      );
    }
  }
  return { counts: await store.maintenance.tableCounts(), migrations };
}

export async function backupDatabase(
  client: Client,
  target: string,
  known: readonly Migration[],
): Promise<BackupReport> {
  if (await exists(target)) throw new AppError("BACKUP_EXISTS", `Tệp ${target} đã có; chọn tên khác.`);
  const partial = `${target}.partial`;
  await rm(partial, { force: true });
  const store = createStore(client);
  const started = performance.now();
  try {
    const before = await store.maintenance.tableCounts();
    await store.maintenance.vacuumInto(partial);
    const after = await store.maintenance.tableCounts();
    const sourceMigrations = (await store.maintenance.appliedMigrations()).map((m) => m.name);
    const copy = await verifyCopy(partial, known);
    const changedDuring = JSON.stringify(before) !== JSON.stringify(after);
    if (!changedDuring && JSON.stringify(copy.counts) !== JSON.stringify(before)) {
      throw new AppError("BACKUP_MISMATCH", "Số dòng của bản sao khác cơ sở dữ liệu; bản sao bị bỏ.");
    }
    if (JSON.stringify(copy.migrations) !== JSON.stringify(sourceMigrations)) {
      throw new AppError(
        "BACKUP_MISMATCH",
        "Bản sao không có đủ các migration của cơ sở dữ liệu; bản sao bị bỏ.",
      );
    }
    await rename(partial, target);
    return {
      path: target,
      bytes: (await stat(target)).size,
      ms: performance.now() - started,
      counts: copy.counts,
      changedDuring,
      migrations: copy.migrations,
    };
  } finally {
    await rm(partial, { force: true });
  }
}

/** Backups in `dir` named by `backupName`, newest first. */
export async function listBackups(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => /^cchc-\d{8}-\d{6}\.db$/.test(name))
    .sort()
    .reverse()
    .map((name) => join(dir, name));
}

/** "cchc-20261204-023000.db", in UTC (sorts as it was made). */
export function backupName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `cchc-${stamp}.db`;
}

export interface RestoreReport {
  /** Where the replaced database now is; null when there was none. */
  keptAs: string | null;
  counts: Record<string, number>;
}

/**
 * Replaces the database file at `databasePath` with a verified copy. Refused while a service holds the
 * database (a sender's lease is live: `npm start` renews one every few seconds).
 */
export async function restoreDatabase(
  databasePath: string,
  source: string,
  known: readonly Migration[],
  now: Date,
): Promise<RestoreReport> {
  if (!(await exists(source))) throw new AppError("BACKUP_NOT_FOUND", `Không có tệp ${source}.`);
  const copy = await verifyCopy(source, known);
  if (await exists(databasePath)) {
    const current = createEmbeddedClient(databasePath);
    try {
      const store = createStore(current);
      const applied = (await store.maintenance.appliedMigrations()).map((m) => m.name);
      if (applied.includes("0008_outbox_and_web_chats.sql")) {
        for (const platform of CHAT_PLATFORMS) {
          if ((await store.outbox.leaseHolder(platform, now)) !== null) {
            throw new AppError(
              "DATABASE_IN_USE",
              "Dịch vụ đang chạy trên cơ sở dữ liệu này (npm start hoặc một lệnh job run): hãy dừng nó rồi khôi phục.",
            );
          }
        }
      }
    } finally {
      current.close();
    }
  }
  let keptAs: string | null = null;
  if (await exists(databasePath)) {
    keptAs = `${databasePath}.before-restore-${backupName(now).slice(5, -3)}`;
    await rename(databasePath, keptAs);
    // The old file's log and index go with it: they belong to it, not to the copy.
    for (const suffix of ["-wal", "-shm"]) {
      if (await exists(databasePath + suffix)) await rename(databasePath + suffix, keptAs + suffix);
    }
  }
  await copyFile(source, `${databasePath}.restoring`);
  await rename(`${databasePath}.restoring`, databasePath);
  return { keptAs, counts: copy.counts };
}
