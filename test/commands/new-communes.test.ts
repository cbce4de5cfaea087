/**
 * The communes of today: every chair in office leads a unit formed on 01/07/2025, and all published
 * results belong to the units before. A new unit's card shows its predecessors' results as theirs
 * (score, rank in the old district, source), for the asked year or the latest any was published.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText } from "../../commands/reply.ts";
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
const ask = async (text: string, chatId = "new-communes") =>
  replyText(await chat.handle(message(text, { platform: "zalo", chatId }), now));

async function unitId(name: string, validTo: string | null): Promise<number> {
  const found = await db.client.execute({
    sql: "SELECT id FROM units WHERE name = ? AND valid_to IS ?",
    args: [name, validTo],
  });
  expect(found.rows).toHaveLength(1);
  return Number(found.rows[0]!.id);
}

beforeAll(async () => {
  db = await openDemoDatabase();
  chat = chatOver(db.store).chat;
});
afterAll(() => db.close());

describe("a commune formed in 2025", () => {
  it("shows its predecessors' results for the latest year any was published, each as theirs", async () => {
    const card = await ask("/diem Đường An");
    const lines = card.split("\n");
    expect(lines[0]).toBe("Xã Đường An · Chỉ số CCHC năm 2022");
    expect(card).toContain("chưa có kết quả riêng");
    expect(card).toContain(
      // Tân Hồng was split (NQ 1669 items 87–88): only part of it went into Đường An.
      "• Xã Tân Hồng (cũ, một phần): 87,032/100 điểm (87,03%), hạng 1/16 xã, thị trấn huyện Bình Giang\n",
    );
    expect(card).toContain("Các năm có kết quả của đơn vị cũ: 2022, 2021, 2020.");
    expect(card).toContain(
      "Nguồn: Xã Tân Hồng 03 năm liền dẫn đầu về Chỉ số cải cách hành chính (11/03/2023).",
    );
    // Sample predecessors are marked on their own line, with the legend.
    expect(card).toMatch(/• Xã \S+ \S+ \(cũ(, một phần)?\): [\d,]+\/100 điểm \([\d,]+%\) ◇/u);
    expect(card).toContain("◇ số liệu minh họa");
  });

  it("answers the asked year, offers each predecessor's own card, and says which had nothing", async () => {
    const { chat: zalo } = chatOver(db.store);
    const card = await zalo.handle(message("/diem Duong An 2021"), now);
    const text = replyText(card);
    expect(text.split("\n")[0]).toBe("Xã Đường An · Chỉ số CCHC năm 2021");
    const tanHong = await unitId("Xã Tân Hồng", "2025-06-30");
    const choice = card.choices.find((c) => c.label === "Xã Tân Hồng (cũ) năm 2021");
    expect(choice?.command).toBe(`/diem #${tanHong} 2021`);
    expect(replyText(await zalo.handle(message(choice!.command), now))).toContain(
      "Xã Tân Hồng · Chỉ số CCHC năm 2021",
    );
    expect(await ask("/diem Duong An 2019")).toMatch(
      /Chưa có kết quả năm 2019: .*Xã Tân Hồng \(cũ, một phần\)/u,
    );
  });

  it("serves a chair linked to the new commune without a name", async () => {
    const { chat: linked } = chatOver(db.store);
    await linkChat(db.store, linked, "duong-an-chair", await unitId("Xã Đường An", null), now);
    const card = replyText(await linked.handle(message("/diem", { chatId: "duong-an-chair" }), now));
    expect(card.split("\n")[0]).toBe("Xã Đường An · Chỉ số CCHC năm 2022");
    expect(card).toContain("Xã Tân Hồng (cũ, một phần)");
    const detail = replyText(
      await linked.handle(message("/tieuchi 2021", { chatId: "duong-an-chair" }), now),
    );
    expect(detail).toContain("Xã Tân Hồng (cũ, một phần)");
  });
});

describe("the other commands for a commune formed in 2025", () => {
  it("/hang shows the ranking its predecessors were in, each of them pointed at", async () => {
    const table = await ask("/hang Đường An");
    expect(table).toContain("16 xã, thị trấn huyện Bình Giang");
    const pointed = table.split("\n").filter((l) => l.startsWith("👉"));
    expect(pointed.some((l) => l.startsWith("👉 1. Tân Hồng 87,032%"))).toBe(true);
    expect(pointed.every((l) => l.endsWith("(đơn vị cũ của Xã Đường An)"))).toBe(true);
    const predecessors = await db.store.units.predecessors(await unitId("Xã Đường An", null));
    expect(pointed).toHaveLength(predecessors.length);
  });

  it("/tthc offers the predecessors that have figures", async () => {
    const { chat: zalo } = chatOver(db.store);
    const answer = await zalo.handle(message("/tthc Đường An"), now);
    expect(replyText(answer)).toContain("chưa có số liệu riêng");
    const tanHong = answer.choices.find((c) => c.label === "Xã Tân Hồng (cũ)");
    expect(replyText(await zalo.handle(message(tanHong!.command), now))).toContain(
      "Đã giải quyết: 840 hồ sơ",
    );
  });
});
