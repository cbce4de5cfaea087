/**
 * Every example button of the playground, sent through the chat service over the demo database as
 * the page sends it (no linked unit, today's date): each must answer with data, never with
 * "Chưa có …", "Không tìm thấy …" or nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText } from "../../commands/reply.ts";
import { EXAMPLE_COMMANDS } from "../../src/web/playground.ts";
import { type ChatDatabase, chatOver, message, openDemoDatabase } from "../support/chat-database.ts";

let db: ChatDatabase;

beforeAll(async () => {
  db = await openDemoDatabase();
});
afterAll(() => db.close());

// A day long after the demo's data: the examples must not depend on when they are tapped.
const now = new Date("2026-12-04T03:00:00Z");

describe("the playground's example buttons", () => {
  it.each(EXAMPLE_COMMANDS)("%s answers with data", async (example) => {
    const { chat } = chatOver(db.store);
    const text = replyText(await chat.handle(message(example, { platform: "web", chatId: "examples" }), now));
    expect(text.trim()).not.toBe("");
    expect(text).not.toMatch(
      /Chưa có|Không tìm thấy|Không có (?:số liệu|dữ liệu|bảng)|chưa được công bố|Có nhiều đơn vị/u,
    );
  });
});
