/**
 * The embedded driver's statement cache (src/db/statement-cache.ts): a statement is compiled once
 * per connection and reused, and reuse changes no result: other connections' commits and schema
 * changes are seen, a failed run leaves the statement usable, an idle kept statement blocks no
 * checkpoint, and a closed client's file can be made anew. The whole suite runs with the cache installed
 * (test/support/setup.ts), as `npm start` does.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  cacheEmbeddedStatements,
  positionalParameters,
  STATEMENTS_KEPT_PER_CONNECTION,
  statementsKept,
} from "../../src/db/statement-cache.ts";

interface DriverConnection {
  prepare(sql: string): { columns(): unknown };
  exec(sql: string): void;
  close(): void;
}

/** The `libsql` driver exactly as @libsql/client loads it. */
const Driver = createRequire(createRequire(import.meta.url).resolve("@libsql/client"))("libsql") as new (
  path: string,
) => DriverConnection;

let dir: string;
const clients: Client[] = [];
const open = (name = "cache.db") => {
  const client = createClient({ url: `file:${join(dir, name)}` });
  clients.push(client);
  return client;
};

beforeEach(async () => {
  cacheEmbeddedStatements();
  dir = await mkdtemp(join(tmpdir(), "cchc-statement-cache-"));
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the driver's connections", () => {
  it("compile a statement once and hand the same one back, per connection", () => {
    const one = new Driver(":memory:");
    const other = new Driver(":memory:");
    try {
      const first = one.prepare("SELECT 1 AS x");
      expect(one.prepare("SELECT 1 AS x")).toBe(first);
      expect(one.prepare("SELECT 2 AS x")).not.toBe(first);
      expect(other.prepare("SELECT 1 AS x")).not.toBe(first);
      expect(statementsKept(one)).toBe(2);
      // Its result columns are read once too: the same list every time.
      expect(first.columns()).toEqual([expect.objectContaining({ name: "x" })]);
      expect(first.columns()).toBe(first.columns());
    } finally {
      one.close();
      other.close();
    }
  });

  it("keep a bounded number, dropping the least recently used", () => {
    const connection = new Driver(":memory:");
    try {
      const oldest = connection.prepare("SELECT 0");
      const reused = connection.prepare("SELECT 1");
      for (let i = 2; i <= STATEMENTS_KEPT_PER_CONNECTION; i++) {
        connection.prepare(`SELECT ${i}`);
        if (i % 50 === 0) connection.prepare("SELECT 1");
      }
      expect(statementsKept(connection)).toBe(STATEMENTS_KEPT_PER_CONNECTION);
      expect(connection.prepare("SELECT 1")).toBe(reused);
      expect(connection.prepare("SELECT 0")).not.toBe(oldest);
    } finally {
      connection.close();
    }
  });

  it("compile a statement with `*` every time, since its columns follow the schema", () => {
    const connection = new Driver(":memory:");
    try {
      connection.exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
      expect(connection.prepare("SELECT * FROM t")).not.toBe(connection.prepare("SELECT * FROM t"));
      expect(statementsKept(connection)).toBe(0);
    } finally {
      connection.close();
    }
  });

  it("compile a statement with named parameters every time, since the store binds by position", () => {
    const connection = new Driver(":memory:");
    try {
      expect(connection.prepare("SELECT :a AS a")).not.toBe(connection.prepare("SELECT :a AS a"));
      expect(statementsKept(connection)).toBe(0);
    } finally {
      connection.close();
    }
  });

  it.each([
    ["SELECT 1", 0],
    ["SELECT ? AS a, ? AS b", 2],
    ["SELECT ?1, ?1, ?", 2],
    ["INSERT INTO t VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET b = ?6", 6],
    ["SELECT ? AS a, '?' AS q, \"?\" AS [x?], ?3 -- ?\n, ? /* ? */", 4],
    ["SELECT 'it''s ?' AS a, ?", 1],
    ["SELECT json_extract(x, '$.a') FROM t WHERE a = ?", 1],
    ["SELECT :a", null],
    ["SELECT @a, ?", null],
    ["SELECT $a", null],
  ])("count the positional parameters of %j: %j", (sql, count) => {
    expect(positionalParameters(sql)).toBe(count);
  });

  it("forget their statements when closed", () => {
    const connection = new Driver(":memory:");
    connection.prepare("SELECT 1");
    connection.close();
    expect(statementsKept(connection)).toBe(0);
  });

  it("are patched once however often the cache is installed", () => {
    cacheEmbeddedStatements();
    cacheEmbeddedStatements();
    const connection = new Driver(":memory:");
    try {
      expect(connection.prepare("SELECT 1")).toBe(connection.prepare("SELECT 1"));
      expect(statementsKept(connection)).toBe(1);
    } finally {
      connection.close();
    }
  });
});

describe("a client over a file database, with kept statements", () => {
  it("sees another connection's commits and schema changes", async () => {
    const reader = open();
    const writer = open();
    await writer.execute("PRAGMA journal_mode = WAL");
    await writer.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    await writer.execute("INSERT INTO t (name) VALUES ('a'), ('b')");
    const count = async () => Number((await reader.execute("SELECT count(id) AS n FROM t")).rows[0]!.n);

    expect(await count()).toBe(2);
    await writer.execute("INSERT INTO t (name) VALUES ('c')");
    expect(await count()).toBe(3);

    const listed = async () =>
      (await reader.execute("SELECT id, name FROM t ORDER BY id")).rows.map((row) => ({ ...row }));
    expect(await listed()).toEqual([
      { id: 1, name: "a" },
      { id: 2, name: "b" },
      { id: 3, name: "c" },
    ]);
    await writer.execute("ALTER TABLE t ADD COLUMN note TEXT");
    await writer.execute("UPDATE t SET note = 'x', name = 'A' WHERE id = 1");
    expect((await listed())[0]).toEqual({ id: 1, name: "A" });
    const noted = await reader.execute("SELECT id, note FROM t WHERE id = 1");
    expect({ ...noted.rows[0] }).toEqual({ id: 1, note: "x" });
    await writer.execute("ALTER TABLE t RENAME COLUMN name TO title");
    await expect(listed()).rejects.toThrow(/name/);
  });

  it("binds a positional argument left out as NULL, never as the last run's value", async () => {
    const client = open();
    const pair = async (sql: string, args: number[]) => ({
      ...(await client.execute({ sql, args })).rows[0],
    });
    expect(await pair("SELECT ? AS a, ? AS b", [1, 2])).toEqual({ a: 1, b: 2 });
    expect(await pair("SELECT ? AS a, ? AS b", [3])).toEqual({ a: 3, b: null });
    expect(await pair("SELECT ?2 AS b, ?1 AS a", [1, 2])).toEqual({ b: 2, a: 1 });
    expect(await pair("SELECT ?2 AS b, ?1 AS a", [5])).toEqual({ b: null, a: 5 });
    await client.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)");
    const insert = "INSERT INTO t (k, v) VALUES (?, ?)";
    await client.batch([{ sql: insert, args: ["x", "secret"] }], "write");
    await client.batch([{ sql: insert, args: ["y"] }], "write");
    const rows = (await client.execute("SELECT k, v FROM t ORDER BY k")).rows.map((row) => ({ ...row }));
    expect(rows).toEqual([
      { k: "x", v: "secret" },
      { k: "y", v: null },
    ]);
  });

  it("runs a statement again after it failed", async () => {
    const client = open();
    await client.execute("CREATE TABLE claims (key TEXT PRIMARY KEY)");
    const claim = (key: string) =>
      client.execute({ sql: "INSERT INTO claims (key) VALUES (?)", args: [key] });
    await claim("a");
    await expect(claim("a")).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
    await claim("b");
    await expect(
      client.batch([{ sql: "INSERT INTO claims (key) VALUES (?)", args: ["a"] }], "write"),
    ).rejects.toThrow();
    await client.batch([{ sql: "INSERT INTO claims (key) VALUES (?)", args: ["c"] }], "write");
    const keys = (await client.execute("SELECT key FROM claims ORDER BY key")).rows.map((row) => row.key);
    expect(keys).toEqual(["a", "b", "c"]);
  });

  it("holds no read lock between runs: a checkpoint goes through", async () => {
    const reader = open();
    const writer = open();
    await writer.execute("PRAGMA journal_mode = WAL");
    await writer.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    for (let i = 0; i < 20; i++) await writer.execute({ sql: "INSERT INTO t (id) VALUES (?)", args: [i] });
    for (let i = 0; i < 5; i++) await reader.execute("SELECT id FROM t ORDER BY id");
    await writer.execute("INSERT INTO t (id) VALUES (100)");
    const checkpoint = (await writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")).rows[0]!;
    expect(checkpoint[0]).toBe(0); // not busy
    expect(checkpoint[2]).not.toBe(-1);
    expect((await reader.execute("SELECT count(id) AS n FROM t")).rows[0]!.n).toBe(21);
  });

  it("leaves a closed client's file free to be removed and made anew", async () => {
    const first = open("again.db");
    await first.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    await first.execute("INSERT INTO t (id) VALUES (1)");
    await first.execute("SELECT id FROM t");
    first.close();
    await rm(join(dir, "again.db"), { force: true });
    const second = open("again.db");
    const tables = await second.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
    expect(tables.rows).toHaveLength(0);
  });
});
