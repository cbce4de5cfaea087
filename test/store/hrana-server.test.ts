import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HranaTestServer, startHranaServer } from "../support/hrana-server.ts";

describe("the Hrana test server (a protocol fixture)", () => {
  let dir: string;
  let server: HranaTestServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cchc-hrana-"));
    server = await startHranaServer({ path: join(dir, "db.sqlite"), authToken: "secret" });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("answers the version probes and refuses requests without the token", async () => {
    const probe = await fetch(`${server.url}/v2`, { headers: { authorization: "Bearer secret" } });
    expect(probe.status).toBe(200);
    expect(
      (await fetch(`${server.url}/v3-protobuf`, { headers: { authorization: "Bearer secret" } })).status,
    ).toBe(404);
    expect((await fetch(`${server.url}/v2/pipeline`, { method: "POST", body: "{}" })).status).toBe(401);
    const wrong = createClient({ url: server.url, authToken: "wrong" });
    await expect(wrong.execute("SELECT 1")).rejects.toThrow(/401/);
    wrong.close();
  });

  it("serves @libsql/client: values of every type, errors with their code, batches and interactive transactions", async () => {
    const client = createClient({ url: server.url, authToken: "secret" });
    await client.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB)");
    await client.execute({
      sql: "INSERT INTO t VALUES (?, ?, ?, ?)",
      args: [1099511627776n, 1.5, "Xã Tân Hồng", new Uint8Array([1, 2])],
    });
    const row = (
      await client.execute({
        sql: "SELECT i, typeof(i) AS ti, r, s, b, :p AS p FROM t",
        args: { p: "named" },
      })
    ).rows[0];
    expect([row?.i, row?.ti]).toEqual([1099511627776, "integer"]);
    expect([row?.r, row?.s, row?.p]).toEqual([1.5, "Xã Tân Hồng", "named"]);
    expect([...new Uint8Array(row?.b as ArrayBuffer)]).toEqual([1, 2]);

    await expect(client.execute("SELECT * FROM missing")).rejects.toMatchObject({
      code: expect.stringMatching(/^SQLITE_ERROR/),
    });
    await expect(
      client.batch(
        [
          { sql: "INSERT INTO t (s) VALUES ('a')", args: [] },
          { sql: "INSERT INTO nope VALUES (1)", args: [] },
        ],
        "write",
      ),
    ).rejects.toThrow();
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(1);

    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO t (s) VALUES ('in tx')");
    expect((await tx.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(2);
    await tx.rollback();
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(1);

    await client.executeMultiple("INSERT INTO t (s) VALUES ('x'); INSERT INTO t (s) VALUES ('y');");
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(3);
    client.close();
    expect(server.pipelines).toBeGreaterThan(5);
  });

  it("rejects an unknown baton as an expired stream", async () => {
    const response = await fetch(`${server.url}/v2/pipeline`, {
      method: "POST",
      headers: { authorization: "Bearer secret", "content-type": "application/json" },
      body: JSON.stringify({ baton: "forged", requests: [{ type: "close" }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "STREAM_EXPIRED" });
  });
});
