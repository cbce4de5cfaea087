import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { Miniflare } from "miniflare";
import { dryRunBundle } from "../test/support/wrangler.ts";
import { edgeFixtures, workerdProcesses, workerdRss } from "./edge-support.ts";

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
  let ticks = 0;
  for (const { pid } of workerdProcesses()) {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
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
