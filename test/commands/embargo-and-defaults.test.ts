/**
 * The embargo (the demo's 2023 drafts of Gia Lộc and Bình Giang never reach a chat), the defaults of a
 * linked chat (its unit, the latest published year) and ambiguous names answered by number or button.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText } from "../../commands/reply.ts";
import { formatNumber } from "../../src/format/vi.ts";
import { yearWindow } from "../../src/store/index.ts";
import {
  type ChatDatabase,
  chatOver,
  linkChat,
  message,
  openDemoDatabase,
} from "../support/chat-database.ts";

const now = new Date("2026-01-05T03:00:00Z");
let db: ChatDatabase;
let chat: ReturnType<typeof chatOver>["chat"];
let tanHongId: number;
let thongNhatId: number;

beforeAll(async () => {
  db = await openDemoDatabase();
  chat = chatOver(db.store).chat;
  tanHongId = (await db.store.units.findByCode("10972", yearWindow(2022), "commune"))[0]!.id;
  thongNhatId = (await db.store.units.findByCode("11008", yearWindow(2022), "commune"))[0]!.id;
});
afterAll(() => db.close());

const say = async (text: string, chatId: string, platform: "telegram" | "zalo" = "telegram") =>
  replyText(await chat.handle(message(text, { chatId, platform }), now));

/** A draft's total, as a reply would print it (points and % coincide: the maximum is 100). */
async function draftTotal(unitId: number): Promise<string> {
  const draft = await db.store.assessments.get(unitId, 2023);
  expect(draft?.status).toBe("draft");
  const scores = await db.store.assessments.scores(draft!.id);
  return formatNumber(
    scores.reduce((sum, s) => sum + (s.finalScore ?? 0), 0),
    2,
  );
}

describe("the embargo", () => {
  it("answers 2023 as not yet published, everywhere, and shows no 2023 figure", async () => {
    const drafts = [await draftTotal(tanHongId), await draftTotal(thongNhatId)];
    const asks = [
      "/diem Tân Hồng Bình Giang 2023",
      "/diem 2023 thong nhat gia loc",
      "/tieuchi tan hong binh giang 2023",
      "/hang Gia Lộc 2023",
      "/hang Bình Giang 2023",
      "/diem Thống Nhất 2023",
    ];
    for (const text of asks) {
      const answer = await say(text, "embargo");
      expect(answer, text).toMatch(/^Kết quả năm 2023 chưa được công bố\.|Có nhiều đơn vị/);
      for (const figure of drafts) expect(answer, text).not.toContain(figure);
    }
    const rankings = [await say("/hang Gia Lộc", "embargo"), await say("/hang Bình Giang", "embargo")];
    for (const table of rankings) {
      expect(table).toContain("năm 2022");
      for (const figure of drafts) expect(table).not.toContain(figure);
    }
  });

  it("offers the published years instead", async () => {
    const { chat: fresh } = chatOver(db.store);
    const answer = await fresh.handle(
      message("/diem Tân Hồng Bình Giang 2023", { chatId: "embargo-2" }),
      now,
    );
    expect(answer.choices.map((c) => c.label)).toEqual(["Năm 2022", "Năm 2021", "Năm 2020"]);
    expect(replyText(answer)).toContain("Năm gần nhất đã công bố: 2022.");
  });
});

describe("a linked chat's defaults", () => {
  it("uses the linked unit and the latest published year, and a year typed alone", async () => {
    expect(await linkChat(db.store, chat, "defaults", tanHongId, now)).toContain(
      "Xã Tân Hồng, Huyện Bình Giang",
    );
    const card = await say("/diem", "defaults");
    expect(card).toContain("Chỉ số CCHC năm 2022");
    expect(card).toContain("87,032/100 điểm (87,03%)");
    expect(await say("/diem 2021", "defaults")).toContain("Chỉ số CCHC năm 2021");
    expect(await say("/diem 2023", "defaults")).toMatch(/^Kết quả năm 2023 chưa được công bố\./);
    expect(await say("/tieuchi", "defaults")).toContain("Điểm từng lĩnh vực năm 2022");
    expect(await say("/tthc", "defaults")).toContain("Đã giải quyết: 840 hồ sơ");
    expect(await say("diem", "defaults")).toContain("87,032");
  });

  it("lists the asker's own district first when a name is ambiguous", async () => {
    const { chat: fresh } = chatOver(db.store);
    const kinhMon = await db.client.execute(
      "SELECT u.id FROM units u JOIN units d ON d.id = u.parent_id WHERE u.name = 'Phường An Lưu' AND d.name = 'Thị xã Kinh Môn'",
    );
    await linkChat(db.store, fresh, "near", Number(kinhMon.rows[0]!.id), now);
    const offered = await fresh.handle(message("/diem Long Xuyên", { chatId: "near" }), now);
    expect(offered.choices[0]?.label).toMatch(/^Phường Long Xuyên, Thị xã Kinh Môn/);
  });
});

describe("ambiguous names", () => {
  it("gives a choice among namesakes with results, answered with a number in Zalo", async () => {
    const { chat: zaloChat } = chatOver(db.store);
    const zalo = (text: string) => message(text, { platform: "zalo", chatId: "ambiguous-zalo" });
    const offered = await zaloChat.handle(zalo("/diem long xuyen"), now);
    const labels = offered.choices.map((c) => c.label);
    expect(labels.slice(0, 2).sort()).toEqual([
      "Phường Long Xuyên, Thị xã Kinh Môn, Tỉnh Hải Dương (đến 30/06/2025)",
      "Xã Long Xuyên, Huyện Bình Giang, Tỉnh Hải Dương (đến 30/06/2025)",
    ]);
    const binhGiang = labels.findIndex((label) => label.startsWith("Xã Long Xuyên")) + 1;
    const card = replyText(await zaloChat.handle(zalo(String(binhGiang)), now));
    expect(card).toContain("Xã Long Xuyên, Huyện Bình Giang, Tỉnh Hải Dương");
    expect(card).toMatch(/Xếp hạng: \d+\/16 xã, thị trấn huyện Bình Giang/);
  });

  it("runs the button's command in Telegram", async () => {
    const offered = await chat.handle(message("/diem long xuyen", { chatId: "ambiguous-tg" }), now);
    const kinhMon = offered.choices.find((c) => c.label.startsWith("Phường Long Xuyên"))!;
    const card = replyText(await chat.handle(message(kinhMon.command, { chatId: "ambiguous-tg" }), now));
    expect(card).toContain("Phường Long Xuyên, Thị xã Kinh Môn, Tỉnh Hải Dương");
    expect(card).toContain("Chỉ số CCHC năm 2021");
  });

  it("takes the only namesake with results straight away, and says so", async () => {
    const card = await say("/diem Tan Hong 2022", "ambiguous-one");
    expect(card).toContain("Xã Tân Hồng, Huyện Bình Giang");
    expect(card).toContain("đây là đơn vị duy nhất có kết quả đã công bố");
  });
});
