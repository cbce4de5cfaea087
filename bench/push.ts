/**
 * Push benchmark (run by `npm run bench`, or alone: `node --import tsx --expose-gc bench/push.ts`): the
 * outbox's sender, as `npm start` runs it (a file database in WAL mode, grammY's Api), delivering one
 * notice to many Telegram chats through the loopback Bot API test double, which runs in a process of
 * its own (bench/bot-api-process.ts) so that its receive times and CPU are not the sender's.
 * - Paced: 1,000 recipients at 30 messages a second, without faults and with 5% of the calls refused
 *   (429 with retry_after 1 s, or 500): the rate achieved from the Bot API's receive times, lost and
 *   duplicated messages.
 * - Ceiling: 10,000 recipients with no limit: messages a second, the sender's CPU and its database
 *   writes per 1,000 messages.
 * Prints a Markdown section for BENCHMARKS.md.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@libsql/client";
import { Api } from "grammy";
import { reply } from "../commands/reply.ts";
import { telegramPort } from "../src/channels/telegram/port.ts";
import { openDatabase } from "../src/db/open.ts";
import { useWriteAheadLog } from "../src/db/pragmas.ts";
import { silentLog } from "../src/log.ts";
import type { PacingLimits } from "../src/push/pacer.ts";
import { createSender } from "../src/push/sender.ts";
import { createStore, type Store } from "../src/store/index.ts";
import { migrate } from "../src/store/migrate.ts";
import { readMigrations } from "../src/store/migrations-fs.ts";

interface Call {
  at: number;
  chat: string;
  status: number;
}

const BODY = (() => {
  const built = reply()
    .line("Lịch làm việc tuần 12 (18/03–24/03/2024)")
    .line("Thị xã Kinh Môn, Tỉnh Hải Dương");
  for (let i = 0; i < 8; i++) built.line(`• 08:00–09:30 Giao ban lãnh đạo UBND, nội dung số ${i + 1}`);
  return built.build();
})();

async function botApi(chaos: number): Promise<{ child: ChildProcess; apiRoot: string; token: string }> {
  const child = fork("bench/bot-api-process.ts", [String(chaos)], { execArgv: ["--import", "tsx"] });
  const ready = await new Promise<{ apiRoot: string; token: string }>((resolve) =>
    child.once("message", (message) => resolve(message as { apiRoot: string; token: string })),
  );
  return { child, ...ready };
}

async function report(child: ChildProcess): Promise<Call[]> {
  const calls = new Promise<Call[]>((resolve) =>
    child.once("message", (message) => resolve((message as { calls: Call[] }).calls)),
  );
  child.send("report");
  const result = await calls;
  child.send("stop");
  return result;
}

/** Counts what reaches the driver: write batches (each one commit) and the statements in them. */
function counted(client: Client): { client: Client; commits: () => number; statements: () => number } {
  let commits = 0;
  let statements = 0;
  const proxy = new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === "batch" && typeof value === "function") {
        return (stmts: unknown[], mode?: unknown) => {
          commits++;
          statements += stmts.length;
          return Reflect.apply(value, target, [stmts, mode]);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { client: proxy, commits: () => commits, statements: () => statements };
}

async function database(dir: string, name: string, chats: number) {
  const raw = await openDatabase({ url: `file:${join(dir, `${name}.db`)}` });
  await useWriteAheadLog(raw);
  await migrate(raw, await readMigrations(), new Date());
  const store = createStore(raw);
  const ctx = { now: new Date(), actor: "bench" };
  await raw.execute({
    sql:
      "INSERT INTO chats (platform, chat_id, type, created_at, updated_at) " +
      "SELECT 'telegram', CAST(900000 + value AS TEXT), 'private', ?1, ?1 FROM generate_series(1, ?2)",
    args: [ctx.now.toISOString(), chats],
  });
  const refs = (await raw.execute("SELECT id FROM chats ORDER BY id")).rows.map((row) => Number(row.id));
  await store.outbox.enqueue(
    {
      key: "bench",
      job: "bench",
      title: "bench",
      scopeUnitId: null,
      parentKey: null,
      summarize: false,
      runAt: ctx.now,
      trigger: "bench",
    },
    refs.map((chatRef) => ({
      chatRef,
      platform: "telegram",
      subjectUnitId: null,
      optOutKey: null,
      body: BODY,
      state: "pending",
      notBefore: ctx.now,
    })),
    ctx,
  );
  return raw;
}

async function settled(store: Store): Promise<void> {
  for (;;) {
    const counts = await store.outbox.counts(["bench"]);
    if (counts.pending + counts.sending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Outcome {
  delivered: number;
  lost: number;
  duplicates: number;
  refused: number;
  perSecond: number;
  seconds: number;
  cpuMsPer1000: number;
  commitsPer1000: number;
  statementsPer1000: number;
}

async function run(
  dir: string,
  name: string,
  chats: number,
  limits: PacingLimits,
  chaos: number,
): Promise<Outcome> {
  const raw = await database(dir, name, chats);
  const db = counted(raw);
  const store = createStore(db.client);
  const api = await botApi(chaos);
  const sender = createSender({
    store,
    ports: [telegramPort(new Api(api.token, { apiRoot: api.apiRoot, timeoutSeconds: 10 }))],
    limits: { telegram: limits },
    clock: () => new Date(),
    log: silentLog,
    pollMs: 50,
  });
  const cpu = process.cpuUsage();
  sender.start();
  await settled(store);
  const used = process.cpuUsage(cpu);
  await sender.stop();
  const calls = await report(api.child);
  raw.close();
  const ok = calls.filter((call) => call.status === 200);
  const byChat = new Map<string, number>();
  for (const call of ok) byChat.set(call.chat, (byChat.get(call.chat) ?? 0) + 1);
  const times = ok.map((call) => call.at).sort((a, b) => a - b);
  const seconds = (times.at(-1)! - times[0]!) / 1000;
  const per1000 = (n: number) => (n / ok.length) * 1000;
  return {
    delivered: ok.length,
    lost: chats - byChat.size,
    duplicates: [...byChat.values()].reduce((sum, n) => sum + n - 1, 0),
    refused: calls.length - ok.length,
    perSecond: ok.length / seconds,
    seconds,
    cpuMsPer1000: per1000((used.user + used.system) / 1000),
    commitsPer1000: per1000(db.commits()),
    statementsPer1000: per1000(db.statements()),
  };
}

const dir = await mkdtemp(join(tmpdir(), "cchc-bench-push-"));
try {
  const paced: PacingLimits = { perSecond: 30, chatIntervalMs: 1000, groupPerMinute: 20 };
  const clean = await run(dir, "paced", 1000, paced, 0);
  const faulty = await run(dir, "faults", 1000, paced, 0.05);
  const ceiling = await run(
    dir,
    "ceiling",
    10_000,
    { perSecond: 0, chatIntervalMs: 0, groupPerMinute: 0 },
    0,
  );
  const f = (n: number, d = 1) =>
    n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
  const line = (label: string, o: Outcome, target: string) =>
    `| ${label} | ${f(o.delivered, 0)} delivered in ${f(o.seconds)} s = **${f(o.perSecond)}/s** (${f((o.perSecond / 30) * 100)} % of 30); ${o.refused} refused and retried; lost ${o.lost}, duplicates ${o.duplicates} | ${target} |`;
  console.log("## Push\n");
  console.log("| measure | value | target |");
  console.log("|---|---|---|");
  console.log(
    line("paced, 1,000 chats at TELEGRAM_MAX_PER_SECOND=30", clean, "≥ 95 % of 30, 0 lost, 0 duplicates"),
  );
  console.log(
    line(
      "the same with 5 % of calls refused (429 retry_after 1 s, or 500)",
      faulty,
      "≥ 90 % of 30, 0 lost, 0 duplicates",
    ),
  );
  console.log(
    `| ceiling, 10,000 chats, no limit | **${f(ceiling.perSecond, 0)} messages/s** over ${f(ceiling.seconds)} s; lost ${ceiling.lost}, duplicates ${ceiling.duplicates} | ≥ 1,000/s |`,
  );
  console.log(
    `| the sender's cost per 1,000 messages (ceiling run) | ${f(ceiling.cpuMsPer1000, 0)} ms CPU; ${f(ceiling.statementsPer1000, 0)} write statements in ${f(ceiling.commitsPer1000, 0)} commits | |`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
