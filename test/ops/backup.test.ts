/**
 * Backups, restores and retention on real file databases, through the CLI verbs: a verified copy
 * made while another connection writes; a restore that refuses a damaged copy, one made by newer
 * code, and a database a running service holds; pruning that keeps what is still within its time.
 */
import { mkdtemp, open as openFile, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/dispatch.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { listBackups } from "../../src/ops/backup.ts";
import { backupInChildProcess } from "../../src/ops/backup-process.ts";
import { pruneExpired } from "../../src/ops/retention.ts";
import { createStore, migrate } from "../../src/store/index.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";
import { unitInput } from "../support/databases.ts";

let dir: string;
let url: string;
let client: Client;

async function cli(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli([...argv, "--url", url], io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cchc-backup-"));
  url = `file:${join(dir, "cchc.db")}`;
  client = openEmbedded(url);
  await client.execute("PRAGMA journal_mode = WAL");
  await migrate(client, await readMigrations(), new Date());
  const store = createStore(client);
  const ctx = { now: new Date(), actor: "test" };
  for (let i = 0; i < 50; i++) {
    await store.units.insert(unitInput({ code: String(20_000 + i), name: `Xã Thử ${i}` }), ctx);
  }
});
afterAll(async () => {
  client.close();
  await rm(dir, { recursive: true, force: true });
});

describe("backup", () => {
  it("writes a verified copy while another connection keeps writing", async () => {
    const store = createStore(client);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await store.heartbeat.beat(new Date());
        await store.units.insert(unitInput({ code: String(30_000 + written), name: "Xã Mới" }), {
          now: new Date(),
          actor: "test",
        });
        written++;
      }
    })();
    const target = join(dir, "copy-1.db");
    const { code, out } = await cli("backup", target);
    writing = false;
    await writer;
    expect(code).toBe(0);
    const migrations = (await readMigrations()).length;
    expect(out).toMatch(
      new RegExp(
        `^Đã sao lưu vào .*copy-1\\.db: .* KiB, .* dòng trong \\d+ bảng, ${migrations} migration, .*kiểm tra toàn vẹn: đạt\\.`,
        "u",
      ),
    );
    expect(written).toBeGreaterThan(0);
    const copy = openEmbedded(`file:${target}`);
    const check = await copy.execute("PRAGMA integrity_check");
    expect(check.rows[0]?.[0]).toBe("ok");
    copy.close();
  });

  it("has the source's row counts when nothing was written meanwhile, and refuses an existing target", async () => {
    const target = join(dir, "copy-2.db");
    expect((await cli("backup", target)).code).toBe(0);
    const counts = await createStore(client).maintenance.tableCounts();
    const copy = openEmbedded(`file:${target}`);
    expect(await createStore(copy).maintenance.tableCounts()).toEqual(counts);
    copy.close();
    const again = await cli("backup", target);
    expect(again.code).toBe(2);
    expect(again.err).toContain("đã có; chọn tên khác");
  });
});

describe("the scheduled backup", () => {
  it("is made in a process of its own, verified, and only the newest N kept", async () => {
    const daily = join(dir, "scheduled");
    const { mkdir } = await import("node:fs/promises");
    await mkdir(daily, { recursive: true });
    for (const day of [1, 2]) {
      const made = await backupInChildProcess(url, daily, 1, new Date(Date.UTC(2026, 10, day, 19, 30)), [
        "--import",
        "tsx",
      ]);
      expect(made.output).toContain("kiểm tra toàn vẹn: đạt");
    }
    expect((await listBackups(daily)).map((path) => basename(path))).toEqual(["cchc-20261102-193000.db"]);
  }, 60_000);
});

describe("restore", () => {
  it("refuses a damaged copy and one made by newer code, and changes nothing", async () => {
    const damaged = join(dir, "damaged.db");
    await writeFile(damaged, await readFile(join(dir, "copy-2.db")));
    const handle = await openFile(damaged, "r+");
    await handle.write(Buffer.alloc(4096, 0x5a), 0, 4096, 8192);
    await handle.close();
    const refused = await cli("restore", damaged);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/bản sao damaged\.db/i);

    // A name a URL would cut short ("#…") is still the file checked, not another one.
    const hashed = join(dir, "bad#1.db");
    await writeFile(hashed, Buffer.alloc(65536, 0x41));
    expect((await cli("restore", hashed)).code).toBe(2);

    const newer = join(dir, "newer.db");
    await writeFile(newer, await readFile(join(dir, "copy-2.db")));
    const copy = openEmbedded(`file:${newer}`);
    await copy.execute(
      "INSERT INTO schema_migrations (name, checksum, applied_at) VALUES ('9999_future.sql', 'x', 'y')",
    );
    copy.close();
    const tooNew = await cli("restore", newer);
    expect(tooNew.code).toBe(2);
    expect(tooNew.err).toContain("do phiên bản mới hơn tạo (migration 9999_future.sql)");
  });

  it("refuses while a service holds the database, then restores and keeps the old file", async () => {
    const store = createStore(client);
    const now = new Date();
    expect(await store.outbox.acquireLease("web", "npm-start", now, new Date(now.getTime() + 30_000))).toBe(
      true,
    );
    const busy = await cli("restore", join(dir, "copy-2.db"));
    expect(busy.code).toBe(2);
    expect(busy.err).toContain("Dịch vụ đang chạy trên cơ sở dữ liệu này");
    await store.outbox.releaseLease("web", "npm-start");
    client.close();

    const restored = await cli("restore", join(dir, "copy-2.db"));
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/Cơ sở dữ liệu cũ được giữ ở .*cchc\.db\.before-restore-/);
    client = openEmbedded(url);
    const counts = await createStore(client).maintenance.tableCounts();
    const copy = openEmbedded(`file:${join(dir, "copy-2.db")}`);
    expect(counts).toEqual(await createStore(copy).maintenance.tableCounts());
    copy.close();
    expect((await stat(join(dir, "cchc.db"))).size).toBeGreaterThan(0);
  });
});

describe("retention", () => {
  it("deletes settled deliveries, update claims and audit entries past their time, and keeps the rest", async () => {
    const store = createStore(client);
    const old = new Date("2024-01-01T00:00:00Z");
    const now = new Date("2026-12-04T00:00:00Z");
    await store.updates.markProcessed("telegram", "old", old);
    await store.updates.markProcessed("telegram", "new", now);
    const chat = await store.chats.touch(
      { platform: "telegram", chatId: "42", type: "private", title: null },
      { now: old, actor: "t" },
    );
    const body = { lines: [], choices: [] };
    for (const [key, at] of [
      ["old-notice", old],
      ["new-notice", now],
    ] as const) {
      await store.outbox.enqueue(
        {
          key,
          job: "t",
          title: "t",
          scopeUnitId: null,
          parentKey: null,
          summarize: false,
          runAt: at,
          trigger: "t",
        },
        [
          {
            chatRef: chat.id,
            platform: "telegram",
            subjectUnitId: null,
            optOutKey: null,
            body,
            state: "skipped",
            notBefore: at,
          },
        ],
        { now: at, actor: "t" },
      );
    }
    await store.audit.append(
      { action: "chat.erase", entity: "chat", entityId: null },
      { now: old, actor: "t" },
    );
    const report = await pruneExpired(store, { updatesDays: 30, deliveriesDays: 180, auditDays: 365 }, now);
    expect(report.updates).toBe(1);
    expect(report.deliveries).toBe(1);
    expect(report.audit).toBeGreaterThan(0);
    expect(await store.updates.markProcessed("telegram", "new", now)).toBe(false);
    expect(await store.outbox.deliveries("new-notice")).toHaveLength(1);
    expect(await store.outbox.deliveries("old-notice")).toHaveLength(0);
    const audit = await store.audit.list({ limit: 1000 });
    expect(audit.some((entry) => entry.action === "chat.erase")).toBe(true);
    expect(audit.some((entry) => entry.action === "retention.prune")).toBe(true);
  });
});
