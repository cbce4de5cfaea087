/**
 * The Worker in plain Miniflare (workerd, without wrangler's dev proxy): `/diem` latency cold and warm,
 * the figure wrangler's proxy hides in bench/edge.ts (`node --import tsx bench/edge-direct.ts`; run by
 * `npm run bench`). The dry-run bundle over the loopback Hrana test server on a demo-seeded file; replies
 * go to the loopback Telegram Bot API double. Both servers share this process's event loop with the
 * measuring code. Prints a Markdown section for BENCHMARKS.md.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { Miniflare } from "miniflare";
import { bootstrapEmbedded } from "../src/bootstrap.ts";
import { startFakeTelegramApi } from "../test/support/fake-telegram-api.ts";
import { startHranaServer } from "../test/support/hrana-server.ts";
import { percentiles } from "./load.ts";

const STARTS = 5;
const WARM = 1000;
const SECRET = "bench-telegram-secret";
const out = mkdtempSync(join(tmpdir(), "cchc-edge-direct-"));
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  WRANGLER_SEND_ERROR_REPORTS: "false",
};
const built = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", out], {
  env,
  encoding: "utf8",
});
if (built.status !== 0) throw new Error(built.stderr);
const database = join(out, "demo.db");
const seeding = createClient({ url: `file:${database}` });
await bootstrapEmbedded(seeding, { now: new Date() });
seeding.close();
const hrana = await startHranaServer({ path: database });
const telegram = await startFakeTelegramApi();

const worker = () =>
  new Miniflare({
    modules: true,
    scriptPath: join(out, "worker.js"),
    modulesRoot: out,
    compatibilityDate: "2026-04-01",
    compatibilityFlags: ["nodejs_compat"],
    bindings: {
      LIBSQL_URL: hrana.url,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_BOT_INFO: JSON.stringify(telegram.botInfo),
      TELEGRAM_API_ROOT: telegram.apiRoot,
    },
  });

let update = 1;
async function diem(mf: Miniflare): Promise<number> {
  const id = update++;
  const started = performance.now();
  const response = await mf.dispatchFetch("http://cchc.example/webhook/telegram", {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
    body: JSON.stringify({
      update_id: id,
      message: {
        message_id: id,
        date: 1_710_900_000,
        chat: { id: 100_000 + (id % 20), type: "private", first_name: "Chủ tịch" },
        from: { id: 100_000 + (id % 20), is_bot: false, first_name: "Chủ tịch" },
        text: "/diem Tân Hồng Bình Giang 2022",
      },
    }),
  });
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
  await hrana.close();
  await telegram.close();
  rmSync(out, { recursive: true, force: true });
}
