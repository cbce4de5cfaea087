/**
 * Memory probe of the Worker without wrangler's dev proxy and inspector (`node --import tsx
 * bench/edge-memory.ts [path] [requests]`): the dry-run bundle in plain Miniflare (workerd) over the
 * loopback Hrana test server on a demo-seeded file, `path` (default /health) asked `requests` times (default
 * 4,000), the workerd process's resident memory printed every 1,000. workerd gives no per-isolate heap
 * figure from outside; this tells the runtime's growth from the app's. Not run by `npm run bench`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { Miniflare } from "miniflare";
import { bootstrapEmbedded } from "../src/bootstrap.ts";
import { startHranaServer } from "../test/support/hrana-server.ts";

const path = process.argv[2] ?? "/health";
const requests = Number(process.argv[3] ?? 4000);

/** Resident memory of the workerd processes started under this one. */
function workerdRss(): number {
  const table = execFileSync("ps", ["-eo", "pid=,ppid=,rss=,comm="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, rss, comm]) => ({ pid: Number(pid), ppid: Number(ppid), rss: Number(rss), comm }));
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of table) {
      if (!mine.has(row.pid) && mine.has(row.ppid)) {
        mine.add(row.pid);
        grew = true;
      }
    }
  }
  return table
    .filter((r) => mine.has(r.pid) && r.comm === "workerd")
    .reduce((sum, r) => sum + r.rss * 1024, 0);
}

const out = mkdtempSync(join(tmpdir(), "cchc-edge-memory-"));
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  WRANGLER_SEND_ERROR_REPORTS: "false",
};
spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", out], { stdio: "ignore", env });
const database = join(out, "demo.db");
const seeding = createClient({ url: `file:${database}` });
await bootstrapEmbedded(seeding, { now: new Date() });
seeding.close();
const hrana = await startHranaServer({ path: database });
const mf = new Miniflare({
  modules: true,
  scriptPath: join(out, "worker.js"),
  modulesRoot: out,
  compatibilityDate: "2026-04-01",
  bindings: { LIBSQL_URL: hrana.url },
});
try {
  await mf.ready;
  for (let i = 0; i <= requests; i++) {
    const response = await mf.dispatchFetch(`http://cchc.example${path}`);
    await response.text();
    if (i % 1000 === 0)
      console.log(`${i} requests: ${Math.round(workerdRss() / 2 ** 20)} MiB (${response.status})`);
  }
} finally {
  await mf.dispose();
  await hrana.close();
  rmSync(out, { recursive: true, force: true });
}
