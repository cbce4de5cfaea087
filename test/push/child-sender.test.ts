/**
 * The sender as the product runs it: `npm run cli -- job run` in a child process, against a file
 * database and the loopback Bot API double in this process (whose receive times, taken on an event
 * loop the sender does not share, measure the pace). Killed with SIGKILL in the middle of a
 * broadcast and run again, it loses nobody and sends again at most the message in flight to a chat.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openEmbedded } from "../../src/db/open.ts";
import { PACING_MARGIN_MS } from "../../src/push/pacer.ts";
import { createStore, type Store } from "../../src/store/index.ts";
import { migrate } from "../../src/store/migrate.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";
import { unitInput } from "../support/databases.ts";
import {
  type FakeTelegramApi,
  type RecordedTelegramCall,
  startFakeTelegramApi,
} from "../support/fake-telegram-api.ts";

const MONDAY = "2024-03-18T07:00:00+07:00";
const KEY = "work-schedule:2024-W12";

let telegram: FakeTelegramApi;
let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  telegram = await startFakeTelegramApi();
  dir = await mkdtemp(join(tmpdir(), "cchc-child-sender-"));
});
afterAll(async () => {
  await telegram.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  telegram.reset();
});

/** A district with a week-12 schedule of `items` items, and `chats` private chats linked to it. */
async function database(
  name: string,
  chats: number,
  items: number,
): Promise<{ url: string; store: Store; close(): void }> {
  const url = `file:${join(dir, `${name}.db`)}`;
  const client = openEmbedded(url);
  await migrate(client, await readMigrations(), new Date());
  await client.execute("PRAGMA journal_mode = WAL");
  const store = createStore(client);
  const ctx = { now: new Date("2024-03-01T00:00:00Z"), actor: "test" };
  const district = await store.units.insert(
    unitInput({ code: "292", name: "Thị xã Kinh Môn", kind: "thị xã", level: "district" }),
    ctx,
  );
  await store.schedules.replaceWeek(
    district,
    { isoYear: 2024, isoWeek: 12 },
    Array.from({ length: items }, (_, i) => ({
      date: `2024-03-${String(18 + (i % 5)).padStart(2, "0")}`,
      startTime: `${String(7 + (Math.floor(i / 5) % 10)).padStart(2, "0")}:00`,
      endTime: null,
      title: `Cuộc họp số ${i + 1}: tổng hợp báo cáo cải cách hành chính quý I và kế hoạch quý II`,
      location: "Phòng họp số 1, UBND thị xã",
      participants: "Chủ tịch, các Phó Chủ tịch UBND thị xã, trưởng các phòng chuyên môn",
      source: "test",
      sample: true,
    })),
    ctx,
  );
  for (let i = 0; i < chats; i++) {
    const chat = await store.chats.touch(
      { platform: "telegram", chatId: String(810_000 + i), type: "private", title: null },
      ctx,
    );
    await store.subscriptions.set(chat.id, district, "chair", ctx);
  }
  return { url, store, close: () => client.close() };
}

function jobRun(
  url: string,
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<{ code: number | null; out: string; err: string }> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "job", "run", "work-schedule", "--at", MONDAY, "--url", url],
    {
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        OUTBOX_LEASE_SECONDS: "1",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    child.on("exit", (code) => resolve({ code, out, err }));
  });
  return { child, done };
}

const delivered = (): RecordedTelegramCall[] =>
  telegram.callsTo("sendMessage").filter((c) => c.status === 200);

function perChat(calls: readonly RecordedTelegramCall[]): Map<string, RecordedTelegramCall[]> {
  const byChat = new Map<string, RecordedTelegramCall[]>();
  for (const call of calls) {
    const chat = String(call.params.chat_id);
    byChat.set(chat, [...(byChat.get(chat) ?? []), call]);
  }
  return byChat;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("the sender in a child process", () => {
  it("killed with SIGKILL mid-broadcast and run again: nobody lost, at most the message in flight sent twice", async () => {
    const chats = 200;
    const db = await database("crash", chats, 3);
    try {
      const first = jobRun(db.url, { TELEGRAM_MAX_PER_SECOND: "60" });
      await until(() => delivered().length >= 60, 30_000);
      first.child.kill("SIGKILL");
      await first.done;
      const atKill = delivered().length;
      expect(atKill).toBeLessThan(chats);
      const left = await db.store.outbox.counts([KEY]);
      expect(left.sending).toBeGreaterThan(0); // it did die with deliveries in flight

      const second = jobRun(db.url, { TELEGRAM_MAX_PER_SECOND: "0" });
      const { code, out } = await second.done;
      expect(code).toBe(0);
      expect(out).toContain("thêm 0 tin vào hàng đợi"); // the period was claimed by the first run
      expect(out).toContain(`Kết quả gửi: đã gửi ${chats}/${chats}.`);

      const byChat = perChat(delivered());
      expect(byChat.size).toBe(chats); // nobody lost
      const twice = [...byChat.values()].filter((calls) => calls.length > 1);
      expect(twice.every((calls) => calls.length === 2)).toBe(true); // at most one duplicate a chat
      expect(twice.length).toBeLessThanOrEqual(left.sending); // only what was in flight at the kill
      expect(await db.store.outbox.counts([KEY])).toMatchObject({ sent: chats, pending: 0, sending: 0 });
    } finally {
      db.close();
    }
  }, 90_000);

  it("keeps the limits, measured from the Bot API's receive times: the overall rate and one message a second per chat", async () => {
    const perSecond = 20;
    const db = await database("pace", 30, 60); // a 60-item week: each chat gets it in several parts
    try {
      const { done } = jobRun(db.url, { TELEGRAM_MAX_PER_SECOND: String(perSecond) });
      const { code, out } = await done;
      expect(code).toBe(0);
      expect(out).toContain("Kết quả gửi: đã gửi 30/30.");
      const calls = delivered();
      const byChat = perChat(calls);
      expect(byChat.size).toBe(30);
      expect(Math.min(...[...byChat.values()].map((c) => c.length))).toBeGreaterThan(1);

      const times = calls.map((call) => call.at).sort((a, b) => a - b);
      let busiest = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= 1000) j++;
        busiest = Math.max(busiest, i - j + 1);
      }
      expect(busiest).toBeLessThanOrEqual(perSecond);
      for (const chatCalls of byChat.values()) {
        const at = chatCalls.map((call) => call.at).sort((a, b) => a - b);
        for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(1000);
      }
      // And not needlessly slow: the whole broadcast at no less than 80% of the allowed rate.
      const seconds = (times.at(-1)! - times[0]!) / 1000;
      expect(times.length / seconds).toBeGreaterThan(0.8 * perSecond * (1000 / (1000 + PACING_MARGIN_MS)));
    } finally {
      db.close();
    }
  }, 90_000);
});
