import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  databaseFilePath,
  databaseOptionsFromEnv,
  describeDatabaseUrl,
  openDatabase,
} from "../../src/db/open.ts";

describe("openDatabase", () => {
  it("creates the directory of a file database", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cchc-open-"));
    try {
      const client = await openDatabase({ url: `file:${join(dir, "nested", "cchc.db")}` });
      await client.execute("CREATE TABLE x (y INTEGER)");
      client.close();
      expect((await stat(join(dir, "nested", "cchc.db"))).isFile()).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("opens an in-memory database", async () => {
    const client = await openDatabase({ url: ":memory:" });
    expect((await client.execute("SELECT 1 AS one")).rows[0]?.one).toBe(1);
    client.close();
  });

  it("refuses an unknown scheme with a code, without echoing credentials", async () => {
    const refusal = await openDatabase({ url: "postgres://user:pw@host/db" }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "DATABASE_URL_INVALID" });
    expect(String((refusal as Error).message)).not.toContain("pw");
  });

  it("reads LIBSQL_URL and LIBSQL_AUTH_TOKEN, a --url flag winning, and hides credentials in descriptions", () => {
    expect(databaseOptionsFromEnv({ LIBSQL_URL: "libsql://a.turso.io", LIBSQL_AUTH_TOKEN: "t" })).toEqual({
      url: "libsql://a.turso.io",
      authToken: "t",
    });
    expect(databaseOptionsFromEnv({ LIBSQL_URL: "x" }, "file:y.db").url).toBe("file:y.db");
    expect(describeDatabaseUrl("https://u:secret@db.example.com/x?authToken=abc")).toBe(
      "https://db.example.com/x",
    );
    expect(databaseFilePath("file:data/cchc.db")).toBe("data/cchc.db");
    expect(databaseFilePath("file:///tmp/a.db")).toBe("/tmp/a.db");
    expect(databaseFilePath("file::memory:")).toBeNull();
  });
});
