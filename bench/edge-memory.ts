/**
 * Memory probe of the Worker without wrangler's dev proxy and inspector (`node --import tsx
 * bench/edge-memory.ts [path] [requests]`): the dry-run bundle in plain Miniflare (workerd) over the
 * loopback Hrana test server on a demo-seeded file, `path` asked `requests` times (default 4,000; "/diem"
 * posts the score card command to the Telegram webhook), printing every 1,000 the isolate's heap in use
 * (over the DevTools protocol) and the workerd process's resident memory: the runtime's growth told from
 * the app's. Not run by `npm run bench`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { Miniflare } from "miniflare";
import { WebSocket } from "undici";
import { bootstrapEmbedded } from "../src/bootstrap.ts";
import { startFakeTelegramApi } from "../test/support/fake-telegram-api.ts";
import { startHranaServer } from "../test/support/hrana-server.ts";

const path = process.argv[2] ?? "/health";
const requests = Number(process.argv[3] ?? 4000);
const INSPECTOR_PORT = 9400 + (process.pid % 500);

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
const telegram = await startFakeTelegramApi();
const SECRET = "bench-telegram-secret";
const mf = new Miniflare({
  modules: true,
  scriptPath: join(out, "worker.js"),
  modulesRoot: out,
  compatibilityDate: "2026-04-01",
  bindings: {
    LIBSQL_URL: hrana.url,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_BOT_INFO: JSON.stringify(telegram.botInfo),
    TELEGRAM_API_ROOT: telegram.apiRoot,
  },
  inspectorPort: INSPECTOR_PORT,
});

/** The isolate's own heap in use (garbage not yet collected included), asked over the DevTools protocol. */
async function isolateHeap(): Promise<number> {
  const targets = (await (await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(targets[0]?.webSocketDebuggerUrl ?? "");
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let id = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const mine = ++id;
      socket.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, unknown> };
        if (message.id === mine) resolve(message.result ?? {});
      };
      socket.send(JSON.stringify({ id: mine, method }));
    });
  const usage = await call("Runtime.getHeapUsage");
  socket.close();
  return Number(usage.usedSize);
}
try {
  await mf.ready;
  for (let i = 0; i <= requests; i++) {
    // "/diem": the score card through the Telegram webhook, from 20 chats in turn.
    const response =
      path === "/diem"
        ? await mf.dispatchFetch("http://cchc.example/webhook/telegram", {
            method: "POST",
            headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
            body: JSON.stringify({
              update_id: i + 1,
              message: {
                message_id: i + 1,
                date: 1_710_900_000,
                chat: { id: 100_000 + (i % 20), type: "private", first_name: "Chủ tịch" },
                from: { id: 100_000 + (i % 20), is_bot: false, first_name: "Chủ tịch" },
                text: "/diem Tân Hồng Bình Giang 2022",
              },
            }),
          })
        : await mf.dispatchFetch(`http://cchc.example${path}`);
    await response.text();
    if (i % 1000 === 0) {
      const heap = await isolateHeap();
      const rss = workerdRss();
      console.log(
        `${i} requests: isolate heap ${(heap / 2 ** 20).toFixed(1)} MiB, workerd RSS ${Math.round(rss / 2 ** 20)} MiB (${response.status})`,
      );
    }
  }
} finally {
  await mf.dispose();
  await hrana.close();
  await telegram.close();
  rmSync(out, { recursive: true, force: true });
}
