import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.ts";
import { migrateVerb } from "../../src/cli/verbs/migrate.ts";
import { unitsVerb } from "../../src/cli/verbs/units-load.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";

describe("CLI verbs migrate and units load-national", () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cchc-cli-"));
    url = `file:${join(dir, "data", "cchc.db")}`;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("migrates, then says there is nothing new", async () => {
    const io = memoryIo();
    expect(await migrateVerb.run(["--url", url], io)).toBe(0);
    const files = await readMigrations();
    expect(io.stdout.filter((l) => l.startsWith("Đã áp dụng"))).toHaveLength(files.length);
    const again = memoryIo();
    expect(await migrateVerb.run(["--url", url], again)).toBe(0);
    expect(again.stdout.join("\n")).toContain("không có migration mới");
  });

  it("loads the national register, and a second run changes nothing", async () => {
    const io = memoryIo();
    expect(await unitsVerb.run(["load-national", "--url", url, "--json"], io)).toBe(0);
    const first = JSON.parse(io.stdout.join("\n"));
    expect(first.units.inserted).toBeGreaterThan(14_000);
    expect(first.skippedRows.length).toBe(first.skipped);

    const again = memoryIo();
    expect(await unitsVerb.run(["load-national", "--url", url], again)).toBe(0);
    expect(again.stdout.join("\n")).toContain("thêm 0, cập nhật 0");

    const client = openEmbedded(url);
    const tanHong = await client.execute("SELECT name, valid_to FROM units WHERE key = 'old:commune:10972'");
    expect(tanHong.rows[0]).toMatchObject({ name: "Xã Tân Hồng", valid_to: "2025-06-30" });
    client.close();
  });

  it("refuses an unknown subcommand as a usage error", async () => {
    await expect(unitsVerb.run(["bogus"], memoryIo())).rejects.toMatchObject({ code: "CLI_USAGE" });
  });
});
