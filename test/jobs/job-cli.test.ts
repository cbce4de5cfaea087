/**
 * The push verbs in-process (`job list`, `job run`, `notices status`) over a file database with the
 * demo data, Telegram configured to the loopback Bot API double: a run queues, delivers (the delivery
 * summary included) and prints what happened; a dry run writes nothing; the status shows each recipient.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapEmbedded } from "../../src/bootstrap.ts";
import { runCli } from "../../src/cli/dispatch.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { createResolver } from "../../src/resolve/index.ts";
import { createStore } from "../../src/store/index.ts";
import { type FakeTelegramApi, startFakeTelegramApi } from "../support/fake-telegram-api.ts";

let dir: string;
let url: string;
let telegram: FakeTelegramApi;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cchc-job-cli-"));
  url = `file:${join(dir, "cchc.db")}`;
  telegram = await startFakeTelegramApi();
  const client = openEmbedded(url);
  await bootstrapEmbedded(client, { now: new Date() });
  const store = createStore(client);
  const resolver = createResolver(await store.units.listResolvable());
  const ctx = { now: new Date(), actor: "test" };
  const link = async (
    chatId: string,
    text: string,
    levels: ("commune" | "district")[],
    role: "chair" | "officer",
  ) => {
    const found = resolver.resolve(text, { year: 2022, levels });
    if (found.kind !== "unit") throw new Error(text);
    const chat = await store.chats.touch({ platform: "telegram", chatId, type: "private", title: null }, ctx);
    await store.subscriptions.set(chat.id, found.unit.id, role, ctx);
  };
  await link("3001", "Thống Nhất Gia Lộc", ["commune"], "chair");
  await link("3002", "Đức Xương Gia Lộc", ["commune"], "chair");
  await link("3003", "Gia Lộc", ["district"], "officer");
  client.close();
  Object.assign(process.env, { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot });
  delete process.env.TELEGRAM_WEBHOOK_SECRET;
}, 60_000);

afterAll(async () => {
  process.env = saved;
  await telegram.close();
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli([...argv, "--url", url], io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

describe("job and notices verbs", () => {
  it("lists the jobs with their schedules in Vietnam time and next runs", async () => {
    const io = memoryIo();
    expect(await runCli(["job", "list"], io)).toBe(0);
    const out = io.stdout.join("\n");
    expect(out).toContain("work-schedule — Lịch làm việc của tuần");
    expect(out).toContain("Lịch: 07:00 thứ Hai hằng tuần (0 7 * * 1)");
    expect(out).toContain("Lịch: 15:00 thứ Sáu hằng tuần (0 15 * * 5)");
    expect(out).toMatch(/Lần chạy tới: \d{2}\/\d{2}\/\d{4} 07:00, \d{2}\/\d{2}\/\d{4} 07:00/);
  });

  it("dry-runs a result announcement: who would get what, nothing written or sent", async () => {
    const { code, out } = await cli(
      "job",
      "run",
      "result-announcement",
      "--scope",
      "297",
      "--year",
      "2022",
      "--dry-run",
    );
    expect(code).toBe(0);
    expect(out).toContain("Kết quả Chỉ số CCHC năm 2022 — Huyện Gia Lộc");
    expect(out).toContain("telegram:3003 — bảng xếp hạng Huyện Gia Lộc — gửi ngay");
    expect(out).toContain("📢 Đã công bố kết quả Chỉ số CCHC năm 2022");
    expect(telegram.calls).toEqual([]);
    expect((await cli("notices", "status")).out).toBe("Chưa có thông báo nào.");
  });

  it("runs it: cards, ranking and the delivery summary delivered before it returns", async () => {
    const { code, out } = await cli(
      "job",
      "run",
      "result-announcement",
      "--scope",
      "297",
      "--year",
      "2022",
      "--at",
      "2023-03-20T09:00",
    );
    expect(code).toBe(0);
    expect(out).toMatch(/result-announcement lúc 20\/03\/2023 09:00 .*thêm 3 tin vào hàng đợi\./);
    expect(out).toContain("Kết quả gửi: đã gửi 4/4.");
    const toOfficer = telegram
      .callsTo("sendMessage")
      .filter((call) => call.status === 200 && call.params.chat_id === 3003)
      .map((call) => String(call.params.text));
    expect(toOfficer).toHaveLength(2);
    expect(toOfficer[1]).toContain("Đã gửi 2/2 cuộc trò chuyện của các đơn vị.");

    const again = await cli("job", "run", "result-announcement", "--scope", "297", "--year", "2022");
    expect(again.out).toContain("đã chạy trước đó cho kỳ này; thêm 0 tin vào hàng đợi.");
    expect(telegram.callsTo("sendMessage")).toHaveLength(4);
  });

  it("shows the notices, then one notice per recipient, also as JSON", async () => {
    const list = await cli("notices", "status");
    expect(list.out).toMatch(/^result-announcement:2022:\d+:summary — Kết quả gửi: /m);
    const key = /^(result-announcement:2022:\d+) —/m.exec(list.out)?.[1];
    expect(key).toBeDefined();
    const one = await cli("notices", "status", key!);
    expect(one.out).toContain("đã gửi 3/3");
    expect(one.out).toMatch(/telegram:3001 — Xã Thống Nhất: đã gửi lúc 20\/03\/2023 09:00/);
    const json = JSON.parse((await cli("notices", "status", key!, "--json")).out);
    expect(json.counts.sent).toBe(3);
    expect(json.deliveries).toHaveLength(3);
    const unknown = await cli("notices", "status", "work-schedule:1999-W01");
    expect(unknown.code).toBe(2);
  });

  it("refuses an unknown job, a bad --at and a missing scope, with exit 2", async () => {
    const unknown = await cli("job", "run", "weekly-digest");
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.err).toContain('Không có tác vụ "weekly-digest"');
    expect((await cli("job", "run", "work-schedule", "--at", "thứ hai")).code).toBe(2);
    const scope = await cli("job", "run", "result-announcement", "--year", "2022");
    expect(scope).toMatchObject({ code: 2, err: "Cần --scope <mã huyện hoặc tỉnh>." });
  });
});
