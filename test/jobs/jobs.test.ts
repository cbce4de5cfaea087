/**
 * The three jobs over the demo data (the five articles' figures), queued in a real libSQL database
 * and delivered by the real sender through grammY to the loopback Bot API double: who gets what, once
 * per period however often the job is triggered, held for quiet hours and office hours, skipped when
 * turned off, followed by a delivery summary or a schedule update.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { textInput } from "../../src/imports/records.ts";
import { runImport } from "../../src/imports/run-import.ts";
import { type JobDeps, jobNamed, queueSummaries, runJob, scheduleChanged } from "../../src/jobs/index.ts";
import { unpublishScope } from "../../src/publishing/index.ts";
import { DEFAULT_OFFICE_HOURS } from "../../src/push/delivery-window.ts";
import type { Sender } from "../../src/push/sender.ts";
import { createResolver, type Resolver } from "../../src/resolve/index.ts";
import type { Role } from "../../src/store/index.ts";
import { type ChatDatabase, openDemoDatabase } from "../support/chat-database.ts";
import { type FakeTelegramApi, startFakeTelegramApi } from "../support/fake-telegram-api.ts";
import { settled, startSender, telegramTestPort } from "../support/push.ts";

let db: ChatDatabase;
let telegram: FakeTelegramApi;
let resolver: Resolver;
let deps: JobDeps;
let sender: Sender | null = null;
let nextChat = 5000;

beforeAll(async () => {
  db = await openDemoDatabase();
  telegram = await startFakeTelegramApi();
  resolver = createResolver(await db.store.units.listResolvable());
  deps = { store: db.store, resolver: async () => resolver, office: DEFAULT_OFFICE_HOURS };
}, 60_000);
afterAll(async () => {
  db.close();
  await telegram.close();
});
beforeEach(async () => {
  telegram.reset();
  // Each test starts with no chat linked and nothing queued (the demo data stays).
  await db.client.batch(["DELETE FROM outbox", "DELETE FROM notices", "DELETE FROM subscriptions"], "write");
});
afterEach(async () => {
  await sender?.stop();
  sender = null;
});

function unitId(text: string, year: number, levels?: ("commune" | "district" | "province")[]): number {
  const found = resolver.resolve(text, { year, ...(levels ? { levels } : {}) });
  if (found.kind !== "unit") throw new Error(`no one unit named ${text}`);
  return found.unit.id;
}

async function linked(unit: number, role: Role = "chair", chatId = String(nextChat++)) {
  const ctx = { now: new Date("2024-01-01T00:00:00Z"), actor: "test" };
  const chat = await db.store.chats.touch(
    { platform: "telegram", chatId, type: "private", title: null },
    ctx,
  );
  await db.store.subscriptions.set(chat.id, unit, role, ctx);
  return chat;
}

function textsTo(chatId: string): string[] {
  return telegram
    .callsTo("sendMessage")
    .filter((call) => call.status === 200 && String(call.params.chat_id) === chatId)
    .map((call) => String(call.params.text));
}

function send(clock: () => Date) {
  sender = startSender(
    { client: db.client, store: db.store, logs: [], log: silent() },
    [telegramTestPort(telegram)],
    {
      clock,
      afterSettled: async (keys) => {
        if ((await queueSummaries(deps, keys, clock())).length > 0) sender?.wake();
      },
    },
  );
  return sender;
}

function silent() {
  return { info() {}, warn() {}, error() {} };
}

const MONDAY_0700 = new Date("2024-03-18T00:00:00Z");

describe("work-schedule", () => {
  it("sends the week's schedule of the nearest scope to each linked chat, once however often triggered", async () => {
    const officer = await linked(unitId("Kinh Môn", 2024, ["district"]), "officer");
    const anSinh = await linked(unitId("An Sinh Kinh Môn", 2024));
    const tanHong = await linked(unitId("Tân Hồng Bình Giang", 2024));
    const job = jobNamed("work-schedule");
    const request = { at: MONDAY_0700, scopeCode: null, year: null, trigger: "cron" };
    // Two triggers at once (node-cron and a Cron Trigger), then a third by hand.
    const [first, second] = await Promise.all([runJob(deps, job, request), runJob(deps, job, request)]);
    const third = await runJob(deps, job, { ...request, trigger: "cli" });
    expect([first, second, third].map((run) => run.queued?.added).sort()).toEqual([0, 0, 2]);
    expect(first.plan.notice.key).toBe("work-schedule:2024-W12");

    send(() => MONDAY_0700);
    await settled(db.store, ["work-schedule:2024-W12"]);
    for (const chat of [officer, anSinh]) {
      const texts = textsTo(chat.chatId);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain("<b>Lịch làm việc tuần 12 (18/03–24/03/2024)</b>");
      expect(texts[0]).toContain("Thị xã Kinh Môn, Tỉnh Hải Dương");
      expect(texts[0]).toContain("Họp Ban Chỉ đạo cải cách hành chính thị xã");
    }
    expect(textsTo(tanHong.chatId)).toEqual([]);
  });

  it("holds a notice for quiet hours and office hours, and sends it when the window opens; skips one turned off", async () => {
    const kinhMon = unitId("Kinh Môn", 2024, ["district"]);
    const early = await linked(kinhMon);
    await db.store.chats.setQuietHours(
      early.id,
      { start: "06:00", end: "08:00" },
      { now: MONDAY_0700, actor: "t" },
    );
    const off = await linked(kinhMon);
    await db.store.chats.setOptOuts(off.id, ["weekly-schedule"], { now: MONDAY_0700, actor: "t" });
    // Week 11's notice runs late, Monday 21:00: outside office hours, so held to Tuesday 07:00.
    const late = new Date("2024-03-11T14:00:00Z");
    const plain = await linked(kinhMon);
    const run = await runJob(deps, jobNamed("work-schedule"), {
      at: late,
      scopeCode: null,
      year: null,
      trigger: "cli",
    });
    const byChat = new Map(run.plan.deliveries.map((d) => [d.recipient.chatRef, d.delivery]));
    expect(byChat.get(off.id)?.state).toBe("skipped");
    expect(byChat.get(plain.id)).toMatchObject({
      state: "held",
      notBefore: new Date("2024-03-12T00:00:00Z"),
    });
    // Quiet until 08:00 on Tuesday as well.
    expect(byChat.get(early.id)).toMatchObject({
      state: "held",
      notBefore: new Date("2024-03-12T01:00:00Z"),
    });

    let now = new Date("2024-03-11T14:00:00Z");
    send(() => now);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(textsTo(plain.chatId)).toEqual([]);
    now = new Date("2024-03-12T00:00:30Z"); // Tuesday 07:00:30
    await waitFor(() => textsTo(plain.chatId).length === 1);
    expect(textsTo(early.chatId)).toEqual([]);
    now = new Date("2024-03-12T01:00:00Z"); // 08:00
    await waitFor(() => textsTo(early.chatId).length === 1);
    expect(textsTo(plain.chatId)[0]).toContain("Lịch làm việc tuần 11 (11/03–17/03/2024)");
    expect(textsTo(off.chatId)).toEqual([]);
  });

  it("follows a changed schedule with one update to the chats that had it, with what was added and dropped", async () => {
    const kinhMon = unitId("Kinh Môn", 2024, ["district"]);
    const chat = await linked(kinhMon);
    let now = new Date("2024-03-04T00:00:00Z"); // Monday of week 10
    await runJob(deps, jobNamed("work-schedule"), { at: now, scopeCode: null, year: null, trigger: "cron" });
    send(() => now);
    await settled(db.store, ["work-schedule:2024-W10"]);
    expect(textsTo(chat.chatId)).toHaveLength(1);

    now = new Date("2024-03-06T02:00:00Z");
    const wednesday = { now, actor: "test" };
    const file = [
      "scope_code,date,start_time,end_time,title,location,participants,week",
      "292,2024-03-07,08:00,10:00,Họp bất thường về hồ sơ trễ hạn,Phòng họp số 1,Chủ tịch UBND thị xã,2024-W10",
    ].join("\n");
    const keys: string[] = [];
    const run = () =>
      runImport(
        db.store,
        {
          kind: "schedule",
          input: textInput("tuan-10.csv", file),
          hooks: {
            async scheduleChanged(repos, change, ctx) {
              const result = await scheduleChanged(repos, deps, change, ctx);
              if (result.updateKey) keys.push(result.updateKey);
            },
          },
        },
        wednesday,
      );
    await run();
    await run(); // the same file again changes nothing and sends nothing
    expect(keys).toHaveLength(1);
    sender?.wake();
    await settled(db.store, keys);
    const texts = textsTo(chat.chatId);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain("<b>Cập nhật lịch làm việc tuần 10 (04/03–10/03/2024)</b>");
    expect(texts[1]).toContain("• 07/03 08:00–10:00 Họp bất thường về hồ sơ trễ hạn");
    expect(texts[1]).toContain("<b>Bỏ:</b>");
  });
});

describe("result-announcement", () => {
  it("sends each unit its card, the officers the ranking and then a delivery summary; stamps the publication", async () => {
    const giaLoc = unitId("Gia Lộc", 2022, ["district"]);
    const officer = await linked(giaLoc, "officer");
    const thongNhat = await linked(unitId("Thống Nhất Gia Lộc", 2022));
    const blocked = await linked(unitId("Gia Tân Gia Lộc", 2022));
    telegram.failChat(Number(blocked.chatId), { status: 403 });
    const gialocCode = (await db.store.units.get(giaLoc))!.code;
    const run = await runJob(deps, jobNamed("result-announcement"), {
      at: new Date("2023-02-20T02:00:00Z"),
      scopeCode: gialocCode,
      year: 2022,
      trigger: "publish",
    });
    expect(run.queued).toEqual({ created: true, added: 3 });
    send(() => new Date("2023-02-20T02:00:00Z"));
    const key = run.plan.notice.key;
    await waitFor(async () => (await db.store.outbox.notice(`${key}:summary`)) !== null);
    await settled(db.store, [key, `${key}:summary`]);

    const card = textsTo(thongNhat.chatId);
    expect(card).toHaveLength(1);
    expect(card[0]).toContain("📢 Đã công bố kết quả Chỉ số CCHC năm 2022");
    expect(card[0]).toContain("Xã Thống Nhất");
    expect(card[0]).toContain("87,49%");
    const toOfficer = textsTo(officer.chatId);
    expect(toOfficer).toHaveLength(2);
    expect(toOfficer[0]).toContain("Thống Nhất");
    expect(toOfficer[1]).toContain("Đã gửi 1/2 cuộc trò chuyện của các đơn vị, 1 bị chặn.");
    expect(toOfficer[1]).toContain("• Xã Gia Tân: đã chặn bot");
    expect((await db.store.chats.get("telegram", blocked.chatId))?.status).toBe("blocked");

    const publication = await db.store.publications.get(giaLoc, 2022);
    expect(publication?.announcedAt).not.toBeNull();
    const refused = await db.store
      .transaction((repos) =>
        unpublishScope(repos, { scopeCode: gialocCode, year: 2022 }, { now: new Date(), actor: "t" }),
      )
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "ANNOUNCED" });
  });

  it("refuses a scope and year that were not published", async () => {
    const error = await runJob(deps, jobNamed("result-announcement"), {
      at: new Date(),
      scopeCode: "297",
      year: 2023,
      trigger: "cli",
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "NOT_PUBLISHED",
      message: "Kết quả năm 2023 của Huyện Gia Lộc chưa được công bố.",
    });
  });
});

describe("late-cases", () => {
  it("reminds a unit with a late case, saying unknown for what was not published; its officers get the digest", async () => {
    const bacAn = await linked(unitId("Bắc An Chí Linh", 2023));
    const chiLinh = await linked(unitId("Chí Linh", 2023, ["district"]), "officer");
    const tanHong = await linked(unitId("Tân Hồng Bình Giang", 2023));
    const friday = new Date("2023-12-08T08:00:00Z"); // 15:00
    const run = await runJob(deps, jobNamed("late-cases"), {
      at: friday,
      scopeCode: null,
      year: null,
      trigger: "cron",
    });
    expect(run.plan.notice.key).toBe("late-cases:2023-W49");
    send(() => friday);
    await settled(db.store, [run.plan.notice.key]);

    const [reminder] = textsTo(bacAn.chatId);
    expect(reminder).toContain("⏰ Nhắc hồ sơ TTHC trễ hạn — tuần 49 (04/12–10/12/2023)");
    expect(reminder).toContain("• Trễ hạn: 1");
    expect(reminder).toContain("Tỷ lệ đúng hạn: <b>99,9%</b> ✅ đạt mục tiêu ≥ 95%");
    expect(reminder).toContain("Thư xin lỗi: chưa công bố (1 hồ sơ trễ hạn cần thư xin lỗi)");
    expect(reminder).not.toMatch(/Thư xin lỗi: 0/);
    expect(reminder).toContain("So với kỳ trước (01/01/2022–02/12/2022)");
    expect(reminder).toContain("(kỳ trước là dữ liệu minh họa)");
    const [digest] = textsTo(chiLinh.chatId);
    expect(digest).toContain("Có hồ sơ trễ hạn (1): Xã Bắc An (1 giải quyết trễ hạn).");
    expect(digest).toMatch(/Chưa có số liệu tuần này \(\d+\): /);
    // Nothing late (and no figures this week): nothing.
    expect(textsTo(tanHong.chatId)).toEqual([]);
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
