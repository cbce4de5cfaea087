/**
 * The embedded database on a file system that turns read-only under the running service (a bind
 * mount remounted read-only: root ignores file permissions, a read-only mount holds for everyone).
 * /health says so (503, the reason in Vietnamese, the driver's code), and once the mount is writable
 * again the service recovers by itself, without a restart.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/open.ts";
import { useWriteAheadLog } from "../../src/db/pragmas.ts";
import { createDeps } from "../../src/deps.ts";
import { silentLog } from "../../src/log.ts";
import { migrate } from "../../src/store/migrate.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";

let dir: string;
let mounted: string;
let isMounted = false;

const mount = (...args: string[]) => execFileSync("mount", args, { stdio: "pipe" });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cchc-readonly-"));
  const source = join(dir, "data");
  mounted = join(dir, "mnt");
  execFileSync("mkdir", ["-p", source, mounted]);
  const setup = await openDatabase({ url: `file:${join(source, "cchc.db")}` });
  await useWriteAheadLog(setup);
  await migrate(setup, await readMigrations(), new Date());
  setup.close();
  mount("--bind", source, mounted);
  isMounted = true;
});

afterAll(async () => {
  if (isMounted) execFileSync("umount", ["-l", mounted]);
  await rm(dir, { recursive: true, force: true });
});

describe("a database file system that turns read-only", () => {
  it("makes /health answer 503 with the reason, and recovers by itself once writable again", async () => {
    const url = `file:${join(mounted, "cchc.db")}`;
    // Started on read-only files (a mount can only turn read-only with no file open for writing).
    mount("-o", "remount,bind,ro", mounted);
    const client = await openDatabase({ url });
    const deps = createDeps(parseConfig({ LIBSQL_URL: url }), client, { log: silentLog });
    const app = createApp(deps);
    try {
      const down = await app.request("/health");
      expect(down.status).toBe(503);
      const body = (await down.json()) as { status: string; database: Record<string, unknown> };
      expect(body.status).toBe("unavailable");
      expect(body.database).toMatchObject({
        ok: false,
        writes: false,
        code: expect.stringMatching(/^SQLITE_/),
      });
      expect(String(body.database.reason)).toMatch(/chỉ đọc|không mở được/);

      mount("-o", "remount,bind,rw", mounted);
      await new Promise((resolve) => setTimeout(resolve, 1100)); // reopening is tried at most once a second
      const up = await app.request("/health");
      expect(up.status).toBe(200);
      expect(await up.json()).toMatchObject({ status: "ok", database: { ok: true } });
    } finally {
      await deps.sender.stop();
      client.close();
    }
  });
});
