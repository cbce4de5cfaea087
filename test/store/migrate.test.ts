import { afterEach, describe, expect, it } from "vitest";
import { migrate, StoreError } from "../../src/store/index.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";
import { backends, type TestDatabase } from "../support/databases.ts";

const now = new Date("2026-01-05T08:00:00Z");

describe.each(backends)("migrate on $name", (backend) => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it("applies every file in order, records it with its checksum, and does nothing the second time", async () => {
    db = await backend.open();
    const files = await readMigrations();
    const first = await migrate(db.client, files, now);
    expect(first).toEqual({ applied: files.map((f) => f.name), alreadyApplied: [] });

    const recorded = await db.client.execute(
      "SELECT name, checksum, applied_at FROM schema_migrations ORDER BY name",
    );
    expect(recorded.rows.map((r) => r.name)).toEqual(files.map((f) => f.name));
    expect(recorded.rows.every((r) => /^[0-9a-f]{64}$/.test(String(r.checksum)))).toBe(true);
    expect(recorded.rows[0]?.applied_at).toBe(now.toISOString());

    const second = await migrate(db.client, files, new Date("2026-02-01T00:00:00Z"));
    expect(second).toEqual({ applied: [], alreadyApplied: files.map((f) => f.name) });
    const again = await db.client.execute(
      "SELECT name, checksum, applied_at FROM schema_migrations ORDER BY name",
    );
    expect(again.rows).toEqual(recorded.rows);
  });

  it("refuses a changed applied migration with a clear, coded error", async () => {
    db = await backend.open();
    const files = await readMigrations();
    await migrate(db.client, files, now);
    const changed = files.map((f, i) =>
      i === 0 ? { ...f, sql: `${f.sql}\n-- edited after it was applied\n` } : f,
    );
    const refusal = await migrate(db.client, changed, now).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(StoreError);
    expect(refusal).toMatchObject({ code: "MIGRATION_CHANGED", details: { name: files[0]?.name } });
    expect((refusal as Error).message).toContain(files[0]?.name);
  });

  it("ignores line-ending differences in an applied file", async () => {
    db = await backend.open();
    const files = await readMigrations();
    await migrate(db.client, files, now);
    const crlf = files.map((f) => ({ ...f, sql: f.sql.replace(/\n/g, "\r\n") }));
    expect((await migrate(db.client, crlf, now)).applied).toEqual([]);
  });

  it("applies a new file after the applied ones, and rolls back a failing file completely", async () => {
    db = await backend.open();
    const files = await readMigrations();
    await migrate(db.client, files, now);
    const broken = {
      name: "9998_broken.sql",
      sql: "CREATE TABLE half_done (x INTEGER);\nSELECT * FROM no_such_table;",
    };
    await expect(migrate(db.client, [...files, broken], now)).rejects.toThrow();
    const tables = await db.client.execute("SELECT name FROM sqlite_schema WHERE name = 'half_done'");
    expect(tables.rows).toHaveLength(0);

    const added = {
      name: "9999_added.sql",
      sql: "-- Migration 9999: test only.\nCREATE TABLE added (x INTEGER);",
    };
    expect((await migrate(db.client, [...files, added], now)).applied).toEqual(["9999_added.sql"]);
  });

  it("refuses when the database has a migration this code does not know", async () => {
    db = await backend.open();
    const files = await readMigrations();
    await migrate(db.client, files, now);
    await expect(migrate(db.client, files.slice(0, -1), now)).rejects.toMatchObject({
      code: "MIGRATION_UNKNOWN_APPLIED",
    });
  });

  it("refuses badly named or out-of-order files before touching the database", async () => {
    db = await backend.open();
    await expect(migrate(db.client, [{ name: "init.sql", sql: "" }], now)).rejects.toMatchObject({
      code: "MIGRATION_NAME_INVALID",
    });
    await expect(
      migrate(
        db.client,
        [
          { name: "0002_b.sql", sql: "" },
          { name: "0001_a.sql", sql: "" },
        ],
        now,
      ),
    ).rejects.toMatchObject({ code: "MIGRATION_NAME_INVALID" });
  });
});
