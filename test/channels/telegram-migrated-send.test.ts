/**
 * Telegram end to end: a reply to a group that was upgraded to a supergroup before the bot heard of
 * it. The Bot API refuses the old id with 400 and `parameters.migrate_to_chat_id`; the bot moves the
 * chat's record (and with it the link to its unit) to the new id and sends the reply there, once,
 * following at most one such answer. A real grammY bot and the real chat service inside the real
 * Hono app, over the demo data, calling the loopback Bot API test double.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type ApiDoubles,
  addBusyWeek,
  type Harness,
  NOW,
  openDemoDatabase,
  postTelegram,
  startApiDoubles,
  startHarness,
  telegramPlainTexts,
  telegramText,
  unitIdNamed,
} from "../support/channel-harness.ts";

let apis: ApiDoubles;
let harness: Harness;
let tanHongId: number;
let next = 1;

const ctx = { now: NOW, actor: "test" };
/** Each test talks in its own group and supergroup, so no chat record is shared between tests. */
const freshGroup = () => -(7000 + next++);
const freshSupergroup = () => -1_000_000_000_000 - next++;

beforeAll(async () => {
  apis = await startApiDoubles();
  harness = await startHarness({ apis, client: await openDemoDatabase() });
  tanHongId = await unitIdNamed(harness.store, "Tân Hồng Bình Giang", 2022);
}, 60_000);
afterAll(async () => {
  harness.close();
  await apis.close();
});
beforeEach(() => {
  apis.telegram.reset();
  harness.logs.length = 0;
});

/** A group linked to Tân Hồng as its chair's, through /dangky as a chair does it; calls forgotten. */
async function linkedGroup(code: string): Promise<{ groupId: number; chatRef: number }> {
  const groupId = freshGroup();
  await harness.store.invites.create(
    { code, unitId: tanHongId, role: "chair", expiresAt: new Date(NOW.getTime() + 86_400_000) },
    ctx,
  );
  await postTelegram(harness.app, telegramText(`/dangky ${code}`, { chatId: groupId }));
  expect(plainTexts()[0]).toContain("Đã liên kết cuộc trò chuyện này với Xã Tân Hồng");
  const chat = await harness.store.chats.get("telegram", String(groupId));
  if (chat === null) throw new Error("the group was not recorded");
  apis.telegram.reset();
  return { groupId, chatRef: chat.id };
}

/** Every sendMessage, as [chat id, HTTP status], in order. */
function sends(): [unknown, number][] {
  return apis.telegram.callsTo("sendMessage").map((call) => [call.params.chat_id, call.status]);
}

const plainTexts = () => telegramPlainTexts(apis.telegram);

describe("POST /webhook/telegram: a reply to a group that became a supergroup", () => {
  it("sends the reply once, to the supergroup, and moves the group's record and link there", async () => {
    const { groupId, chatRef } = await linkedGroup("MGRA-2345");
    const supergroupId = freshSupergroup();
    apis.telegram.fail("sendMessage", { status: 400, migrateToChatId: supergroupId });
    const update = telegramText("/diem 2022", { chatId: groupId });

    expect((await postTelegram(harness.app, update)).status).toBe(200);
    expect(sends()).toEqual([
      [groupId, 400],
      [supergroupId, 200],
    ]);
    // Nothing but those two calls: no other method, no second copy anywhere.
    expect(apis.telegram.calls).toHaveLength(2);
    const [first, second] = apis.telegram.callsTo("sendMessage");
    expect(second?.params.text).toBe(first?.params.text);
    const [text, ...more] = plainTexts();
    expect(more).toEqual([]);
    // The reply computed in the group, with the group's link: the unit it is linked to.
    expect(text).toContain("Xã Tân Hồng, Huyện Bình Giang");
    expect(text).toContain("87,032/100 điểm");

    // The same record under the new id, still linked; the old id no longer resolves.
    expect(await harness.store.chats.get("telegram", String(groupId))).toBeNull();
    expect((await harness.store.chats.get("telegram", String(supergroupId)))?.id).toBe(chatRef);
    expect(await harness.store.subscriptions.get(chatRef)).toMatchObject({
      unitId: tanHongId,
      role: "chair",
    });
    expect(harness.logs.some((line) => line.includes("telegram group became a supergroup"))).toBe(true);

    // A redelivery of the update (the webhook answer was late) sends nothing more.
    expect((await postTelegram(harness.app, update)).status).toBe(200);
    expect(sends()).toHaveLength(2);

    // The supergroup is answered as the linked chat from now on: /diem with only a year.
    apis.telegram.reset();
    await postTelegram(
      harness.app,
      telegramText("/diem 2022", { chatId: supergroupId, chatType: "supergroup" }),
    );
    expect(sends()).toEqual([[supergroupId, 200]]);
    expect(plainTexts()[0]).toContain("Xã Tân Hồng, Huyện Bình Giang");
  });

  it.each([
    ["back to the group", "MGRB-2345", (groupId: number) => groupId],
    ["to yet another supergroup", "MGRC-2345", () => freshSupergroup()],
  ])(
    "follows one migration only: a second refusal, pointing %s, is given up",
    async (_case, code, second) => {
      const { groupId, chatRef } = await linkedGroup(code);
      const supergroupId = freshSupergroup();
      const secondTarget = second(groupId);
      apis.telegram.fail("sendMessage", { status: 400, migrateToChatId: supergroupId });
      apis.telegram.fail("sendMessage", { status: 400, migrateToChatId: secondTarget });

      expect((await postTelegram(harness.app, telegramText("/help", { chatId: groupId }))).status).toBe(200);
      // A bot that followed again would make a third call (answered 200: nothing more is scripted).
      expect(sends()).toEqual([
        [groupId, 400],
        [supergroupId, 400],
      ]);
      expect(apis.telegram.sentTexts()).toEqual([]);
      // Moved once, by the first answer, and no further.
      expect((await harness.store.chats.get("telegram", String(supergroupId)))?.id).toBe(chatRef);
      expect(await harness.store.chats.get("telegram", String(groupId))).toBeNull();
      if (secondTarget !== groupId) {
        expect(await harness.store.chats.get("telegram", String(secondTarget))).toBeNull();
      }
      expect(await harness.store.subscriptions.get(chatRef)).toMatchObject({ unitId: tanHongId });
      const refused = harness.logs.filter((line) => line.includes("telegram send refused"));
      expect(refused).toHaveLength(1);
      // The chat is named by an opaque tag in the log, never by its platform id.
      expect(refused[0]).not.toContain(String(supergroupId));
      expect(JSON.parse(refused[0]!)).toMatchObject({
        chat: expect.stringMatching(/^telegram#[0-9a-z]+$/),
        status: "failed",
        reason: "nhóm chuyển thành siêu nhóm hai lần",
      });
    },
  );

  it("hands the group's link to a supergroup the bot already knew, and answers there", async () => {
    const { groupId, chatRef } = await linkedGroup("MGRD-2345");
    const supergroupId = freshSupergroup();
    // A command was sent in the supergroup before the group's reply failed: it has its own record.
    await postTelegram(harness.app, telegramText("/help", { chatId: supergroupId, chatType: "supergroup" }));
    const supergroup = await harness.store.chats.get("telegram", String(supergroupId));
    if (supergroup === null) throw new Error("the supergroup was not recorded");
    expect(supergroup.id).not.toBe(chatRef);
    apis.telegram.reset();
    apis.telegram.fail("sendMessage", { status: 400, migrateToChatId: supergroupId });

    expect((await postTelegram(harness.app, telegramText("/diem 2022", { chatId: groupId }))).status).toBe(
      200,
    );
    expect(sends()).toEqual([
      [groupId, 400],
      [supergroupId, 200],
    ]);
    expect(plainTexts()).toHaveLength(1);
    expect(await harness.store.subscriptions.get(supergroup.id)).toMatchObject({
      unitId: tanHongId,
      role: "chair",
    });
    expect(await harness.store.subscriptions.get(chatRef)).toBeNull();
  });

  it("still answers in the supergroup when moving the record fails, and logs the failure", async () => {
    const { groupId, chatRef } = await linkedGroup("MGRE-2345");
    const supergroupId = freshSupergroup();
    const chats = harness.store.chats;
    const changeChatId = chats.changeChatId;
    chats.changeChatId = async () => Promise.reject(new Error("fetch failed"));
    try {
      apis.telegram.fail("sendMessage", { status: 400, migrateToChatId: supergroupId });
      const update = telegramText("/diem 2022", { chatId: groupId });
      expect((await postTelegram(harness.app, update)).status).toBe(200);
    } finally {
      chats.changeChatId = changeChatId;
    }
    // The update was claimed before sending: the answer is the only chance the chair gets.
    expect(sends()).toEqual([
      [groupId, 400],
      [supergroupId, 200],
    ]);
    expect(plainTexts()[0]).toContain("Xã Tân Hồng, Huyện Bình Giang");
    expect(harness.logs.some((line) => line.includes("telegram chat move failed"))).toBe(true);
    // The record stays under the group's id, for the supergroup's migration message to move.
    expect((await harness.store.chats.get("telegram", String(groupId)))?.id).toBe(chatRef);
  });

  it("sends a reply of several messages whole to the supergroup, each part once", async () => {
    await addBusyWeek(harness.store, 14);
    const groupId = freshGroup();
    const supergroupId = freshSupergroup();
    apis.telegram.fail("sendMessage", { status: 400, migrateToChatId: supergroupId });

    await postTelegram(harness.app, telegramText("/lich 14 Kinh Mon cả tuần", { chatId: groupId }));
    const [refused, ...delivered] = sends();
    expect(refused).toEqual([groupId, 400]);
    expect(delivered.length).toBeGreaterThan(1);
    expect(delivered.every(([chatId, status]) => chatId === supergroupId && status === 200)).toBe(true);
    const texts = plainTexts();
    expect(new Set(texts).size).toBe(texts.length);
    const all = texts.join("");
    expect(all).toContain("Lịch làm việc tuần 14");
    for (const n of [1, 30, 60]) {
      expect(all.split(`Cuộc họp số ${n} <chuẩn bị>`)).toHaveLength(2);
    }
  });

  it("sends only the rest to the supergroup when the group took the first part before it moved", async () => {
    await addBusyWeek(harness.store, 15);
    const groupId = freshGroup();
    const supergroupId = freshSupergroup();
    apis.telegram.pass("sendMessage", 1);
    apis.telegram.fail("sendMessage", { status: 400, migrateToChatId: supergroupId });

    await postTelegram(harness.app, telegramText("/lich 15 Kinh Mon cả tuần", { chatId: groupId }));
    const [first, refused, ...rest] = sends();
    expect(first).toEqual([groupId, 200]);
    expect(refused).toEqual([groupId, 400]);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every(([chatId, status]) => chatId === supergroupId && status === 200)).toBe(true);
    const texts = plainTexts();
    expect(texts[0]).toContain("Lịch làm việc tuần 15");
    // Every part once: the one the group took is not sent again to the supergroup.
    expect(new Set(texts).size).toBe(texts.length);
    const all = texts.join("");
    expect(all.split("Lịch làm việc tuần 15")).toHaveLength(2);
    for (const n of [1, 30, 60]) {
      expect(all.split(`Cuộc họp số ${n} <chuẩn bị>`)).toHaveLength(2);
    }
  });
});
