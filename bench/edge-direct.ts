/**
 * The Worker in plain Miniflare (workerd, without wrangler's dev proxy): `/diem` latency cold and warm,
 * the figure wrangler's proxy hides in bench/edge.ts (`node --import tsx bench/edge-direct.ts`; run by
 * `npm run bench`). The dry-run bundle over the loopback Hrana test server on a demo-seeded file; replies
 * go to the loopback Telegram Bot API double. Both servers share this process's event loop with the
 * measuring code. Prints a Markdown section for BENCHMARKS.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { dryRunBundle } from "../test/support/wrangler.ts";
import { diemRequest, edgeFixtures } from "./edge-support.ts";
import { percentiles } from "./load.ts";

const STARTS = 5;
const WARM = 1000;
const out = mkdtempSync(join(tmpdir(), "cchc-edge-direct-"));
const built = dryRunBundle(out);
if (built.status !== 0) throw new Error(built.stderr);
const fixtures = await edgeFixtures(out);
const worker = () =>
  new Miniflare({
    modules: true,
    scriptPath: join(out, "worker.js"),
    modulesRoot: out,
    compatibilityDate: "2026-04-01",
    compatibilityFlags: ["nodejs_compat"],
    bindings: fixtures.bindings,
  });

let update = 1;
async function diem(mf: Miniflare): Promise<number> {
  const id = update++;
  const started = performance.now();
  const response = await mf.dispatchFetch(
    "http://cchc.example/webhook/telegram",
    diemRequest(id, 100_000 + (id % 20)),
  );
  await response.text();
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  return performance.now() - started;
}

async function first(path: "/health" | "/diem"): Promise<number> {
  const mf = worker();
  await mf.ready;
  try {
    if (path === "/diem") return await diem(mf);
    const started = performance.now();
    await (await mf.dispatchFetch("http://cchc.example/health")).text();
    return performance.now() - started;
  } finally {
    await mf.dispose();
  }
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
try {
  const health: number[] = [];
  const cold: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    health.push(await first("/health"));
    cold.push(await first("/diem"));
  }
  const mf = worker();
  await mf.ready;
  for (let i = 0; i < 50; i++) await diem(mf);
  const warm: number[] = [];
  for (let i = 0; i < WARM; i++) warm.push(await diem(mf));
  await mf.dispose();
  const w = percentiles(warm);
  console.log("## Edge, plain Miniflare (no wrangler proxy)\n");
  console.log("| measure | value | target |\n|---|---|---|");
  console.log(
    `| GET /health, first request of a new isolate, ${STARTS} starts | ${health.map(ms).join(", ")} | |`,
  );
  console.log(
    `| /diem, first request of a new isolate, ${STARTS} starts | ${cold.map(ms).join(", ")} | ≤ 100 ms |`,
  );
  console.log(`| /diem warm, ${WARM} one after another | p50 ${ms(w.p50)}, p99 ${ms(w.p99)} | ≤ 10 ms |`);
} finally {
  await fixtures.close();
  rmSync(out, { recursive: true, force: true });
}
