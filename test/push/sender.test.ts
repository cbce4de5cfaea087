/**
 * The outbox's sender against the loopback Bot API doubles, on a real libSQL database: every active
 * recipient gets exactly one message whatever the Bot API answers (429 with retry_after, 500,
 * timeouts, dropped connections, 403, a group's move to a supergroup), each chat in order.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { replyText } from "../../commands/reply.ts";
import type { SendPort } from "../../src/push/port.ts";
import type { Sender } from "../../src/push/sender.ts";
import { createStore } from "../../src/store/index.ts";
import { type FakeTelegramApi, startFakeTelegramApi } from "../support/fake-telegram-api.ts";
import { type FakeZaloApi, startFakeZaloApi } from "../support/fake-zalo-api.ts";
import {
  addChats,
  openPushDatabase,
  type PushDatabase,
  queueNotice,
  settled,
  startSender,
  telegramTestPort,
  webPort,
  zaloTestPort,
} from "../support/push.ts";

let telegram: FakeTelegramApi;
let zalo: FakeZaloApi;
let db: PushDatabase;
let sender: Sender | null = null;

beforeAll(async () => {
  telegram = await startFakeTelegramApi();
  zalo = await startFakeZaloApi();
});
afterAll(async () => {
  await Promise.all([telegram.close(), zalo.close()]);
});
beforeEach(async () => {
  telegram.reset();
  zalo.reset();
  db = await openPushDatabase();
});
afterEach(async () => {
  await sender?.stop();
  sender = null;
  db.client.close();
});

/** Successful sends per chat id. */
function receivedBy(api: FakeTelegramApi): Map<string, string[]> {
  const byChat = new Map<string, string[]>();
  for (const call of api.callsTo("sendMessage")) {
    if (call.status !== 200) continue;
    const chat = String(call.params.chat_id);
    byChat.set(chat, [...(byChat.get(chat) ?? []), String(call.params.text)]);
  }
  return byChat;
}

describe("the sender", () => {
  it("sends each delivery once and records it sent with the platform's message id", async () => {
    const chats = await addChats(db.store, 5);
    await queueNotice(db.store, "n1", chats);
    sender = startSender(db, [telegramTestPort(telegram)]);
    expect(await settled(db.store, ["n1"])).toMatchObject({ sent: 5, pending: 0, failed: 0 });
    const received = receivedBy(telegram);
    for (const chat of chats) expect(received.get(chat.chatId)).toEqual([`n1 → ${chat.chatId}`]);
    const rows = await db.store.outbox.deliveries("n1");
    expect(rows.every((row) => row.messageIds.length === 1 && row.sentAt !== null)).toBe(true);
  });

  it("survives 429 with retry_after, 500, timeouts and dropped connections: exactly one message each", async () => {
    const chats = await addChats(db.store, 12);
    telegram.fail("sendMessage", { status: 429, retryAfter: 1 });
    telegram.fail("sendMessage", { status: 500 }, 2);
    telegram.fail("sendMessage", { status: "hang", ms: 1500 });
    telegram.fail("sendMessage", { status: "drop" });
    await queueNotice(db.store, "n2", chats);
    sender = startSender(db, [telegramTestPort(telegram, 1)]);
    expect(await settled(db.store, ["n2"])).toMatchObject({ sent: 12, failed: 0 });
    const received = receivedBy(telegram);
    for (const chat of chats) expect(received.get(chat.chatId)).toHaveLength(1);
    const statuses = telegram.callsTo("sendMessage").map((call) => call.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses.filter((s) => s === 500)).toHaveLength(2);
    // No answer: the hanging call (still open when the outbox settled, or dropped since) and the drop.
    expect(statuses.filter((s) => s <= 0)).toHaveLength(2);
  });

  it("waits out a Telegram 429's retry_after for that chat, while the other chats go on", async () => {
    const chats = await addChats(db.store, 3);
    telegram.fail("sendMessage", { status: 429, retryAfter: 1 });
    await queueNotice(db.store, "n3", chats);
    sender = startSender(db, [telegramTestPort(telegram)], {
      limits: { telegram: { perSecond: 5, chatIntervalMs: 0, groupPerMinute: 0 } },
    });
    await settled(db.store, ["n3"]);
    const calls = telegram.callsTo("sendMessage");
    const refused = calls.find((call) => call.status === 429)!;
    const others = calls.filter((call) => call.params.chat_id !== refused.params.chat_id);
    expect(others.every((call) => call.at - refused.at < 900)).toBe(true);
    const retried = calls.filter(
      (call) => call.params.chat_id === refused.params.chat_id && call.at > refused.at,
    );
    expect(retried).toHaveLength(1);
    expect(retried[0]!.at - refused.at).toBeGreaterThanOrEqual(990);
  });

  it("backs the whole platform off after Zalo's 429, which names no wait", async () => {
    const chats = await addChats(db.store, 3, { platform: "zalo", firstId: 20_000 });
    zalo.fail("sendMessage", { status: 429 });
    await queueNotice(db.store, "z2", chats, { platform: "zalo" });
    sender = startSender(db, [zaloTestPort(zalo)], {
      limits: { zalo: { perSecond: 5, chatIntervalMs: 0, groupPerMinute: 0 } },
      retry: { baseDelayMs: 400, maxDelayMs: 400 },
    });
    expect(await settled(db.store, ["z2"])).toMatchObject({ sent: 3 });
    const calls = zalo.callsTo("sendMessage");
    expect(calls.map((call) => call.status)).toEqual([429, 200, 200, 200]);
    // Nothing went to Zalo during the backoff, for any chat.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(390);
  });

  it("marks a 403 blocked, marks the chat blocked, and sends it nothing more", async () => {
    const chats = await addChats(db.store, 3);
    const blocked = chats[1]!;
    telegram.failChat(Number(blocked.chatId), { status: 403 });
    await queueNotice(db.store, "n4", chats);
    await queueNotice(db.store, "n5", chats);
    sender = startSender(db, [telegramTestPort(telegram)]);
    expect(await settled(db.store, ["n4", "n5"])).toMatchObject({ sent: 4, blocked: 2 });
    const toBlocked = telegram
      .callsTo("sendMessage")
      .filter((c) => String(c.params.chat_id) === blocked.chatId);
    // The first notice met the 403; the second was settled from the chat's status, without a call.
    expect(toBlocked).toHaveLength(1);
    expect((await db.store.chats.get("telegram", blocked.chatId))?.status).toBe("blocked");
    const row = (await db.store.outbox.deliveries("n4")).find((r) => r.chatRef === blocked.ref);
    expect(row).toMatchObject({ state: "blocked", attempts: 0 });
  });

  it("follows a group's move to a supergroup: the chat id is rewritten and the notice sent once there", async () => {
    const [group] = await addChats(db.store, 1, { firstId: -4001, type: "group" });
    const supergroupId = -1_009_000_000_001;
    telegram.failChat(Number(group!.chatId), { status: 400, migrateToChatId: supergroupId });
    await queueNotice(db.store, "n6", [group!]);
    sender = startSender(db, [telegramTestPort(telegram)]);
    expect(await settled(db.store, ["n6"])).toMatchObject({ sent: 1 });
    expect(receivedBy(telegram).get(String(supergroupId))).toEqual([`n6 → ${group!.chatId}`]);
    expect((await db.store.chats.getById(group!.ref))?.chatId).toBe(String(supergroupId));
  });

  it("gives a delivery up after its retry budget, with the reason, and keeps going", async () => {
    const chats = await addChats(db.store, 2);
    telegram.failChat(Number(chats[0]!.chatId), { status: 500 });
    await queueNotice(db.store, "n7", chats);
    sender = startSender(db, [telegramTestPort(telegram)], { retry: { baseDelayMs: 5, maxAttempts: 3 } });
    expect(await settled(db.store, ["n7"])).toMatchObject({ sent: 1, failed: 1 });
    const failed = (await db.store.outbox.deliveries("n7")).find((r) => r.state === "failed")!;
    expect(failed.attempts).toBe(3);
    expect(failed.lastError).toMatch(/^3 lần không gửi được: 500 Internal Server Error/);
    expect(db.logs.some((line) => line.includes("delivery given up"))).toBe(true);
  });

  it("keeps each chat's notices in order when the first meets a 429", async () => {
    const [chat] = await addChats(db.store, 1);
    telegram.fail("sendMessage", { status: 429, retryAfter: 1 });
    await queueNotice(db.store, "first", [chat!]);
    await queueNotice(db.store, "second", [chat!]);
    sender = startSender(db, [telegramTestPort(telegram)]);
    await settled(db.store, ["first", "second"]);
    expect(receivedBy(telegram).get(chat!.chatId)).toEqual([
      `first → ${chat!.chatId}`,
      `second → ${chat!.chatId}`,
    ]);
  });

  it("does not send what a chat turned off by the time it is due", async () => {
    const chats = await addChats(db.store, 2);
    await db.store.chats.setOptOuts(chats[0]!.ref, ["weekly-schedule"], { now: new Date(), actor: "test" });
    await db.store.outbox.enqueue(
      {
        key: "opt",
        job: "work-schedule",
        title: "t",
        scopeUnitId: null,
        parentKey: null,
        summarize: false,
        runAt: new Date(),
        trigger: "test",
      },
      chats.map((chat) => ({
        chatRef: chat.ref,
        platform: "telegram" as const,
        subjectUnitId: null,
        optOutKey: "weekly-schedule",
        body: { lines: [[{ text: "lịch", style: "plain" }]], choices: [] },
        state: "pending" as const,
        notBefore: new Date(0),
      })),
      { now: new Date(), actor: "test" },
    );
    sender = startSender(db, [telegramTestPort(telegram)]);
    expect(await settled(db.store, ["opt"])).toMatchObject({ sent: 1, skipped: 1 });
    expect(telegram.callsTo("sendMessage")).toHaveLength(1);
  });

  it("sends a Zalo delivery in parts of 2000 characters and retries a 429", async () => {
    const chats = await addChats(db.store, 1, { platform: "zalo", firstId: 9_000 });
    zalo.fail("sendMessage", { status: 429 });
    await queueNotice(db.store, "z1", chats, { platform: "zalo", text: () => "Lịch. ".repeat(700) });
    sender = startSender(db, [zaloTestPort(zalo)]);
    expect(await settled(db.store, ["z1"])).toMatchObject({ sent: 1 });
    const parts = zalo.sentTexts();
    expect(parts.length).toBe(3);
    expect(parts.every((part) => part.length <= 2000)).toBe(true);
    const [row] = await db.store.outbox.deliveries("z1");
    expect(row).toMatchObject({ partsSent: 3, rateLimited: 1 });
    expect(row!.messageIds).toHaveLength(3);
  });

  it("records a playground delivery as sent, with its choices kept for a numbered answer", async () => {
    const chats = await addChats(db.store, 1, { platform: "web", firstId: 1 });
    await db.store.outbox.enqueue(
      {
        key: "w1",
        job: "test",
        title: "t",
        scopeUnitId: null,
        parentKey: null,
        summarize: false,
        runAt: new Date(),
        trigger: "test",
      },
      [
        {
          chatRef: chats[0]!.ref,
          platform: "web",
          subjectUnitId: null,
          optOutKey: null,
          body: {
            lines: [[{ text: "Kết quả", style: "plain" }]],
            choices: [{ label: "Chi tiết", command: "/tieuchi #1 2022" }],
          },
          state: "pending",
          notBefore: new Date(0),
        },
      ],
      { now: new Date(), actor: "test" },
    );
    sender = startSender(db, [webPort()]);
    expect(await settled(db.store, ["w1"])).toMatchObject({ sent: 1 });
    const sent = await db.store.outbox.deliveredTo(chats[0]!.ref, { limit: 10 });
    expect(sent.map((row) => row.noticeKey)).toEqual(["w1"]);
    const choices = await db.store.pendingChoices.current(
      { platform: "web", chatId: chats[0]!.chatId },
      new Date(),
    );
    expect(choices).toEqual([{ label: "Chi tiết", command: "/tieuchi #1 2022" }]);
  });

  it("one sender per platform: a second one waits for the lease and sends nothing meanwhile", async () => {
    const chats = await addChats(db.store, 4);
    sender = startSender(db, [telegramTestPort(telegram)], { holder: "first" });
    const second = startSender(db, [telegramTestPort(telegram)], { holder: "second" });
    await queueNotice(db.store, "n8", chats);
    await settled(db.store, ["n8"]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sender.holding()).toEqual(["telegram"]);
    expect(second.holding()).toEqual([]);
    expect(second.stats().sent).toBe(0);
    expect(telegram.callsTo("sendMessage")).toHaveLength(4);
    await second.stop();
  });

  it("queues a notice once per chat: a second trigger adds only chats the first did not have", async () => {
    const chats = await addChats(db.store, 3);
    expect(await queueNotice(db.store, "once", chats.slice(0, 2))).toEqual({ created: true, added: 2 });
    expect(await queueNotice(db.store, "once", chats, { text: () => "khác" })).toEqual({
      created: false,
      added: 1,
    });
    expect(await queueNotice(db.store, "once", chats, { text: () => "khác" })).toEqual({
      created: false,
      added: 0,
    });
    const rows = await db.store.outbox.deliveries("once");
    expect(rows).toHaveLength(3);
    expect((await db.store.audit.list({ entity: "notice" })).length).toBe(2);
  });

  it("never writes the token into a log line, even for network failures", async () => {
    const chats = await addChats(db.store, 1);
    telegram.fail("sendMessage", { status: "drop" });
    await queueNotice(db.store, "n9", chats);
    sender = startSender(db, [telegramTestPort(telegram)]);
    await settled(db.store, ["n9"]);
    for (const line of db.logs) expect(line).not.toContain(telegram.token.split(":")[1]);
    expect(replyText({ lines: [], choices: [] })).toBe("");
  });
});

describe("the sender when things go wrong on our side", () => {
  it("survives its database going away for a while, and delivers once it is back", async () => {
    const { cuttable } = await import("../support/channel-harness.ts");
    const chats = await addChats(db.store, 3);
    await queueNotice(db.store, "db-down", chats);
    const cut = cuttable(db.client);
    const flaky = { ...db, store: createStore(cut.client) };
    cut.cut();
    sender = startSender(flaky, [telegramTestPort(telegram)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(telegram.callsTo("sendMessage")).toHaveLength(0);
    cut.restore();
    expect(await settled(db.store, ["db-down"])).toMatchObject({ sent: 3 });
    expect(telegram.callsTo("sendMessage")).toHaveLength(3);
    expect(db.logs.some((line) => line.includes("sender: lease not renewed (database)"))).toBe(true);
  });

  it("puts a delivery back when sending it throws unexpectedly, so its chat is not stuck", async () => {
    const [chat] = await addChats(db.store, 1);
    await queueNotice(db.store, "first", [chat!]);
    await queueNotice(db.store, "second", [chat!]);
    const real = telegramTestPort(telegram);
    let thrown = false;
    const brittle: SendPort = {
      ...real,
      async send(to, reply, options) {
        if (!thrown) {
          thrown = true;
          throw new Error("a bug in a port");
        }
        return real.send(to, reply, options);
      },
    };
    sender = startSender(db, [brittle]);
    expect(await settled(db.store, ["first", "second"])).toMatchObject({ sent: 2 });
    expect(telegram.sentTexts()).toEqual([`first → ${chat!.chatId}`, `second → ${chat!.chatId}`]);
  });

  it("when stopped, sends nothing more and leaves what it had claimed to the next sender, each once", async () => {
    const chats = await addChats(db.store, 4);
    await queueNotice(db.store, "slow", chats);
    const limits = { telegram: { perSecond: 2, chatIntervalMs: 0, groupPerMinute: 0 } };
    const first = startSender(db, [telegramTestPort(telegram)], { limits, holder: "first" });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await first.stop();
    const afterStop = telegram.callsTo("sendMessage").length;
    expect(afterStop).toBeLessThan(4);
    const counts = await db.store.outbox.counts(["slow"]);
    expect(counts.sending).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(telegram.callsTo("sendMessage")).toHaveLength(afterStop);
    sender = startSender(db, [telegramTestPort(telegram)], { holder: "second" });
    expect(await settled(db.store, ["slow"])).toMatchObject({ sent: 4 });
    const chatsReached = telegram.callsTo("sendMessage").map((call) => String(call.params.chat_id));
    expect(new Set(chatsReached).size).toBe(4);
    expect(chatsReached).toHaveLength(4);
  });

  it("keeps a chat's order when an earlier notice held for its window falls due beside a later one", async () => {
    const [chat] = await addChats(db.store, 1);
    await queueNotice(db.store, "held-first", [chat!], {
      state: "held",
      notBefore: new Date(Date.now() - 1000),
    });
    await queueNotice(db.store, "pending-second", [chat!]);
    sender = startSender(db, [telegramTestPort(telegram)]);
    await settled(db.store, ["held-first", "pending-second"]);
    expect(telegram.sentTexts()).toEqual([
      `held-first → ${chat!.chatId}`,
      `pending-second → ${chat!.chatId}`,
    ]);
  });

  it("sends nothing before real time says it is due, whatever a shifted clock (job run --at) says", async () => {
    const [chat] = await addChats(db.store, 1);
    await queueNotice(db.store, "tomorrow", [chat!], { notBefore: new Date(Date.now() + 3_600_000) });
    sender = startSender(db, [telegramTestPort(telegram)], {
      clock: () => new Date(Date.now() + 2 * 3_600_000),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(telegram.callsTo("sendMessage")).toEqual([]);
  });
});
