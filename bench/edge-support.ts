/** What the edge benchmarks share: the Worker's fixtures, a /diem update, workerd's memory. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { bootstrapEmbedded } from "../src/bootstrap.ts";
import { startFakeTelegramApi } from "../test/support/fake-telegram-api.ts";
import { startHranaServer } from "../test/support/hrana-server.ts";

export const BENCH_SECRET = "bench-telegram-secret";

/**
 * A demo-seeded file database in `dir` behind the loopback Hrana test server, the loopback Telegram Bot
 * API double, and the Worker's bindings for both.
 */
export async function edgeFixtures(dir: string, now = new Date()) {
  const path = join(dir, "demo.db");
  const seeding = createClient({ url: `file:${path}` });
  await bootstrapEmbedded(seeding, { now });
  seeding.close();
  const hrana = await startHranaServer({ path });
  const telegram = await startFakeTelegramApi();
  const bindings = {
    LIBSQL_URL: hrana.url,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET,
    TELEGRAM_BOT_INFO: JSON.stringify(telegram.botInfo),
    TELEGRAM_API_ROOT: telegram.apiRoot,
  };
  return {
    hrana,
    telegram,
    bindings,
    async close() {
      await hrana.close();
      await telegram.close();
    },
  };
}

/** POST /webhook/telegram of `/diem Tân Hồng Bình Giang 2022` from a private chat. */
export function diemRequest(
  updateId: number,
  chatId: number,
): { method: "POST"; headers: Record<string, string>; body: string } {
  return {
    method: "POST" as const,
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": BENCH_SECRET },
    body: JSON.stringify({
      update_id: updateId,
      message: {
        message_id: updateId,
        date: 1_710_900_000,
        chat: { id: chatId, type: "private", first_name: "Chủ tịch" },
        from: { id: chatId, is_bot: false, first_name: "Chủ tịch" },
        text: "/diem Tân Hồng Bình Giang 2022",
      },
    }),
  };
}

/** The workerd processes started under this one (pid and resident KiB), from `ps`. */
export function workerdProcesses(): { pid: number; rssKib: number }[] {
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
    .map((r) => ({ pid: r.pid, rssKib: r.rss }));
}

/** Resident memory of the workerd processes started under this one. */
export function workerdRss(): number {
  return workerdProcesses().reduce((sum, r) => sum + r.rssKib * 1024, 0);
}
