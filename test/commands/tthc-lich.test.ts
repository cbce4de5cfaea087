/** /tthc and /lich over the demo dataset: Bắc An's and Tân Hồng's case figures, Kinh Môn's weeks 9–12 of 2024. */
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

/** Wednesday 20/03/2024, 09:00 in Vietnam: ISO week 12. */
const inWeek12 = new Date("2024-03-20T02:00:00Z");
let db: ChatDatabase;

beforeAll(async () => {
  db = await openDemoDatabase();
});
afterAll(() => db.close());

const ask = async (text: string, now = inWeek12, chatId = "tthc-lich") => {
  const { chat } = chatOver(db.store);
  return replyText(await chat.handle(message(text, { chatId }), now));
};

describe("/tthc", () => {
  it("shows Bắc An's cases against the 95% target and apology letters against 100%", async () => {
    const stats = await ask("/tthc Bắc An");
    expect(stats).toContain("Xã Bắc An, Thành phố Chí Linh, Tỉnh Hải Dương");
    expect(stats).toContain("Đã giải quyết: 1.035 hồ sơ");
    expect(stats).toContain("• Đúng/trước hạn: 1.034");
    expect(stats).toContain("• Trễ hạn: 1");
    expect(stats).toContain("Tỷ lệ đúng hạn: 99,9% ✅ đạt mục tiêu ≥ 95%");
    // The portal publishes neither apology letters nor pending cases: unknown, never 0.
    expect(stats).toContain("Thư xin lỗi: chưa công bố (1 hồ sơ trễ hạn cần thư xin lỗi)");
    expect(stats).toContain("Đang giải quyết: chưa công bố");
    expect(stats).not.toMatch(/Thư xin lỗi: 0/);
    expect(stats).toContain("(số liệu đến 02/12/2023 22:14)");
  });

  it("shows Tân Hồng's 840 cases all on time, and compares with the previous period when there is one", async () => {
    const stats = await ask("/tthc tan hong binh giang 2023");
    expect(stats).toContain("Đã giải quyết: 840 hồ sơ");
    expect(stats).toContain("• Đúng/trước hạn: 840");
    expect(stats).toContain("• Trễ hạn: 0");
    expect(stats).toContain("Tỷ lệ đúng hạn: 100% ✅");
    expect(stats).toContain("Thư xin lỗi: không có hồ sơ trễ hạn phải xin lỗi.");
    const periods = await db.store.tthc.forUnit(
      (await db.store.units.findByCode("10972", yearWindow(2023), "commune"))[0]!.id,
    );
    expect(stats.includes("So với kỳ trước")).toBe(periods.length > 1);
  });

  it("says when a period has no figures", async () => {
    expect(await ask("/tthc Bắc An quý 1/2019")).toBe(
      "Không có số liệu giải quyết TTHC quý 1/2019 của Xã Bắc An.",
    );
  });
});

describe("/lich", () => {
  const chatId = "lich-linked";
  let chat: ReturnType<typeof chatOver>["chat"];
  const say = async (text: string, now = inWeek12) =>
    replyText(await chat.handle(message(text, { chatId }), now));

  beforeAll(async () => {
    chat = chatOver(db.store).chat;
    const anLuu = await db.client.execute(
      "SELECT u.id FROM units u JOIN units d ON d.id = u.parent_id WHERE u.name = 'Phường An Lưu' AND d.name = 'Thị xã Kinh Môn'",
    );
    expect(await linkChat(db.store, chat, chatId, Number(anLuu.rows[0]!.id), inWeek12)).toContain(
      "Đã liên kết",
    );
  });

  it("shows the linked commune's district schedule for the current week, in Vietnam time", async () => {
    const week = await say("/lich");
    expect(week.split("\n")[0]).toBe("Lịch làm việc tuần 12 (18/03–24/03/2024)");
    expect(week).toContain("Thị xã Kinh Môn, Tỉnh Hải Dương");
    expect(week).toMatch(/Thứ Hai, 18\/03\n• \d{2}:\d{2}/);
    expect((await say("/lich tuần trước")).split("\n")[0]).toBe("Lịch làm việc tuần 11 (11/03–17/03/2024)");
    expect((await say("/lich 9")).split("\n")[0]).toBe("Lịch làm việc tuần 9 (26/02–03/03/2024)");
    // Sunday 17/03 23:30 in Vietnam is still week 11, though it is Sunday 16:30 UTC.
    const sundayNight = new Date("2024-03-17T16:30:00Z");
    expect((await say("/lich tuần sau", sundayNight)).split("\n")[0]).toBe(
      "Lịch làm việc tuần 12 (18/03–24/03/2024)",
    );
  });

  it("points to the latest week with a schedule, and pressing the choice shows it", async () => {
    const later = new Date("2026-01-05T03:00:00Z");
    const offered = await chat.handle(message("/lich", { chatId }), later);
    const empty = replyText(offered);
    expect(empty).toContain("Chưa có lịch làm việc tuần 2 (05/01–11/01/2026) của Phường An Lưu");
    expect(empty).toContain("Lịch gần nhất đã đăng: tuần 12/2024.");
    // A Telegram button sends its command back.
    const [latest] = offered.choices;
    expect((await say(latest!.command, later)).split("\n")[0]).toBe(
      "Lịch làm việc tuần 12 (18/03–24/03/2024)",
    );
  });

  it("takes a unit and a week for a chat that is not linked, and asks for a unit otherwise", async () => {
    expect((await ask("/lich 10/2024 Kinh Môn")).split("\n")[0]).toBe(
      "Lịch làm việc tuần 10 (04/03–10/03/2024)",
    );
    expect(await ask("/lich")).toContain("Bạn muốn xem đơn vị nào?");
  });
});
