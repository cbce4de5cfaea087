/** `token create|list|revoke` on a file database: the secret is printed once and only its hash is kept. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../../src/admin/secret.ts";
import { runCli } from "../../src/cli/dispatch.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { createStore } from "../../src/store/index.ts";

const UNITS = [
  "code,name,kind,parent_code,valid_from,valid_to,predecessor_codes",
  "30,Tỉnh Hải Dương,tỉnh,,,2025-06-30,",
  "292,Thị xã Kinh Môn,thị xã,30,,2025-06-30,",
].join("\n");

describe("the token verb", () => {
  let dir: string;
  let url: string;
  const run = async (...argv: string[]) => {
    const io = memoryIo();
    const code = await runCli([...argv, "--url", url], io);
    return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cchc-token-cli-"));
    url = `file:${join(dir, "cchc.db")}`;
    await writeFile(join(dir, "units.csv"), UNITS);
    expect((await run("import", "units", join(dir, "units.csv"))).code).toBe(0);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates a token, prints its secret once and stores only the hash", async () => {
    const created = await run(
      "token",
      "create",
      "--unit",
      "292",
      "--role",
      "district",
      "--label",
      "Kinh Môn",
    );
    expect(created.code).toBe(0);
    const secret = created.out.split("\n").at(-1) ?? "";
    expect(secret).toMatch(/^cchc_[A-Za-z0-9_-]{43}$/);
    const client = openEmbedded(url);
    try {
      const store = createStore(client);
      const [token] = await store.admin.listTokens();
      expect(token).toMatchObject({ role: "district", unitCode: "292", label: "Kinh Môn", revokedAt: null });
      expect(token?.secretHash).toBe(await hashSecret(secret));
      const dump = JSON.stringify(await client.execute("SELECT * FROM admin_tokens"));
      expect(dump).not.toContain(secret);
      const [audit] = await store.audit.list({ entity: "admin_token" });
      expect(audit).toMatchObject({ action: "admin-token.create", actor: "cli:token create" });
    } finally {
      client.close();
    }
    const listed = await run("token", "list");
    expect(listed.out).toContain("district\t292 Thị xã Kinh Môn\tKinh Môn");
    expect(listed.out).not.toContain(secret);
  });

  it("refuses a role that does not match the unit's level, and a past expiry", async () => {
    expect((await run("token", "create", "--unit", "292", "--role", "province")).code).toBe(2);
    const past = await run(
      "token",
      "create",
      "--unit",
      "30",
      "--role",
      "province",
      "--expires",
      "2020-01-01",
    );
    expect(past.code).toBe(2);
    expect(past.err).toContain("--expires đã qua");
    const impossible = await run(
      "token",
      "create",
      "--unit",
      "292",
      "--role",
      "district",
      "--expires",
      "2099-02-30",
    );
    expect(impossible.code).toBe(2);
    expect(impossible.err).toContain("--expires 2099-02-30 không phải ngày có thật");
  });

  it("revokes a token once", async () => {
    const created = await run(
      "token",
      "create",
      "--unit",
      "30",
      "--role",
      "province",
      "--expires",
      "2099-12-31",
    );
    const id = /mã số (\d+)/.exec(created.out)?.[1] ?? "";
    expect((await run("token", "revoke", id)).out).toContain(`Đã thu hồi mã số ${id}`);
    expect((await run("token", "revoke", id)).out).toContain("đã bị thu hồi từ trước");
    expect((await run("token", "list")).out).toMatch(/đã thu hồi/);
    expect((await run("token", "revoke", "999")).code).toBe(2);
  });

  it("revokes with a token every token issued from it through the API, and says which", async () => {
    const created = await run("token", "create", "--unit", "292", "--role", "district");
    const id = Number(/mã số (\d+)/.exec(created.out)?.[1]);
    const client = openEmbedded(url);
    let child = 0;
    try {
      const store = createStore(client);
      const issuer = await store.admin.token(id);
      child = (await store.admin.createToken(
        {
          secretHash: await hashSecret("cchc_child-secret"),
          role: "district",
          unitId: issuer!.unitId,
          label: "văn thư",
          expiresAt: null,
          issuedBy: id,
        },
        { now: new Date(), actor: `admin-token:${id}` },
      )) as number;
    } finally {
      client.close();
    }
    const revoked = await run("token", "revoke", String(id));
    expect(revoked.out).toContain(
      `Đã thu hồi mã số ${id} (district, Thị xã Kinh Môn) và 1 mã do nó cấp (số ${child}).`,
    );
    const listed = (await run("token", "list")).out.split("\n").find((line) => line.startsWith(`${child}\t`));
    expect(listed).toMatch(/đã thu hồi \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\tdo mã số \d+ cấp$/);
  });
});
