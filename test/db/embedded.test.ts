/**
 * The project's own embedded client (src/db/embedded.ts), which `npm start` and every test use for
 * `file:` and `:memory:`: a statement is compiled once per connection and reused, and reuse changes
 * no result; it answers as @libsql/client does (rows, errors with their codes); a database in memory
 * makes other calls wait for its transaction instead of failing.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createEmbeddedClient,
  type EmbeddedClient,
  positionalParameters,
  STATEMENTS_KEPT_PER_CONNECTION,
} from "../../src/db/embedded.ts";

let dir: string;
const clients: Client[] = [];
const open = (name = "embedded.db"): EmbeddedClient => {
  const client = createEmbeddedClient(join(dir, name));
  clients.push(client);
  return client;
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cchc-embedded-"));
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await rm(dir, { recursive: true, force: true });
});

describe("kept statements", () => {
  it("keeps each text once and a bounded number, dropping the least recently used", async () => {
    const client = open();
    await client.execute("SELECT 1");
    await client.execute("SELECT 1");
    expect(client.keptStatements).toBe(1);
    for (let i = 0; i < STATEMENTS_KEPT_PER_CONNECTION + 10; i++) await client.execute(`SELECT ${i} AS n`);
    expect(client.keptStatements).toBe(STATEMENTS_KEPT_PER_CONNECTION);
  });

  it("never keeps a statement with named parameters or a `*`, and binds names as @libsql/client does", async () => {
    const client = open();
    const row = (await client.execute({ sql: "SELECT :a AS a, $b AS b", args: { a: 1, $b: "x" } })).rows[0];
    expect({ ...row }).toEqual({ a: 1, b: "x" });
    await client.execute("SELECT count(*) AS n FROM sqlite_schema");
    expect(client.keptStatements).toBe(0);
  });

  it.each([
    ["SELECT 1", 0],
    ["SELECT ? AS a, ? AS b", 2],
    ["SELECT ?1, ?1, ?", 2],
    ["INSERT INTO t VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET b = ?6", 6],
    ["SELECT ? AS a, '?' AS q, \"?\" AS [x?], ?3 -- ?\n, ? /* ? */", 4],
    ["SELECT 'it''s ?' AS a, ?", 1],
    ["SELECT :a", null],
    ["SELECT @a, ?", null],
  ])("counts the positional parameters of %j: %j", (sql, count) => {
    expect(positionalParameters(sql)).toBe(count);
  });

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
      (await reader.execute("SELECT id, name FROM t WHERE id = 1")).rows.map((r) => ({ ...r }));
    expect(await listed()).toEqual([{ id: 1, name: "a" }]);
    await writer.execute("ALTER TABLE t ADD COLUMN note TEXT");
    await writer.execute("UPDATE t SET note = 'x', name = 'A' WHERE id = 1");
    expect(await listed()).toEqual([{ id: 1, name: "A" }]);
    const noted = await reader.execute("SELECT id, note FROM t WHERE id = 1");
    expect({ ...noted.rows[0] }).toEqual({ id: 1, note: "x" });
    await writer.execute("ALTER TABLE t RENAME COLUMN name TO title");
    await expect(reader.execute("SELECT id, name FROM t")).rejects.toThrow(/name/);
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
  });

  it("runs a statement again after it failed, and holds no read lock between runs", async () => {
    const reader = open();
    const writer = open();
    await writer.execute("PRAGMA journal_mode = WAL");
    await writer.execute("CREATE TABLE claims (key TEXT PRIMARY KEY)");
    const claim = (key: string) =>
      writer.execute({ sql: "INSERT INTO claims (key) VALUES (?)", args: [key] });
    await claim("a");
    await expect(claim("a")).rejects.toMatchObject({
      code: "SQLITE_CONSTRAINT",
      extendedCode: "SQLITE_CONSTRAINT_PRIMARYKEY",
    });
    await claim("b");
    for (let i = 0; i < 5; i++) await reader.execute("SELECT key FROM claims ORDER BY key");
    const checkpoint = (await writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")).rows[0]!;
    expect(checkpoint[0]).toBe(0);
    expect((await reader.execute("SELECT count(*) AS n FROM claims")).rows[0]!.n).toBe(2);
  });
});

describe("the Client contract", () => {
  it("answers a set of statements exactly as @libsql/client does", async () => {
    const ours = open("ours.db");
    const theirs = createClient({ url: `file:${join(dir, "theirs.db")}` });
    clients.push(theirs);
    const script = [
      "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, blob BLOB, big INTEGER)",
      {
        sql: "INSERT INTO t (name, score, blob, big) VALUES (?, ?, ?, ?)",
        args: ["Tân Hồng", 87.032, new Uint8Array([1, 2]).buffer, 2 ** 40],
      },
      { sql: "INSERT INTO t (name, score) VALUES (?, ?) RETURNING id, name", args: ["Bắc An", null] },
      "UPDATE t SET score = score + 1 WHERE id = 1",
      "SELECT id, name, score, big, blob FROM t ORDER BY id",
      "SELECT count(*) AS n, sum(score) FROM t",
    ];
    for (const stmt of script) {
      const [a, b] = [await ours.execute(stmt), await theirs.execute(stmt)];
      expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(b)));
      expect(a.rows.map((r) => Array.from(r as unknown as ArrayLike<unknown>))).toEqual(
        b.rows.map((r) => Array.from(r as unknown as ArrayLike<unknown>)),
      );
    }
    const failing = ["INSERT INTO t (id) VALUES (1)"];
    const [ea, eb] = await Promise.all([
      ours.batch(failing, "write").catch((e) => e),
      theirs.batch(failing, "write").catch((e) => e),
    ]);
    expect({ name: ea.name, code: ea.code, extendedCode: ea.extendedCode, message: ea.message }).toEqual({
      name: eb.name,
      code: eb.code,
      extendedCode: eb.extendedCode,
      message: eb.message,
    });
  });

  it("keeps a batch all or nothing, and a transaction's writes its own until committed", async () => {
    const client = open();
    await client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    await expect(
      client.batch(["INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (1)"], "write"),
    ).rejects.toMatchObject({
      statementIndex: 1,
    });
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(0);
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO t VALUES (2)");
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(0);
    await tx.commit();
    expect(tx.closed).toBe(true);
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(1);
  });

  it("in memory, makes a call wait for the transaction holding the one connection", async () => {
    const client = createEmbeddedClient(":memory:");
    clients.push(client);
    await client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    const tx = await client.transaction("write");
    const waiting = client.execute("SELECT count(*) AS n FROM t");
    await tx.execute("INSERT INTO t VALUES (1)");
    await new Promise((resolve) => setTimeout(resolve, 20));
    await tx.commit();
    expect((await waiting).rows[0]!.n).toBe(1);
  });

  it("in memory, gives the one connection in turn: queued transactions and calls never run inside another's", async () => {
    const client = createEmbeddedClient(":memory:");
    clients.push(client);
    await client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    const first = await client.transaction("write");
    const a = client.transaction("write");
    const b = client.transaction("write");
    const c = client.batch(["INSERT INTO t VALUES (30)"], "write");
    await first.execute("INSERT INTO t VALUES (1)");
    await first.commit();
    const txA = await a;
    await txA.execute("INSERT INTO t VALUES (10)");
    // A call queued behind a transaction waits for it; it does not run inside it.
    const late = client.execute("INSERT INTO t VALUES (40)");
    await txA.rollback();
    const txB = await b;
    await txB.execute("INSERT INTO t VALUES (20)");
    await txB.commit();
    await c;
    await late;
    const ids = (await client.execute("SELECT id FROM t ORDER BY id")).rows.map((r) => r.id);
    expect(ids).toEqual([1, 20, 30, 40]);
  });

  it("answers a transaction's state after the client was closed, without touching the closed connection", async () => {
    const client = createEmbeddedClient(":memory:");
    const tx = await client.transaction("write");
    client.close();
    expect(tx.closed).toBe(true);
    await expect(tx.execute("SELECT 1")).rejects.toMatchObject({ code: "TRANSACTION_CLOSED" });
  });

  it("reports a file it cannot open as SQLITE_CANTOPEN, as outage detection expects", () => {
    expect(() => createEmbeddedClient(join(dir, "no", "such", "dir", "x.db"))).toThrow(
      expect.objectContaining({ name: "LibsqlError", code: "SQLITE_CANTOPEN" }),
    );
  });
});
