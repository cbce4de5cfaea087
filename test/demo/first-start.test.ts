/**
 * First start of an embedded database (bootstrapEmbedded), and the `seed demo` verb on a file: both
 * migrate, load the register and seed once, and do nothing the second time.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapEmbedded } from "../../src/bootstrap.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { seedVerb } from "../../src/cli/verbs/seed.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { createStore } from "../../src/store/index.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";

describe("bootstrapEmbedded", () => {
  it("migrates, loads the register and seeds an empty database, then only checks", async () => {
    const client = openEmbedded(":memory:");
    try {
      const lines: string[] = [];
      const log = { info: (m: string) => lines.push(m), warn: () => undefined, error: () => undefined };
      const first = await bootstrapEmbedded(client, { now: new Date("2026-03-01T00:00:00Z"), log });
      expect(first.migrations.applied).toHaveLength((await readMigrations()).length);
      expect(first.register?.units.inserted).toBeGreaterThan(14_000);
      expect(first.seed?.publications.published).toHaveLength(11);
      expect(lines).toHaveLength(3);
      const before = await createStore(client).tableChecksums();
      const second = await bootstrapEmbedded(client, { now: new Date("2026-03-02T00:00:00Z") });
      expect(second).toMatchObject({ migrations: { applied: [] }, register: null, seed: null });
      expect(await createStore(client).tableChecksums()).toEqual(before);
    } finally {
      client.close();
    }
  });
});

describe("seed demo", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cchc-seed-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("seeds a new file database (register first) and changes nothing the second time", async () => {
    const url = `file:${join(dir, "cchc.db")}`;
    const io = memoryIo();
    expect(await seedVerb.run(["demo", "--url", url], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^Đã nạp sổ đăng ký đơn vị: \d+ đơn vị\.$/);
    expect(io.stdout).toContain("  Công bố: 11 bảng xếp hạng, 176 kết quả; đã có từ trước: 0");
    const again = memoryIo();
    expect(await seedVerb.run(["demo", "--url", url], again)).toBe(0);
    expect(again.stdout).toContain("  Công bố: 0 bảng xếp hạng, 0 kết quả; đã có từ trước: 11");
  });
});
