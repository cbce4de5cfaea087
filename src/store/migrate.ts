/**
 * Forward-only migrations, runtime-neutral: the caller passes the files' names and text (Node reads
 * them from `migrations/`, a Worker deploy step could bundle them). Each file is applied in its own write
 * transaction together with its record, so a failed file leaves no trace and can be fixed and rerun.
 */

import type { Client } from "@libsql/client";
import { StoreError } from "./errors.ts";
import { sha256Hex } from "./hash.ts";
import { fillNameKeys } from "./name-keys.ts";
import { text } from "./rows.ts";
import { isoInstant } from "./sql.ts";

export interface Migration {
  /** File name, "NNNN_snake_case.sql". */
  name: string;
  sql: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

const MIGRATION_NAME = /^\d{4}_[a-z0-9]+(?:_[a-z0-9]+)*\.sql$/;

/** Line endings are normalised first, so a Windows checkout of an unchanged file is not "changed". */
export function migrationChecksum(sql: string): Promise<string> {
  return sha256Hex(sql.replace(/\r\n?/g, "\n"));
}

function checkNames(migrations: readonly Migration[]): void {
  const numbers = new Set<string>();
  let previous = "";
  for (const { name } of migrations) {
    if (!MIGRATION_NAME.test(name)) {
      throw new StoreError(
        "MIGRATION_NAME_INVALID",
        `Tên tệp migration "${name}" không đúng dạng NNNN_ten_viet_thuong.sql.`,
        { name },
      );
    }
    const number = name.slice(0, 4);
    if (numbers.has(number) || name <= previous) {
      throw new StoreError(
        "MIGRATION_NAME_INVALID",
        `Tệp migration "${name}" trùng số thứ tự hoặc không theo thứ tự tăng dần.`,
        { name },
      );
    }
    numbers.add(number);
    previous = name;
  }
}

/**
 * Applies the migrations not yet applied, in order. Refuses (MIGRATION_CHANGED) when an applied file's
 * text changed, and (MIGRATION_UNKNOWN_APPLIED) when the database has a migration this code does not
 * know, i.e. it was migrated by newer code. A second run is a no-op.
 *
 * `now` only stamps `applied_at`; like every write in the store, the caller passes it.
 */
export async function migrate(
  client: Client,
  migrations: readonly Migration[],
  now: Date,
): Promise<MigrationReport> {
  checkNames(migrations);
  await client.execute(
    "CREATE TABLE IF NOT EXISTS schema_migrations (" +
      "name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT",
  );
  const applied = new Map(
    (await client.execute("SELECT name, checksum FROM schema_migrations ORDER BY name")).rows.map((row) => [
      text(row, "name"),
      text(row, "checksum"),
    ]),
  );

  const known = new Set(migrations.map((m) => m.name));
  for (const name of applied.keys()) {
    if (!known.has(name)) {
      throw new StoreError(
        "MIGRATION_UNKNOWN_APPLIED",
        `Cơ sở dữ liệu đã áp dụng migration "${name}" mà mã nguồn này không có: hãy cập nhật mã nguồn.`,
        { name },
      );
    }
  }

  const pending: { migration: Migration; checksum: string }[] = [];
  const alreadyApplied: string[] = [];
  for (const migration of migrations) {
    const checksum = await migrationChecksum(migration.sql);
    const recorded = applied.get(migration.name);
    if (recorded === undefined) {
      pending.push({ migration, checksum });
    } else if (recorded !== checksum) {
      throw new StoreError(
        "MIGRATION_CHANGED",
        `Migration "${migration.name}" đã được áp dụng nhưng nội dung tệp đã thay đổi. ` +
          "Không sửa migration đã áp dụng: hãy thêm một tệp migration mới.",
        { name: migration.name, recorded, current: checksum },
      );
    } else {
      alreadyApplied.push(migration.name);
    }
  }

  const done: string[] = [];
  for (const { migration, checksum } of pending) {
    const tx = await client.transaction("write");
    try {
      await tx.executeMultiple(migration.sql);
      await tx.execute({
        sql: "INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?, ?, ?)",
        args: [migration.name, checksum, isoInstant(now)],
      });
      await tx.commit();
    } catch (error) {
      // The migration's own error is the one worth reporting; a failed rollback adds nothing to it.
      await tx.rollback().catch(() => undefined);
      throw error;
    } finally {
      tx.close();
    }
    done.push(migration.name);
  }
  await fillNameKeysOnceThere(client);
  return { applied: done, alreadyApplied };
}

/** Units written before migrations/0012 (or by code that does not know it) get their name keys. */
async function fillNameKeysOnceThere(client: Client): Promise<void> {
  const columns = await client.execute("SELECT name FROM pragma_table_info('units') WHERE name = 'name_key'");
  if (columns.rows.length > 0) await fillNameKeys(client);
}
