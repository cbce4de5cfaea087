/** /hang over the demo dataset: published rankings in order, group bands marked, the asker's unit marked. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText } from "../../commands/reply.ts";
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

beforeAll(async () => {
  db = await openDemoDatabase();
});
afterAll(() => db.close());

const ask = async (text: string, chatId = "hang") => {
  const { chat } = chatOver(db.store);
  return replyText(await chat.handle(message(text, { chatId }), now));
};

describe("/hang", () => {
  it("ranks Gia Lộc's 18 communes in 2022 as published, with the group bands", async () => {
    const table = await ask("/hang Gia Loc");
    const lines = table.split("\n");
    expect(lines[0]).toBe("Xếp hạng Chỉ số CCHC năm 2022");
    expect(lines[1]).toBe("18 xã, thị trấn huyện Gia Lộc, tỉnh Hải Dương");
    expect(lines[2]).toBe("— Nhóm từ 80% đến dưới 90% —");
    expect(lines[3]).toBe("1. Thống Nhất 87,49% ↑12");
    expect(lines[4]).toBe("2. Toàn Thắng 85,18% ↑8");
    expect(lines[5]).toMatch(/^3\. Đoàn Thượng 84,99%/);
    expect(table).toContain("Thị trấn Gia Lộc");
    expect(table).toMatch(/— Nhóm từ 65% đến dưới 80% —\n16\. Tân Tiến/);
    expect(table).toMatch(/\n18\. Đức Xương 66,45%/);
    expect(table).toContain("(17/03/2023).");
  });

  it("ranks Phú Yên's districts, and takes a commune's name to mean its ranking", async () => {
    const province = await ask("/hang Phú Yên 2022");
    expect(province).toContain("9 huyện, thị xã, thành phố tỉnh Phú Yên");
    expect(province).toContain("3. Thị xã Sông Cầu 73,34% ↑3");
    expect(province).toContain("— Xếp loại: Khá —");
    const byCommune = await ask("/hang Tân Hồng Bình Giang");
    expect(byCommune).toContain("16 xã, thị trấn huyện Bình Giang, tỉnh Hải Dương");
    // As the source printed it, three decimals; the commune asked about is marked.
    expect(byCommune).toMatch(/\n👉 1\. Tân Hồng 87,032% = △ \(đơn vị bạn hỏi\)/);
  });

  it("marks the linked chat's unit and defaults to its ranking and latest year", async () => {
    const { chat } = chatOver(db.store);
    const [thongNhat] = await db.store.units.findByCode("11008", yearWindow(2022), "commune");
    expect(await linkChat(db.store, chat, "hang-linked", thongNhat!.id, now)).toContain("Đã liên kết");
    const table = replyText(await chat.handle(message("/hang", { chatId: "hang-linked" }), now));
    expect(table).toContain("18 xã, thị trấn huyện Gia Lộc");
    expect(table).toContain("👉 1. Thống Nhất 87,49% ↑12 (đơn vị của bạn)");
    expect(table.match(/đơn vị của bạn/g)).toHaveLength(1);
  });

  it("says when a scope has no published ranking, or not for that year", async () => {
    expect(await ask("/hang Cẩm Giàng")).toContain(
      "Chưa có bảng xếp hạng nào được công bố cho Huyện Cẩm Giàng",
    );
    expect(await ask("/hang Gia Lộc 2019")).toContain(
      "Không có bảng xếp hạng năm 2019. Các năm đã công bố: 2022, 2021.",
    );
  });
});
