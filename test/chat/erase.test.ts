/**
 * Erasing a chat's data (Decree 13/2023): /xoadulieu asks first, then erases the link, settings, title
 * and platform id, the choices, the text of its deliveries (unsent ones are skipped), and its id from
 * the audit log, which records only that an erasure happened. The CLI does the same for an officer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText } from "../../commands/reply.ts";
import { runCli } from "../../src/cli/dispatch.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { createResolver } from "../../src/resolve/index.ts";
import {
  type ChatDatabase,
  chatOver,
  linkChat,
  message,
  openChatDatabase,
} from "../support/chat-database.ts";

let db: ChatDatabase;
const now = new Date("2026-01-05T02:00:00Z");

beforeAll(async () => {
  db = await openChatDatabase();
}, 60_000);
afterAll(() => db.close());

async function everything(): Promise<string> {
  const tables = ["chats", "subscriptions", "pending_choices", "outbox", "audit_log", "invite_codes"];
  const dumps: string[] = [];
  for (const table of tables)
    dumps.push(JSON.stringify((await db.client.execute(`SELECT * FROM ${table}`)).rows));
  return dumps.join("\n");
}

describe("/xoadulieu", () => {
  it("asks first, then erases what the chat's person gave, leaving no trace of the chat's id", async () => {
    const { chat } = chatOver(db.store);
    const resolver = createResolver(await db.store.units.listResolvable());
    const found = resolver.resolve("Tân Hồng Bình Giang", { year: 2022 });
    if (found.kind !== "unit") throw new Error("no unit");
    const chatId = "987654321";
    const from = { chatId, userId: chatId, chatTitle: "UBND xã Tân Hồng" };
    expect(await linkChat(db.store, chat, chatId, found.unit.id, now)).toContain("Đã liên kết");
    await chat.handle(message("/caidat 22:00-06:00", from), now);
    const record = (await db.store.chats.get("telegram", chatId))!;
    const body = { lines: [[{ text: "Lịch tuần của Xã Tân Hồng", style: "plain" }]], choices: [] };
    for (const [key, state] of [
      ["sent-one", "pending"],
      ["unsent-one", "held"],
    ] as const) {
      await db.store.outbox.enqueue(
        {
          key,
          job: "t",
          title: "t",
          scopeUnitId: null,
          parentKey: null,
          summarize: false,
          runAt: now,
          trigger: "t",
        },
        [
          {
            chatRef: record.id,
            platform: "telegram",
            subjectUnitId: found.unit.id,
            optOutKey: null,
            body,
            state,
            notBefore: now,
          },
        ],
        { now, actor: "t" },
      );
    }
    await db.client.execute(
      "UPDATE outbox SET state = 'sent', message_ids = '[\"77\"]' WHERE notice_key = 'sent-one'",
    );

    const asked = replyText(await chat.handle(message("/xoadulieu", from), now));
    expect(asked).toContain("Để xóa, gõ: /xoadulieu xacnhan");
    expect(await db.store.subscriptions.get(record.id)).not.toBeNull();

    const done = replyText(await chat.handle(message("/xoadulieu xác nhận", from), now));
    expect(done).toContain("Đã xóa dữ liệu của cuộc trò chuyện này.");
    expect(await db.store.subscriptions.get(record.id)).toBeNull();
    expect(await db.store.chats.get("telegram", chatId)).toBeNull();
    expect(await db.store.chats.getById(record.id)).toMatchObject({
      chatId: `erased-${record.id}`,
      title: null,
      quietHours: null,
      status: "blocked",
    });
    const [sent] = await db.store.outbox.deliveries("sent-one");
    expect(sent).toMatchObject({ state: "sent", messageIds: [] });
    expect((await db.store.outbox.deliveries("unsent-one"))[0]?.state).toBe("skipped");
    const dump = await everything();
    expect(dump).not.toContain(chatId);
    expect(dump).not.toContain("UBND xã Tân Hồng");
    expect(dump).not.toContain("Lịch tuần của Xã Tân Hồng");
    const erased = await db.store.audit.list({ entity: "chat", entityId: String(record.id) });
    expect(erased.map((entry) => entry.action)).toContain("chat.erase");

    // Writing again is a fresh chat, linked to nothing.
    expect(replyText(await chat.handle(message("/start", from), now))).toContain("gõ /dangky");
  });

  it("does the same from the CLI for an officer", async () => {
    const { chat } = chatOver(db.store);
    await chat.handle(message("/help", { platform: "zalo", chatId: "6ede9afa66b88fe6d6a9" }), now);
    const io = memoryIo();
    const code = await runCli(
      ["chats", "erase", "--chat", "zalo:6ede9afa66b88fe6d6a9", "--url", "file::memory:"],
      io,
    );
    // A fresh in-memory database has no such chat: refused, exit 2.
    expect(code).toBe(2);
    expect(io.stderr.join("\n")).toContain("Không có cuộc trò chuyện zalo:6ede9afa66b88fe6d6a9");
    const record = (await db.store.chats.get("zalo", "6ede9afa66b88fe6d6a9"))!;
    expect(await db.store.chats.erase(record.id, { now, actor: "cli:chats erase" })).toBe(true);
    expect(await db.store.chats.get("zalo", "6ede9afa66b88fe6d6a9")).toBeNull();
  });

  it("erases a group under every id it had, the text of a message being sent, and keeps who erased it", async () => {
    const ctx = { now, actor: "telegram:5551" };
    await db.store.chats.touch(
      { platform: "telegram", chatId: "-4321", type: "group", title: "Tổ CCHC xã" },
      ctx,
    );
    await db.store.chats.changeChatId("telegram", "-4321", "-1009876543210", ctx);
    const chat = (await db.store.chats.get("telegram", "-1009876543210"))!;
    await db.store.chats.setQuietHours(chat.id, { start: "21:00", end: "06:00" }, ctx);
    const body = { lines: [[{ text: "Thẻ điểm riêng của nhóm", style: "plain" }]], choices: [] };
    await db.store.outbox.enqueue(
      {
        key: "in-flight",
        job: "t",
        title: "t",
        scopeUnitId: null,
        parentKey: null,
        summarize: false,
        runAt: now,
        trigger: "t",
      },
      [
        {
          chatRef: chat.id,
          platform: "telegram",
          subjectUnitId: null,
          optOutKey: null,
          body,
          state: "pending",
          notBefore: now,
        },
      ],
      { now, actor: "job:t" },
    );
    await db.client.execute("UPDATE outbox SET state = 'sending' WHERE notice_key = 'in-flight'");
    expect(await db.store.chats.erase(chat.id, { now, actor: "cli:chats erase" })).toBe(true);
    const dump = await everything();
    for (const gone of ["-4321", "-1009876543210", "Tổ CCHC xã", "Thẻ điểm riêng", "21:00", "5551"]) {
      expect(dump).not.toContain(gone);
    }
    const erased = await db.store.audit.list({ entity: "chat", entityId: String(chat.id) });
    expect(erased.find((entry) => entry.action === "chat.erase")?.actor).toBe("cli:chats erase");
  });
});
