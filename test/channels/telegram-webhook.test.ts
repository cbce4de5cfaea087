/**
 * Telegram end to end: a real grammY bot and the real chat service inside the real Hono app, over
 * the demo data, driven through POST /webhook/telegram and calling the loopback Bot API test double.
 */
import type { Client } from "@libsql/client";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openEmbedded } from "../../src/db/open.ts";
import {
  type ApiDoubles,
  addBusyWeek,
  cuttable,
  type Harness,
  NOW,
  openDemoDatabase,
  postTelegram,
  startApiDoubles,
  startHarness,
  TELEGRAM_SECRET,
  telegramCallback,
  telegramPlainTexts,
  telegramText,
  tempDatabaseUrl,
  unitIdNamed,
} from "../support/channel-harness.ts";

let apis: ApiDoubles;
let database: ReturnType<typeof cuttable>;
let harness: Harness;
let tanHongId: number;
let nextChatId = 9000;

const ctx = { now: NOW, actor: "test" };
/** Each test talks in its own chat, so chat status and pending choices never leak between tests. */
const freshChat = () => nextChatId++;

beforeAll(async () => {
  apis = await startApiDoubles();
  const client: Client = await openDemoDatabase();
  database = cuttable(client);
  harness = await startHarness({ apis, client: database.client });
  tanHongId = await unitIdNamed(harness.store, "Tân Hồng Bình Giang", 2022);
}, 60_000);
afterAll(async () => {
  harness.close();
  await apis.close();
});
beforeEach(() => {
  apis.telegram.reset();
  database.restore();
});

const plainTexts = () => telegramPlainTexts(apis.telegram);

describe("POST /webhook/telegram: the secret", () => {
  it.each([
    ["missing", null],
    ["wrong", "not-the-secret"],
    ["a prefix of the right one", TELEGRAM_SECRET.slice(0, -1)],
  ])("answers 401 and processes nothing when the secret is %s", async (_case, secret) => {
    const update = telegramText("/diem Tan Hong 2022");
    const response = await postTelegram(harness.app, update, secret);
    expect(response.status).toBe(401);
    expect(apis.telegram.calls).toEqual([]);
    // Not claimed: the genuine delivery of the same update is still answered.
    expect(await harness.store.updates.markProcessed("telegram", String(update.update_id), NOW)).toBe(true);
  });

  it("refuses before reading the body: a wrong secret with a broken body is still 401", async () => {
    expect((await postTelegram(harness.app, "{not json", "wrong")).status).toBe(401);
  });
});

describe("POST /webhook/telegram: replies", () => {
  it("answers /diem with the published score card in HTML parse mode", async () => {
    const chatId = freshChat();
    const response = await postTelegram(harness.app, telegramText("/diem Tan Hong 2022", { chatId }));
    expect(response.status).toBe(200);
    const [call, ...more] = apis.telegram.callsTo("sendMessage");
    expect(more).toEqual([]);
    expect(call?.params).toMatchObject({ chat_id: chatId, parse_mode: "HTML" });
    expect(call?.params.text).toContain("Điểm: <b>87,032/100 điểm</b> (87,03%)");
    const [text] = plainTexts();
    expect(text).toContain("Xếp hạng: 1/16 xã, thị trấn huyện Bình Giang");
    expect(text).toContain("◇ số liệu minh họa");
  });

  it("answers the same update only once", async () => {
    const update = telegramText("/diem Tan Hong 2022", { chatId: freshChat() });
    expect((await postTelegram(harness.app, update)).status).toBe(200);
    expect((await postTelegram(harness.app, update)).status).toBe(200);
    expect(apis.telegram.callsTo("sendMessage")).toHaveLength(1);
  });

  it("splits a reply over 4096 characters into messages that each parse as balanced HTML", async () => {
    await addBusyWeek(harness.store, 13);
    await postTelegram(harness.app, telegramText("/lich 13 Kinh Mon cả tuần", { chatId: freshChat() }));
    const calls = apis.telegram.callsTo("sendMessage");
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every((call) => call.status === 200)).toBe(true);
    for (const html of apis.telegram.sentTexts()) expect(html.length).toBeLessThanOrEqual(4096);
    const all = plainTexts().join("");
    expect(all).toContain("Lịch làm việc tuần 13 (25/03–31/03/2024)");
    for (const n of [1, 30, 60]) expect(all).toContain(`Cuộc họp số ${n} <chuẩn bị> & tổng hợp`);
  });

  it("shows choices as inline buttons, and a button runs its command", async () => {
    const chatId = freshChat();
    await postTelegram(harness.app, telegramText("/diem Tan Hong 2022", { chatId }));
    const keyboard = apis.telegram.callsTo("sendMessage")[0]?.params.reply_markup as {
      inline_keyboard: { text: string; callback_data: string }[][];
    };
    const [details] = keyboard.inline_keyboard.map(([button]) => button!);
    expect(details).toEqual({ text: "Chi tiết từng lĩnh vực", callback_data: `/tieuchi #${tanHongId} 2022` });
    apis.telegram.reset();
    const click = telegramCallback(details!.callback_data, { chatId });
    expect((await postTelegram(harness.app, click)).status).toBe(200);
    expect(apis.telegram.callsTo("answerCallbackQuery")).toHaveLength(1);
    const [text] = plainTexts();
    expect(text).toContain("Điểm từng lĩnh vực năm 2022");
    expect(text).toContain("17,032/24 điểm, mất 6,968");
    await postTelegram(harness.app, click);
    expect(apis.telegram.callsTo("sendMessage")).toHaveLength(1);
  });

  it("answers a sticker in a private chat with a hint, once", async () => {
    const update = withMessage(telegramText("x", { chatId: freshChat() }), (message) => {
      delete message.text;
      delete message.entities;
      message.sticker = {
        file_id: "s",
        file_unique_id: "s",
        type: "regular",
        width: 1,
        height: 1,
        is_animated: false,
        is_video: false,
      };
    });
    await postTelegram(harness.app, update);
    await postTelegram(harness.app, update);
    expect(apis.telegram.sentTexts()).toEqual([
      "Mình chỉ đọc được tin nhắn chữ.\nHãy gõ một lệnh, ví dụ: /diem Tân Hồng 2022 — hoặc /help để xem các lệnh.",
    ]);
  });
});

describe("POST /webhook/telegram: groups", () => {
  it("answers a command addressed to this bot, as a reply to it", async () => {
    const chatId = -freshChat();
    const update = telegramText("/diem@cchc_test_bot Tan Hong 2022", { chatId });
    await postTelegram(harness.app, update);
    const [call] = apis.telegram.callsTo("sendMessage");
    expect(call?.params).toMatchObject({
      chat_id: chatId,
      reply_parameters: { message_id: update.message!.message_id, allow_sending_without_reply: true },
    });
    expect(call?.params.text).toContain("87,032/100 điểm");
    expect(await harness.store.chats.get("telegram", String(chatId))).toMatchObject({
      type: "group",
      title: "UBND xã Tân Hồng",
    });
  });

  it("stays out of conversation and of other bots' commands", async () => {
    const chatId = -freshChat();
    await postTelegram(harness.app, telegramText("họp lúc 8 giờ nhé", { chatId }));
    await postTelegram(harness.app, telegramText("/diem@other_bot Tan Hong", { chatId }));
    expect(apis.telegram.callsTo("sendMessage")).toEqual([]);
  });
});

describe("POST /webhook/telegram: the Bot API failing", () => {
  it("waits out a 429 for its retry_after and sends once", async () => {
    apis.telegram.fail("sendMessage", { status: 429, retryAfter: 1 });
    const started = Date.now();
    expect((await postTelegram(harness.app, telegramText("/help", { chatId: freshChat() }))).status).toBe(
      200,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(apis.telegram.callsTo("sendMessage").map((call) => call.status)).toEqual([429, 200]);
  });

  it("retries a 500 from Telegram", async () => {
    apis.telegram.fail("sendMessage", { status: 500 });
    expect((await postTelegram(harness.app, telegramText("/help", { chatId: freshChat() }))).status).toBe(
      200,
    );
    expect(apis.telegram.callsTo("sendMessage").map((call) => call.status)).toEqual([500, 200]);
  });

  it("marks the chat blocked when Telegram answers 403", async () => {
    const chatId = freshChat();
    apis.telegram.fail("sendMessage", { status: 403 });
    expect((await postTelegram(harness.app, telegramText("/help", { chatId }))).status).toBe(200);
    expect((await harness.store.chats.get("telegram", String(chatId)))?.status).toBe("blocked");
  });
});

describe("POST /webhook/telegram: chat membership", () => {
  function membership(status: "kicked" | "member", chatId: number): Update {
    const chat =
      chatId > 0
        ? { id: chatId, type: "private" as const, first_name: "Chủ tịch" }
        : { id: chatId, type: "group" as const, title: "UBND xã" };
    const bot = apis.telegram.botInfo;
    return {
      update_id: freshChat() * 1000,
      my_chat_member: {
        chat,
        from: { id: 4242, is_bot: false, first_name: "Chủ tịch" },
        date: 1710900000,
        old_chat_member:
          status === "kicked"
            ? { status: "member", user: bot }
            : { status: "kicked", user: bot, until_date: 0 },
        new_chat_member:
          status === "kicked"
            ? { status: "kicked", user: bot, until_date: 0 }
            : { status: "member", user: bot },
      },
    };
  }

  it("marks a chat blocked when the user blocks the bot, and active when they come back", async () => {
    const chatId = freshChat();
    await postTelegram(harness.app, telegramText("/help", { chatId }));
    expect((await postTelegram(harness.app, membership("kicked", chatId))).status).toBe(200);
    expect((await harness.store.chats.get("telegram", String(chatId)))?.status).toBe("blocked");
    expect((await postTelegram(harness.app, membership("member", chatId))).status).toBe(200);
    expect((await harness.store.chats.get("telegram", String(chatId)))?.status).toBe("active");
  });

  it("records a group the bot was added to", async () => {
    const chatId = -freshChat();
    await postTelegram(harness.app, membership("member", chatId));
    expect(await harness.store.chats.get("telegram", String(chatId))).toMatchObject({
      status: "active",
      type: "group",
    });
  });

  it("keeps a group's link to its unit when the group becomes a supergroup", async () => {
    const groupId = -freshChat();
    const supergroupId = -1_000_000_000_000 - freshChat();
    const group = await harness.store.chats.touch(
      { platform: "telegram", chatId: String(groupId), type: "group", title: "UBND xã Tân Hồng" },
      ctx,
    );
    await harness.store.subscriptions.set(group.id, tanHongId, "chair", ctx);
    const migration = withMessage(telegramText("x", { chatId: groupId }), (message) => {
      delete message.text;
      delete message.entities;
      message.migrate_to_chat_id = supergroupId;
    });
    expect((await postTelegram(harness.app, migration)).status).toBe(200);
    // A redelivery of the migration changes nothing.
    expect((await postTelegram(harness.app, migration)).status).toBe(200);
    expect((await harness.store.chats.get("telegram", String(supergroupId)))?.id).toBe(group.id);
    expect(await harness.store.chats.get("telegram", String(groupId))).toBeNull();

    // The linked unit is the default in the supergroup: /diem with only a year.
    await postTelegram(
      harness.app,
      telegramText("/diem 2022", { chatId: supergroupId, chatType: "supergroup" }),
    );
    const [text] = plainTexts();
    expect(text).toContain("Xã Tân Hồng, Huyện Bình Giang");
    expect(text).toContain("87,032/100 điểm");
  });
});

describe("POST /webhook/telegram: what is answered 200 and what 5xx", () => {
  it.each([
    ["a body that is not JSON", "{not json"],
    ["JSON that is not an update", { hello: "world" }],
    ["an update of a kind the bot ignores", { update_id: 5, edited_message: { text: "x" } }],
  ])("answers 200 to %s, logs it, and sends nothing", async (_case, body) => {
    expect((await postTelegram(harness.app, body)).status).toBe(200);
    expect(apis.telegram.calls).toEqual([]);
  });

  it("answers 503 while the database is unreachable, and answers the redelivery once it is back", async () => {
    const update = telegramText("/diem Tan Hong 2022", { chatId: freshChat() });
    database.cut();
    const response = await postTelegram(harness.app, update);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: expect.stringContaining("tạm thời gián đoạn") });
    expect(apis.telegram.calls).toEqual([]);
    database.restore();
    expect((await postTelegram(harness.app, update)).status).toBe(200);
    expect(plainTexts()[0]).toContain("87,032/100 điểm");
  });

  it("never writes the bot token into a log line", async () => {
    harness.logs.length = 0;
    apis.telegram.fail("sendMessage", { status: 400, description: "Bad Request: chat not found" });
    await postTelegram(harness.app, telegramText("/help", { chatId: freshChat() }));
    await postTelegram(harness.app, "{broken");
    expect(harness.logs.length).toBeGreaterThan(1);
    for (const line of harness.logs) expect(line).not.toContain(apis.telegram.token.split(":")[1]);
  });
});

describe("POST /webhook/telegram: a restart", () => {
  it("still recognises an update handled before the restart", async () => {
    const file = await tempDatabaseUrl();
    try {
      const update = telegramText("/help", { chatId: freshChat() });
      const first = await startHarness({ apis, client: openEmbedded(file.url) });
      expect((await postTelegram(first.app, update)).status).toBe(200);
      first.close();
      const second = await startHarness({ apis, client: openEmbedded(file.url) });
      expect((await postTelegram(second.app, update)).status).toBe(200);
      second.close();
      expect(apis.telegram.callsTo("sendMessage")).toHaveLength(1);
    } finally {
      await file.remove();
    }
  });
});

function withMessage(update: Update, change: (message: Record<string, unknown>) => void): Update {
  change(update.message as unknown as Record<string, unknown>);
  return update;
}
