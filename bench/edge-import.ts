/**
 * A TTHC import through the Worker's /admin in plain Miniflare (workerd, without nodejs_compat, as
 * wrangler.toml): how long a file of a given size takes, how many database round trips it makes (each a
 * subrequest: 50 per request on the Workers Free plan, 1,000 or more on Paid), the CPU workerd spent and
 * the memory it holds. `node --import tsx bench/edge-import.ts`, run by `npm run bench`;
 * `EDGE_IMPORT_ROWS=40,1000` for other sizes. The dry-run bundle over the loopback Hrana test server on a
 * demo-seeded file, in this process's event loop: the time is workerd's plus the loopback database's;
 * the CPU is what the workerd processes spent meanwhile (Linux /proc), an upper bound of the CPU time
 * Cloudflare would count. Prints a Markdown table.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { Miniflare } from "miniflare";
import { dryRunBundle } from "../test/support/wrangler.ts";
import { edgeFixtures, workerdRss } from "./edge-support.ts";

const ADMIN_TOKEN = "bench-admin-token-0123456789";
const sizes = (process.env.EDGE_IMPORT_ROWS ?? "").split(",").filter(Boolean).map(Number);
// Past ~10,000 round trips in 10 s the metered fetch's deadlines (one timer each) reach workerd's cap of
// active timers; the platform's own cap, 10,000 subrequests on Workers Paid, comes first anyway.
const ROWS = sizes.length > 0 ? sizes : [40, 1_000, 5_000];
const out = mkdtempSync(join(tmpdir(), "cchc-edge-import-"));
const built = dryRunBundle(out);
if (built.status !== 0) throw new Error(built.stderr);
const fixtures = await edgeFixtures(out);

// Communes valid through 2024, each with monthly periods: as many distinct rows as asked for.
const reading = createClient({ url: `file:${join(out, "demo.db")}` });
const codes = (
  await reading.execute(
    "SELECT code FROM units WHERE level = 'commune' AND (valid_from IS NULL OR valid_from <= '2023-01-01') " +
      "AND (valid_to IS NULL OR valid_to >= '2024-12-31') AND code GLOB '[0-9]*' ORDER BY code",
  )
).rows.map((r) => String(r.code));
reading.close();
const HEADER =
  "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue,apologies_sent";
function tthcCsv(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const code = codes[i % codes.length];
    const month = Math.floor(i / codes.length);
    if (month >= 24) throw new Error(`at most ${codes.length * 24} rows`);
    const year = 2023 + Math.floor(month / 12);
    const m = String((month % 12) + 1).padStart(2, "0");
    const last = new Date(Date.UTC(year, (month % 12) + 1, 0)).getUTCDate();
    lines.push(`${code},${year}-${m}-01,${year}-${m}-${last},${40 + (i % 9)},2,${30 + (i % 9)},3,4,1,1`);
  }
  return `${lines.join("\n")}\n`;
}

const mf = new Miniflare({
  modules: true,
  scriptPath: join(out, "worker.js"),
  modulesRoot: out,
  compatibilityDate: "2026-04-01",
  bindings: { ...fixtures.bindings, ADMIN_TOKEN },
});
await mf.ready;
/** CPU milliseconds (user + system) the workerd processes under this one have used. */
function workerdCpuMs(): number {
  const table = execFileSync("ps", ["-eo", "pid=,ppid=,comm="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm }));
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
  let ticks = 0;
  for (const row of table) {
    if (!mine.has(row.pid) || row.comm !== "workerd") continue;
    const fields = readFileSync(`/proc/${row.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  // USER_HZ is 100 on Linux.
  return ticks * 10;
}
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
try {
  console.log(`## Edge: /admin TTHC import in plain Miniflare (${codes.length} communes)\n`);
  console.log("| rows | body | dry run | import (workerd CPU) | round trips (import) | workerd RSS after |");
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const rows of ROWS) {
    const body = tthcCsv(rows);
    const post = async (dryRun: boolean) => {
      const pipelines = fixtures.hrana.pipelines;
      const cpu = workerdCpuMs();
      const started = performance.now();
      const response = await mf.dispatchFetch(
        `http://cchc.example/admin/imports/tthc${dryRun ? "?dry_run=1" : ""}`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "text/csv" },
          body,
        },
      );
      const text = await response.text();
      if (response.status !== 200) throw new Error(`${response.status}: ${text.slice(0, 500)}`);
      return {
        ms: performance.now() - started,
        cpu: workerdCpuMs() - cpu,
        trips: fixtures.hrana.pipelines - pipelines,
      };
    };
    const dry = await post(true);
    const real = await post(false);
    console.log(
      `| ${rows.toLocaleString("en")} | ${body.length > 1024 * 1024 ? mib(body.length) : kib(body.length)} | ` +
        `${dry.ms.toFixed(0)} ms | ${real.ms.toFixed(0)} ms (${real.cpu} ms) | ${real.trips} | ${mib(workerdRss())} |`,
    );
  }
} finally {
  await mf.dispose();
  await fixtures.close();
  rmSync(out, { recursive: true, force: true });
}
