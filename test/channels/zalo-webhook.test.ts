/**
 * Zalo end to end: the real app, Zalo bot and chat service over the demo data, driven through
 * POST /webhook/zalo and calling the loopback Zalo Bot API test double.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type ApiDoubles,
  addBusyWeek,
  cuttable,
  type Harness,
  NOW,
  openDemoDatabase,
  postZalo,
  startApiDoubles,
  startHarness,
  ZALO_SECRET,
} from "../support/channel-harness.ts";
import { zaloTextEvent, zaloUnsupportedEvent } from "../support/fake-zalo-api.ts";

let apis: ApiDoubles;
let database: ReturnType<typeof cuttable>;
let harness: Harness;
let nextChat = 1;
/** Each test talks in its own chat, so pending choices never leak between tests. */
const freshChat = () => `zalo-chat-${nextChat++}`;

beforeAll(async () => {
  apis = await startApiDoubles();
  database = cuttable(await openDemoDatabase());
  harness = await startHarness({ apis, client: database.client });
}, 60_000);
afterAll(async () => {
  harness.close();
  await apis.close();
});
beforeEach(() => {
  apis.zalo.reset();
  database.restore();
});

describe("POST /webhook/zalo", () => {
  it.each([
    ["missing", null],
    ["wrong", "wrong-secret-123"],
    ["too long", `${ZALO_SECRET}x`],
  ])("answers 401 and processes nothing when the secret is %s", async (_case, secret) => {
    const body = zaloTextEvent("/diem Tan Hong 2022", { messageId: `m-secret-${_case}` });
    expect((await postZalo(harness.app, body, secret)).status).toBe(401);
    expect(apis.zalo.calls).toEqual([]);
    expect(await harness.store.updates.markProcessed("zalo", `m-secret-${_case}`, NOW)).toBe(true);
  });

  it.each([
    ["wrapped", true],
    ["unwrapped", false],
  ])("answers a %s text event as plain text to the chat", async (_case, wrapped) => {
    const chatId = freshChat();
    const body = zaloTextEvent("diem tan hong 2022", { chatId, fromId: "user-1", wrapped });
    expect((await postZalo(harness.app, body)).status).toBe(200);
    const [call, ...more] = apis.zalo.callsTo("sendMessage");
    expect(more).toEqual([]);
    expect(call?.params.chat_id).toBe(chatId);
    const text = String(call?.params.text);
    expect(text).toContain("Điểm: 87,032/100 điểm (87,03%)");
    expect(text).toContain("◇ số liệu minh họa");
    expect(text).not.toMatch(/<\/?b>/);
  });

  it("answers a GROUP chat and records it as a group", async () => {
    const chatId = freshChat();
    await postZalo(harness.app, zaloTextEvent("/help", { chatId, chatType: "GROUP" }));
    expect(apis.zalo.sentTexts()[0]).toContain("Các lệnh chính:");
    expect((await harness.store.chats.get("zalo", chatId))?.type).toBe("group");
  });

  it("answers a message_id only once, wrapped or not", async () => {
    const chatId = freshChat();
    await postZalo(harness.app, zaloTextEvent("/help", { chatId, messageId: "dup-1" }));
    await postZalo(harness.app, zaloTextEvent("/help", { chatId, messageId: "dup-1", wrapped: false }));
    expect(apis.zalo.callsTo("sendMessage")).toHaveLength(1);
  });

  it("offers choices as a numbered list and runs the one answered by number", async () => {
    const chatId = freshChat();
    await postZalo(harness.app, zaloTextEvent("/diem Tan Hong 2022", { chatId }));
    const offer = apis.zalo.sentTexts()[0]!;
    expect(offer).toMatch(
      /\n1\. Chi tiết từng lĩnh vực\n2\. Bảng xếp hạng huyện Bình Giang\nGõ số thứ tự \(1–2\) để chọn\.$/,
    );
    apis.zalo.reset();
    await postZalo(harness.app, zaloTextEvent("2", { chatId }));
    const ranking = apis.zalo.sentTexts()[0]!;
    expect(ranking).toContain("Xếp hạng Chỉ số CCHC năm 2022");
    expect(ranking).toContain("Tân Hồng");
  });

  it("splits a long reply into messages of at most 2000 characters", async () => {
    await addBusyWeek(harness.store, 14);
    await postZalo(harness.app, zaloTextEvent("/lich 14 Kinh Mon cả tuần", { chatId: freshChat() }));
    const texts = apis.zalo.sentTexts();
    expect(texts.length).toBeGreaterThan(1);
    expect(apis.zalo.callsTo("sendMessage").every((call) => call.status === 200)).toBe(true);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(2000);
    const all = texts.join("");
    expect(all).toContain("Lịch làm việc tuần 14 (01/04–07/04/2024)");
    for (const n of [1, 30, 60]) expect(all).toContain(`Cuộc họp số ${n} <chuẩn bị> & tổng hợp`);
  });

  it("answers an unsupported event (a protected sender) politely, once", async () => {
    const body = zaloUnsupportedEvent({ chatId: freshChat(), messageId: "u-1" });
    await postZalo(harness.app, body);
    await postZalo(harness.app, body);
    expect(apis.zalo.sentTexts()).toEqual([
      "Xin lỗi, mình chưa đọc được nội dung tin nhắn này.\n" +
        "Mời bạn gõ lệnh bằng chữ, ví dụ: /diem Tân Hồng 2022 — hoặc gõ /help để xem hướng dẫn.",
    ]);
  });

  it("answers a picture with a short hint", async () => {
    const body = zaloTextEvent("", { chatId: freshChat(), wrapped: false }) as {
      event_name: string;
      message: object;
    };
    body.event_name = "message.image.received";
    body.message = { ...body.message, photo_url: "https://example.invalid/a.jpg" };
    await postZalo(harness.app, body);
    expect(apis.zalo.sentTexts()).toEqual([
      "Mình chỉ đọc được tin nhắn chữ.\nVí dụ: /diem Tân Hồng 2022 — gõ /help để xem các lệnh.",
    ]);
  });

  it("retries a send refused with 429 and delivers once", async () => {
    apis.zalo.fail("sendMessage", { status: 429 });
    expect((await postZalo(harness.app, zaloTextEvent("/help", { chatId: freshChat() }))).status).toBe(200);
    expect(apis.zalo.callsTo("sendMessage").map((call) => call.status)).toEqual([429, 200]);
  });

  it.each([
    ["a body that is not JSON", "{oops"],
    ["an event without a name", { message: {} }],
    ["an unknown event", { event_name: "message.reaction.received" }],
  ])("answers 200 to %s and sends nothing", async (_case, body) => {
    expect((await postZalo(harness.app, body)).status).toBe(200);
    expect(apis.zalo.calls).toEqual([]);
  });

  it("answers 503 while the database is unreachable, and answers the redelivery once it is back", async () => {
    const body = zaloTextEvent("/diem Tan Hong 2022", { chatId: freshChat(), messageId: "o-1" });
    database.cut();
    expect((await postZalo(harness.app, body)).status).toBe(503);
    expect(apis.zalo.calls).toEqual([]);
    database.restore();
    expect((await postZalo(harness.app, body)).status).toBe(200);
    expect(apis.zalo.sentTexts()[0]).toContain("87,032/100 điểm");
  });
});
