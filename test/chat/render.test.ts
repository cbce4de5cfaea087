import { describe, expect, it } from "vitest";
import { bold, code, italic, reply, replyText, textReply } from "../../commands/reply.ts";
import { toPlainText, toTelegramHtml, toTelegramKeyboard } from "../../src/chat/render.ts";

const scoreCard = reply()
  .line(bold("Xã Tân Hồng"), ", Huyện Bình Giang <cũ> & ", italic("đến 30/06/2025"))
  .line("Mã: ", code("10972"))
  .blank()
  .line("87,03/100 điểm")
  .choice("Năm 2022", "/diem 10972 2022")
  .choice("Năm 2023", "/diem 10972 2023")
  .link("Nguồn", "https://example.gov.vn/cchc?a=1&b=2")
  .build();

describe("reply builder", () => {
  it("keeps lines of spans, choices and a link as plain data", () => {
    expect(scoreCard.lines).toHaveLength(4);
    expect(scoreCard.lines[2]).toEqual([]);
    expect(scoreCard.choices).toEqual([
      { label: "Năm 2022", command: "/diem 10972 2022" },
      { label: "Năm 2023", command: "/diem 10972 2023" },
    ]);
    expect(replyText(scoreCard)).toBe(
      "Xã Tân Hồng, Huyện Bình Giang <cũ> & đến 30/06/2025\nMã: 10972\n\n87,03/100 điểm",
    );
  });

  it("splits a string with line breaks into lines", () => {
    expect(reply().line("a\nb", bold("c")).build().lines).toEqual([
      [{ text: "a", style: "plain" }],
      [
        { text: "b", style: "plain" },
        { text: "c", style: "bold" },
      ],
    ]);
  });

  it("rejects a choice command too long for Telegram callback data", () => {
    expect(() => reply().choice("x", `/diem ${"Tân Hồng ".repeat(10)}`)).toThrow(RangeError);
  });
});

describe("toTelegramHtml", () => {
  it("renders spans as HTML and escapes text", () => {
    expect(toTelegramHtml(scoreCard)).toBe(
      "<b>Xã Tân Hồng</b>, Huyện Bình Giang &lt;cũ&gt; &amp; <i>đến 30/06/2025</i>\n" +
        "Mã: <code>10972</code>\n\n87,03/100 điểm\n" +
        '<a href="https://example.gov.vn/cchc?a=1&amp;b=2">Nguồn</a>',
    );
  });

  it("turns choices into one inline button per row", () => {
    expect(toTelegramKeyboard(scoreCard)).toEqual({
      inline_keyboard: [
        [{ text: "Năm 2022", callback_data: "/diem 10972 2022" }],
        [{ text: "Năm 2023", callback_data: "/diem 10972 2023" }],
      ],
    });
    expect(toTelegramKeyboard(textReply("x"))).toBeUndefined();
  });
});

describe("toPlainText", () => {
  it("drops markup and numbers the choices", () => {
    expect(toPlainText(scoreCard)).toBe(
      [
        "Xã Tân Hồng, Huyện Bình Giang <cũ> & đến 30/06/2025",
        "Mã: 10972",
        "",
        "87,03/100 điểm",
        "",
        "1. Năm 2022",
        "2. Năm 2023",
        "Gõ số thứ tự (1–2) để chọn.",
        "Nguồn: https://example.gov.vn/cchc?a=1&b=2",
      ].join("\n"),
    );
  });

  it("takes another hint", () => {
    const text = toPlainText(reply().choice("A", "/a").build(), { choiceHint: () => "Chọn đi" });
    expect(text).toBe("1. A\nChọn đi");
  });
});
