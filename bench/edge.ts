/**
 * Edge benchmark (run by `npm run bench`, or alone: `node --import tsx bench/edge.ts`): the Worker in
 * workerd (wrangler's local runtime, no account, no network beyond loopback) over the loopback Hrana
 * test server on a demo-seeded file database, replies going to the loopback Telegram Bot API double.
 * - the bundle `wrangler deploy --dry-run` builds, raw and gzipped;
 * - `/diem` through POST /webhook/telegram (secret, claim, chat service, reply sent): the first request
 *   of a new isolate (cold), then 1,000 more one after another (warm);
 * - database round trips per warm `/diem`, counted as pipeline requests at the Hrana fixture;
 * - the workerd process's resident memory before and after the 1,000 requests (workerd gives no
 *   per-isolate heap figure from outside; RSS bounds it from above).
 * Prints a Markdown section for BENCHMARKS.md.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createClient } from "@libsql/client";
import { type Unstable_DevWorker, unstable_dev } from "wrangler";
import { createApp } from "../src/app.ts";
import { parseConfig } from "../src/config.ts";
import { createDeps } from "../src/deps.ts";
import { silentLog } from "../src/log.ts";
import { dryRunBundle, WRANGLER_QUIET_ENV } from "../test/support/wrangler.ts";
import { diemRequest, edgeFixtures, workerdRss } from "./edge-support.ts";
import { percentiles } from "./load.ts";

const WARM_REQUESTS = 1000;
const COLD_STARTS = 3;
// unstable_dev reads wrangler's settings from this process's environment.
Object.assign(process.env, WRANGLER_QUIET_ENV);

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function bundleSize(): { raw: number; gzip: number } {
  const outdir = mkdtempSync(join(tmpdir(), "cchc-bench-bundle-"));
  try {
    const run = dryRunBundle(outdir);
    if (run.status !== 0) throw new Error(run.stderr);
    const bundle = readFileSync(join(outdir, "worker.js"));
    return { raw: bundle.length, gzip: gzipSync(bundle, { level: 9 }).length };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const dir = mkdtempSync(join(tmpdir(), "cchc-bench-edge-"));
const { hrana, telegram, bindings: vars, close } = await edgeFixtures(dir, new Date("2024-03-20T03:00:00Z"));

let updateId = 1;
/** Warm requests come from 20 chats the service knows; `fresh` is a chat's first message. */
const KNOWN_CHATS = 20;
let freshChat = 500_000;
function diem(worker: Pick<Unstable_DevWorker, "fetch">, fresh = false) {
  const id = updateId++;
  const chatId = fresh ? freshChat++ : 100_000 + (id % KNOWN_CHATS);
  return worker.fetch("/webhook/telegram", diemRequest(id, chatId));
}

async function timed(
  worker: Pick<Unstable_DevWorker, "fetch">,
  fresh = false,
): Promise<{ ms: number; pipelines: number }> {
  const before = hrana.pipelines;
  const started = performance.now();
  const response = await diem(worker, fresh);
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  return { ms: elapsed, pipelines: hrana.pipelines - before };
}

const start = () =>
  unstable_dev("src/entry/worker.ts", {
    config: "wrangler.toml",
    vars,
    logLevel: "none",
    experimental: { disableExperimentalWarning: true, disableDevRegistry: true },
  });

try {
  const bundle = bundleSize();
  const cold: { ms: number; pipelines: number }[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const worker = await start();
    cold.push(await timed(worker));
    // The second request of the isolate: everything built, the database connection pool warm.
    cold.push({ ...(await timed(worker)), ms: Number.NaN });
    await worker.stop();
  }
  // What any first request of a new isolate costs here (runtime, wrangler's proxy, first connections):
  // /health commits one row, nothing of the chat.
  const coldHealth: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const probe = await start();
    const started = performance.now();
    const response = await probe.fetch("/health");
    coldHealth.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`/health answered ${response.status}`);
    await probe.stop();
  }
  const worker = await start();
  for (let i = 0; i < 20; i++) await timed(worker);
  const rssBefore = workerdRss();
  const warm: number[] = [];
  let pipelines = 0;
  for (let i = 0; i < WARM_REQUESTS; i++) {
    const one = await timed(worker);
    warm.push(one.ms);
    pipelines += one.pipelines;
  }
  const rssAfter = workerdRss();
  let freshPipelines = 0;
  for (let i = 0; i < 100; i++) freshPipelines += (await timed(worker, true)).pipelines;
  await worker.stop();

  // The same app on Node over the same Hrana fixture: what the remote database costs without workerd.
  const nodeClient = createClient({ url: hrana.url });
  const config = parseConfig(vars);
  const nodeApp = createApp(createDeps(config, nodeClient, { log: silentLog }));
  const onNode = { fetch: (url: string, init: RequestInit) => nodeApp.request(url, init) };
  for (let i = 0; i < 20; i++) await timed(onNode as Pick<Unstable_DevWorker, "fetch">);
  const node: number[] = [];
  for (let i = 0; i < WARM_REQUESTS; i++)
    node.push((await timed(onNode as Pick<Unstable_DevWorker, "fetch">)).ms);
  nodeClient.close();
  const sent = telegram.callsTo("sendMessage").filter((c) => c.status === 200).length;

  const coldFirst = cold.filter((c) => !Number.isNaN(c.ms));
  const w = percentiles(warm);
  console.log("## Edge (Cloudflare Workers, local workerd)\n");
  console.log("| measure | value | target |");
  console.log("|---|---|---|");
  console.log(
    `| bundle (wrangler deploy --dry-run) | ${kib(bundle.raw)}, **${kib(bundle.gzip)} gzipped** | ≤ 1 MiB |`,
  );
  console.log(
    `| GET /health, first request of a new isolate, ${COLD_STARTS} starts (the floor of any cold request here) | ${coldHealth.map(ms).join(", ")} | |`,
  );
  console.log(
    `| /diem, first request of a new isolate (cold), ${COLD_STARTS} starts | ${coldFirst.map((c) => ms(c.ms)).join(", ")}; ${coldFirst.map((c) => c.pipelines).join(", ")} database round trips | ≤ 100 ms |`,
  );
  console.log(
    `| /diem warm, ${WARM_REQUESTS} one after another | p50 ${ms(w.p50)}, **p99 ${ms(w.p99)}**, max ${ms(w.max)} | ≤ 10 ms |`,
  );
  console.log(
    `| database round trips per warm /diem (Hrana pipeline requests), a chat it knows / a chat's first message | **${(pipelines / WARM_REQUESTS).toFixed(2)}** / ${(freshPipelines / 100).toFixed(2)} | ≤ 3 |`,
  );
  const n = percentiles(node);
  console.log(
    `| the same /diem on Node (@libsql/client over HTTP to the same fixture, in process) | p50 ${ms(n.p50)}, p99 ${ms(n.p99)} | |`,
  );
  console.log(
    `| workerd resident memory before → after the ${WARM_REQUESTS} requests | ${kib(rssBefore)} → ${kib(rssAfter)} | heap ≤ 64 MiB |`,
  );
  console.log(`| replies the Bot API double received | ${sent} | |\n`);
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
