import { describe, expect, it } from "vitest";
import { messageDate, parseZaloUpdate } from "../../src/channels/zalo/index.ts";
import { zaloTextEvent, zaloUnsupportedEvent } from "../support/fake-zalo-api.ts";

describe("parseZaloUpdate", () => {
  it("reads the documented wrapped envelope and the unwrapped one alike", () => {
    const wrapped = parseZaloUpdate(
      zaloTextEvent("/diem Tan Hong", { messageId: "m1", chatId: "c1", date: 1 }),
    );
    const unwrapped = parseZaloUpdate(
      zaloTextEvent("/diem Tan Hong", { messageId: "m1", chatId: "c1", date: 1, wrapped: false }),
    );
    expect(wrapped).toEqual(unwrapped);
    expect(wrapped).toMatchObject({
      ok: true,
      update: {
        event_name: "message.text.received",
        message: { message_id: "m1", text: "/diem Tan Hong", chat: { id: "c1", chat_type: "PRIVATE" } },
      },
    });
  });

  it("accepts a protected sender's message without content", () => {
    const parsed = parseZaloUpdate(zaloUnsupportedEvent({ chatType: "GROUP" }));
    expect(parsed).toMatchObject({ ok: true, update: { event_name: "message.unsupported.received" } });
    expect(parsed.ok && parsed.update.message?.text).toBeUndefined();
  });

  it("keeps ids as strings even when numbers arrive, and unknown fields", () => {
    const parsed = parseZaloUpdate({
      event_name: "message.text.received",
      message: {
        message_id: 17,
        date: "1750316131602",
        from: { id: 5 },
        chat: { id: 5 },
        text: "hi",
        extra: true,
      },
    });
    expect(parsed).toMatchObject({
      ok: true,
      update: {
        message: { message_id: "17", date: 1750316131602, from: { id: "5" }, chat: { id: "5" }, extra: true },
      },
    });
  });

  it("explains what is wrong with a malformed body", () => {
    expect(parseZaloUpdate(null)).toMatchObject({ ok: false });
    expect(parseZaloUpdate("text")).toMatchObject({ ok: false });
    expect(parseZaloUpdate({ ok: false, result: {} })).toMatchObject({ ok: false });
    const missingChat = parseZaloUpdate({
      event_name: "message.text.received",
      message: { message_id: "m", date: 1, from: { id: "a" } },
    });
    expect(missingChat).toMatchObject({ ok: false, error: expect.stringContaining("message.chat") });
  });
});

describe("messageDate", () => {
  it("reads milliseconds, and seconds where a sender used them", () => {
    expect(messageDate({ date: 1750316131602 }).toISOString()).toBe("2025-06-19T06:55:31.602Z");
    expect(messageDate({ date: 1750316131 }).toISOString()).toBe("2025-06-19T06:55:31.000Z");
  });
});
