import { describe, expect, it } from "vitest";
import { textForBot, toIncoming } from "../../src/channels/telegram/incoming.ts";

describe("textForBot", () => {
  it.each([
    ["/diem Tan Hong", "private", "/diem Tan Hong"],
    ["tan hong", "private", "tan hong"],
    ["/diem@cchc_bot Tan Hong", "private", "/diem Tan Hong"],
    ["/diem@CCHC_Bot", "group", "/diem"],
    ["/diem Tan Hong", "group", "/diem Tan Hong"],
    ["/diem@other_bot Tan Hong", "group", null],
    ["/diem@other_bot", "private", null],
    ["họp lúc 8 giờ", "supergroup", null],
    ["2", "group", null],
    ["2", "private", "2"],
  ] as const)("%j in a %s chat → %j", (text, chatType, expected) => {
    expect(textForBot(text, chatType, "cchc_bot")).toBe(expected);
  });
});

describe("toIncoming", () => {
  const from = { id: 7, is_bot: false, first_name: "Lê", last_name: "Thị B" };

  it("maps a supergroup to a group with its title", () => {
    expect(toIncoming({ id: -100, type: "supergroup", title: "UBND xã" }, from, "/help")).toEqual({
      platform: "telegram",
      chatId: "-100",
      chatType: "group",
      userId: "7",
      userName: "Lê Thị B",
      chatTitle: "UBND xã",
      text: "/help",
    });
  });

  it("ignores channels", () => {
    expect(toIncoming({ id: -100, type: "channel", title: "Tin" }, from, "/help")).toBeNull();
  });
});
