/**
 * Concurrent write batches on an embedded file share a commit: one that fails (a constraint) fails
 * only its own caller, the others commit; and a batch that would read another's `changes()` is
 * refused before it runs, on every backend.
 */
import { afterEach, describe, expect, it } from "vitest";
import { clientSql } from "../../src/store/sql.ts";
import { backends, type TestDatabase } from "../support/databases.ts";

describe.each(backends)("write batches on $name", (backend) => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it("a failing batch among concurrent ones fails only its own caller", async () => {
    db = await backend.open();
    await db.client.execute("CREATE TABLE t (x INTEGER PRIMARY KEY, note TEXT)");
    const sql = clientSql(db.client);
    const outcomes = await Promise.allSettled([
      sql.batch([{ sql: "INSERT INTO t VALUES (1, 'a')", args: [] }]),
      sql.batch([
        { sql: "INSERT INTO t VALUES (3, 'b')", args: [] },
        { sql: "INSERT INTO t VALUES (1, 'duplicate')", args: [] },
      ]),
      sql.batch([{ sql: "INSERT INTO t VALUES (2, 'c')", args: [] }]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const rows = await db.client.execute("SELECT x, note FROM t ORDER BY x");
    // The failing batch left nothing behind (not even its first statement's row).
    expect(rows.rows.map((r) => [r.x, r.note])).toEqual([
      [1, "a"],
      [2, "c"],
    ]);
  });

  it("refuses a batch whose first statement reads the previous statement's changes", async () => {
    db = await backend.open();
    await db.client.execute("CREATE TABLE t (x INTEGER)");
    const sql = clientSql(db.client);
    await expect(sql.batch([{ sql: "INSERT INTO t SELECT changes()", args: [] }])).rejects.toMatchObject({
      code: "BATCH_READS_PREVIOUS",
    });
    await expect(sql.batch(["INSERT INTO t SELECT last_insert_rowid()"])).rejects.toMatchObject({
      code: "BATCH_READS_PREVIOUS",
    });
    // Reading the batch's own earlier statement is what changes() is for, and is allowed.
    await sql.batch([
      { sql: "INSERT INTO t VALUES (7)", args: [] },
      { sql: "INSERT INTO t SELECT changes()", args: [] },
    ]);
    expect((await db.client.execute("SELECT x FROM t ORDER BY rowid")).rows.map((r) => r.x)).toEqual([7, 1]);
  });
});
