/**
 * Chat benchmark (run by `npm run bench`, or alone: `node --import tsx --expose-gc bench/chat.ts`),
 * over a national-scale sample dataset (every pre-reform commune, six published years) in a
 * temporary file database, opened as `npm start` opens it (write-ahead log):
 * - the unit-name resolver's latency over the national register, warm, on typed variants of names;
 * - `/diem` through the Telegram webhook in process (`app.request`), the reply going to the loopback
 *   Bot API test double, as p50/p99; and the same path with the chat service answering a prepared
 *   reply, which is the channel's own cost;
 * - updates per second through the webhook over loopback HTTP (@hono/node-server, a fixed number of
 *   requests in flight), next to a bare grammY echo bot measured the same way, in alternating runs
 *   after a warm-up, so that the machine's changing load weighs on both alike;
 * - the memory of the running service.
 * Prints a Markdown section for BENCHMARKS.md.
 */

import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { Bot, webhookCallback } from "grammy";
import { Hono } from "hono";
import type { Reply } from "../commands/reply.ts";
import { createApp } from "../src/app.ts";
import { createTelegramBot } from "../src/channels/telegram/bot.ts";
import { type ChatService, createChatService } from "../src/chat/service.ts";
import { openDatabase } from "../src/db/open.ts";
import { useWriteAheadLog } from "../src/db/pragmas.ts";
import { silentLog } from "../src/log.ts";
import { createResolver, foldVietnamese } from "../src/resolve/index.ts";
import { createStore } from "../src/store/index.ts";
import { startFakeTelegramApi } from "../test/support/fake-telegram-api.ts";
import { serveOnLoopback } from "../test/support/serve.ts";
import { closedLoopLoad, combinedLoad, type LoadResult, type Percentiles, percentiles } from "./load.ts";
import { DATASET_FILE, type NationalDatasetSummary } from "./national-dataset.ts";

const SECRET = "bench-webhook-secret";
const RESOLVER_ROUNDS = 5;
const DIEM_REQUESTS = 3000;
/** Each bot gets `rounds` runs of `durationMs`, alternating, so a change in the machine's load weighs on both. */
const LOAD = { concurrency: 16, durationMs: 2000, rounds: 4, warmupMs: 1000 };
const NOW = new Date("2025-06-01T03:00:00Z");

const ms = (value: number) => `${value < 1 ? value.toFixed(3) : value.toFixed(2)} ms`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const pcts = (p: Percentiles) => `p50 ${ms(p.p50)}, **p99 ${ms(p.p99)}**, max ${ms(p.max)}`;

function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/** What chairs type: no diacritics, with the district, a typo, decomposed Unicode. */
function typedVariants(name: string, district: string): string[] {
  const bare = name.replace(/^(Xã|Phường|Thị trấn) /u, "");
  const folded = foldVietnamese(bare);
  const typo = folded.length > 4 ? `${folded.slice(0, 2)}${folded[3]}${folded[2]}${folded.slice(4)}` : folded;
  return [folded, `${folded} ${foldVietnamese(district)}`, typo, bare.normalize("NFD")];
}

function buildDatasetInChildProcess(dir: string): NationalDatasetSummary {
  const run = spawnSync(process.execPath, ["--import", "tsx", "bench/national-dataset.ts", dir], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (run.status !== 0) throw new Error("building the national dataset failed");
  return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as NationalDatasetSummary;
}

const dir = await mkdtemp(join(tmpdir(), "cchc-bench-chat-"));
const telegram = await startFakeTelegramApi();
try {
  const dataset = buildDatasetInChildProcess(dir);
  const memoryAtStart = memory();
  const client = await openDatabase({ url: `file:${join(dir, DATASET_FILE)}` });
  await useWriteAheadLog(client);
  const store = createStore(client);

  // ---- resolver ----
  const started = performance.now();
  const units = await store.units.listResolvable();
  const resolver = createResolver(units);
  const resolverBuildMs = performance.now() - started;
  const communes = units
    .filter((u) => u.level === "commune" && u.validTo === "2025-06-30")
    .map((u) => ({ name: u.name, district: u.ancestors[0]?.name ?? "" }));
  const queries = communes.filter((_, i) => i % 4 === 0).flatMap((c) => typedVariants(c.name, c.district));
  for (const query of queries) resolver.resolve(query, { year: 2022 });
  const resolveTimes: number[] = [];
  for (let round = 0; round < RESOLVER_ROUNDS; round++) {
    for (const query of queries) {
      const t = performance.now();
      resolver.resolve(query, { year: 2022 });
      resolveTimes.push(performance.now() - t);
    }
  }
  const resolve = percentiles(resolveTimes);

  // ---- the app, with the real chat service or one answering a prepared reply ----
  const realChat = createChatService({ store, resolver: async () => resolver, log: silentLog });
  const appWith = (chat: ChatService) =>
    createApp({
      chat,
      store,
      pingDatabase: () => store.units.count(),
      telegram: {
        bot: createTelegramBot({
          token: telegram.token,
          apiRoot: telegram.apiRoot,
          botInfo: telegram.botInfo,
          chat,
          store,
          log: silentLog,
          now: () => NOW,
        }),
        mode: "webhook",
        webhookSecret: SECRET,
      },
      zalo: null,
      log: silentLog,
      now: () => NOW,
    });
  const app = appWith(realChat);

  let updateId = 1;
  const diemUpdate = (i: number) => {
    const commune = communes[(i * 7919) % communes.length]!;
    const chatId = 100_000 + (i % 5000);
    return JSON.stringify({
      update_id: updateId++,
      message: {
        message_id: i + 1,
        date: Math.floor(NOW.getTime() / 1000),
        chat: { id: chatId, type: "private", first_name: "Chủ tịch" },
        from: { id: chatId, is_bot: false, first_name: "Chủ tịch" },
        text: `/diem ${foldVietnamese(commune.name)} ${foldVietnamese(commune.district)} ${2019 + (i % 6)}`,
      },
    });
  };
  const webhookInit = (body: string): RequestInit => ({
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
    body,
  });
  async function inProcess(target: Hono, from: number): Promise<Percentiles> {
    for (let i = 0; i < 300; i++)
      await target.request("/webhook/telegram", webhookInit(diemUpdate(from + i)));
    const times: number[] = [];
    for (let i = 0; i < DIEM_REQUESTS; i++) {
      const init = webhookInit(diemUpdate(from + 300 + i));
      const t = performance.now();
      const response = await target.request("/webhook/telegram", init);
      times.push(performance.now() - t);
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    }
    return percentiles(times);
  }

  telegram.reset();
  const diem = await inProcess(app, 0);
  const sent = telegram.sentTexts();
  const scoreCards = sent.filter((text) => text.includes("/100 điểm")).length;

  const prepared: Reply = await realChat.handle(
    {
      platform: "web",
      chatId: "bench",
      chatType: "private",
      userId: "bench",
      text: "/diem tan hong binh giang 2022",
    },
    NOW,
  );
  const channelOnly = await inProcess(appWith({ handle: async () => prepared }), 100_000);
  const memoryWarm = memory();

  // ---- throughput over loopback HTTP: ours and a bare grammY echo bot, in alternating rounds ----
  const ours = await serveOnLoopback(app);
  const echo = new Bot(telegram.token, { botInfo: telegram.botInfo, client: { apiRoot: telegram.apiRoot } });
  echo.on("message:text", (ctx) => ctx.reply(ctx.message.text));
  const echoServed = await serveOnLoopback(
    new Hono().post("/webhook/telegram", webhookCallback(echo, "hono", { secretToken: SECRET })),
  );
  const load = (url: string, from: number, durationMs = LOAD.durationMs) =>
    closedLoopLoad({
      concurrency: LOAD.concurrency,
      durationMs,
      request: (i) => ({ url: `${url}/webhook/telegram`, init: webhookInit(diemUpdate(from + i)) }),
    });
  // Each server's first second over HTTP (connections, compiled code) is not counted.
  await load(ours.url, 150_000, LOAD.warmupMs);
  await load(echoServed.url, 650_000, LOAD.warmupMs);
  const oursRuns: LoadResult[] = [];
  const echoRuns: LoadResult[] = [];
  for (let round = 0; round < LOAD.rounds; round++) {
    oursRuns.push(await load(ours.url, 200_000 + round * 100_000));
    echoRuns.push(await load(echoServed.url, 700_000 + round * 100_000));
  }
  const oursLoad = combinedLoad(oursRuns);
  const echoLoad = combinedLoad(echoRuns);
  const memoryAfterLoad = memory();
  await ours.close();
  await echoServed.close();
  client.close();

  const ratio = oursLoad.perSecond / echoLoad.perSecond;
  const lines = [
    "## Chat",
    "",
    `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. National sample dataset, built ` +
      `through the import and publishing code in ${(dataset.buildMs / 1000).toFixed(0)} s: ` +
      `${int(dataset.communes)} pre-reform communes × 6 years = ${int(dataset.published.results)} published ` +
      `results in ${int(dataset.published.scopes)} district publications, one file database in WAL mode ` +
      "(as `npm start` opens it).",
    "",
    "| measure | value | target |",
    "|---|---|---|",
    `| resolver index build over the national register (${int(resolver.size)} units) | ${ms(resolverBuildMs)} | |`,
    `| resolver latency, warm, ${int(resolve.count)} queries (no diacritics, with district, typo, NFD) | ${pcts(resolve)} | p99 ≤ 0.2 ms |`,
    `| \`/diem <xã> <huyện> <năm>\` through POST /webhook/telegram in process (secret, claim, chat service, reply sent to the loopback Bot API), ${int(diem.count)} updates one after another | ${pcts(diem)}; ${int(scoreCards)}/${int(sent.length)} replies are score cards | p99 ≤ 10 ms |`,
    `| the same webhook path with the chat service answering a prepared score card (the channel's own cost) | ${pcts(channelOnly)} | |`,
    `| \`/diem\` over loopback HTTP (@hono/node-server), ${LOAD.concurrency} in flight, after ${LOAD.warmupMs / 1000} s of warm-up, ${LOAD.rounds} runs of ${LOAD.durationMs / 1000} s alternating with the echo bot's | **${int(oursLoad.perSecond)} updates/s** (runs: ${oursRuns.map((run) => int(run.perSecond)).join(", ")}), p50 ${ms(oursLoad.p50)}, p99 ${ms(oursLoad.p99)}, ${oursLoad.failures} failed | |`,
    `| bare grammY echo bot (webhookCallback "hono"), same updates, same setup | ${int(echoLoad.perSecond)} updates/s (runs: ${echoRuns.map((run) => int(run.perSecond)).join(", ")}), p50 ${ms(echoLoad.p50)}, p99 ${ms(echoLoad.p99)}, ${echoLoad.failures} failed | |`,
    `| throughput, ours / echo bot | **${(ratio * 100).toFixed(0)}%** | ≥ 50% |`,
    `| memory of the service process (after GC): before opening the database / resolver built and warm / after the HTTP load | RSS ${mib(memoryAtStart.rss)} / ${mib(memoryWarm.rss)} / ${mib(memoryAfterLoad.rss)}; heap ${mib(memoryAtStart.heapUsed)} / ${mib(memoryWarm.heapUsed)} / ${mib(memoryAfterLoad.heapUsed)} | |`,
    "",
    "The service, the loopback Bot API test double and the load generator share one process, for both bots " +
      "alike: the ratio compares like with like, the absolute rates are below a dedicated server's.",
    "",
  ];
  console.log(lines.join("\n"));
} finally {
  await telegram.close();
  await rm(dir, { recursive: true, force: true });
}
