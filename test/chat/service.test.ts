import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Reply, replyText } from "../../commands/reply.ts";
import type { Command } from "../../commands/types.ts";
import { toPlainText } from "../../src/chat/render.ts";
import { CHOICE_TTL_MS, createChatService, isSilent } from "../../src/chat/service.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { AppError } from "../../src/errors.ts";
import type { Log } from "../../src/log.ts";
import { createResolver } from "../../src/resolve/index.ts";
import { createStore, yearWindow } from "../../src/store/index.ts";
import {
  type ChatDatabase,
  chatOver,
  message,
  openChatDatabase,
  setupContext,
} from "../support/chat-database.ts";

const now = new Date("2026-01-05T03:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const text = (reply: Reply) => replyText(reply);

let db: ChatDatabase;
let oldTanHongId: number;

beforeAll(async () => {
  db = await openChatDatabase();
  const [unit] = await db.store.units.findByCode("10972", yearWindow(2022), "commune");
  oldTanHongId = unit!.id;
});
afterAll(() => db.close());

describe("chats and the resolver", () => {
  it("records a Telegram, Zalo or playground chat, but not the CLI's", async () => {
    const { chat } = chatOver(db.store);
    await chat.handle(message("/help", { chatId: "rec-1", chatTitle: "UBND xã" }), now);
    expect(await db.store.chats.get("telegram", "rec-1")).toMatchObject({
      type: "private",
      title: "UBND xã",
    });
    await chat.handle(message("/help", { platform: "web", chatId: "web-1" }), now);
    expect(await db.store.chats.get("web", "web-1")).toMatchObject({ platform: "web", type: "private" });
    await chat.handle(message("/help", { platform: "cli", chatId: "cli-1" }), now);
    expect(await db.client.execute("SELECT count(*) AS n FROM chats WHERE chat_id = 'cli-1'")).toMatchObject({
      rows: [{ n: 0 }],
    });
  });

  it("builds the name index only when a command needs it, and once", async () => {
    const { chat, resolverBuilds } = chatOver(db.store);
    await chat.handle(message("/help"), now);
    await chat.handle(message("/start"), now);
    expect(resolverBuilds()).toBe(0);
    await chat.handle(message("/diem Tân Hồng"), now);
    await chat.handle(message("/hang Gia Lộc"), now);
    expect(resolverBuilds()).toBe(1);
  });
});

describe("choices", () => {
  it("offers a choice for an ambiguous name, and runs the option a Zalo user answers by number", async () => {
    const { chat } = chatOver(db.store);
    const zalo = (t: string) => message(t, { platform: "zalo", chatId: "zalo-choice" });
    const offered = await chat.handle(zalo("/diem Tân Hồng 2022"), now);
    expect(offered.choices.length).toBeGreaterThanOrEqual(2);
    const labels = offered.choices.map((c) => c.label);
    expect(labels).toContain("Xã Tân Hồng, Huyện Bình Giang, Tỉnh Hải Dương (đến 30/06/2025)");
    expect(toPlainText(offered)).toMatch(/\n1\. .+\n2\. .+/);

    const binhGiang = labels.findIndex((label) => label.includes("Bình Giang")) + 1;
    const picked = await chat.handle(zalo(String(binhGiang)), later(60_000));
    expect(text(picked)).toContain("Xã Tân Hồng, Huyện Bình Giang, Tỉnh Hải Dương");
    // The list stays for another pick; a new question replaces it.
    const again = await chat.handle(zalo(" 1 "), later(120_000));
    expect(text(again)).not.toContain("Không có danh sách");
    // /help offers "Xem thêm"; /start offers nothing, so the list is gone.
    await chat.handle(zalo("/start"), later(180_000));
    expect(text(await chat.handle(zalo("1"), later(200_000)))).toContain("Không có danh sách lựa chọn");
  });

  it("runs a Telegram button's command as sent back, and keeps every command within 64 bytes", async () => {
    const { chat } = chatOver(db.store);
    const offered = await chat.handle(message("/diem Thống Nhất 2022", { chatId: "tg-choice" }), now);
    expect(offered.choices.length).toBeGreaterThanOrEqual(2);
    for (const choice of offered.choices) {
      expect(new TextEncoder().encode(choice.command).length).toBeLessThanOrEqual(64);
    }
    const first = offered.choices[0]!;
    const picked = await chat.handle(message(first.command, { chatId: "tg-choice" }), now);
    expect(text(picked)).toContain(first.label.replace(/ \(đến .*\)$/u, ""));
  });

  it("forgets a list after 30 minutes and asks for a number within the list", async () => {
    const { chat } = chatOver(db.store);
    const zalo = (t: string) => message(t, { platform: "zalo", chatId: "zalo-expiry" });
    const offered = await chat.handle(zalo("/diem Tân Hồng 2022"), now);
    expect(text(await chat.handle(zalo("99"), later(1_000)))).toBe(
      `Hãy gõ một số từ 1 đến ${offered.choices.length}.`,
    );
    expect(text(await chat.handle(zalo("1"), later(CHOICE_TTL_MS + 1_000)))).toContain(
      "Không có danh sách lựa chọn",
    );
  });
});

describe("unknown commands", () => {
  it("suggests the near-miss command, with the arguments carried over", async () => {
    const { chat } = chatOver(db.store);
    const answer = await chat.handle(message("/dim tan hong"), now);
    expect(text(answer)).toContain("Bạn có muốn /diem?");
    expect(answer.choices[0]).toMatchObject({ command: "/diem tan hong" });
    const bare = await chat.handle(message("hnag gia loc"), now);
    expect(text(bare)).toContain("Bạn có muốn /hang?");
  });

  it("answers plain chatter in a private chat with help, and stays silent in a group", async () => {
    const { chat } = chatOver(db.store);
    expect(text(await chat.handle(message("xin cảm ơn"), now))).toContain("/help");
    const group = { chatType: "group" as const, chatId: "-100200" };
    expect(isSilent(await chat.handle(message("xin cảm ơn cả nhà", group), now))).toBe(true);
    expect(isSilent(await chat.handle(message("2", group), now))).toBe(true);
    expect(isSilent(await chat.handle(message("/diem@OtherBot tan hong", group), now))).toBe(true);
    expect(text(await chat.handle(message("/diemm@CchcBot", group), now))).not.toBe("");
  });
});

describe("linking a chat with an invite", () => {
  it("links with /dangky, uses the linked unit by default, and unlinks with /huy", async () => {
    await db.store.invites.create(
      { code: "TEST-2345", unitId: oldTanHongId, role: "chair", expiresAt: later(86_400_000) },
      setupContext,
    );
    const { chat } = chatOver(db.store);
    const linkChat = (t: string, at = now) => chat.handle(message(t, { chatId: "link-1" }), at);
    expect(text(await linkChat("/diem"))).toContain("/dangky");
    const linked = await linkChat("/dangky test 2345");
    expect(text(linked)).toContain("Đã liên kết cuộc trò chuyện này với Xã Tân Hồng, Huyện Bình Giang");
    expect(text(linked)).toContain("chủ tịch UBND");
    expect(text(await linkChat("/start"))).toContain("Cuộc trò chuyện đã liên kết với Xã Tân Hồng");
    expect(text(await linkChat("/diem"))).toContain("Xã Tân Hồng, Huyện Bình Giang, Tỉnh Hải Dương");

    const other = await chat.handle(message("/dangky TEST-2345", { chatId: "link-2" }), now);
    expect(text(other)).toContain("đã được dùng");
    expect(text(await chat.handle(message("/dangky ZZZZ-ZZZZ", { chatId: "link-2" }), now))).toContain(
      "Không có mã mời",
    );
    expect(text(await chat.handle(message("/dangky 0000", { chatId: "link-2" }), now))).toContain(
      "Mã mời không đúng",
    );

    expect(text(await linkChat("/huy"))).toContain("Đã hủy liên kết với Xã Tân Hồng");
    expect(text(await linkChat("/huy"))).toContain("chưa liên kết");
  });

  it("refuses an expired invite with its expiry in Vietnam time", async () => {
    await db.store.invites.create(
      { code: "EXPD-2345", unitId: oldTanHongId, role: "officer", expiresAt: later(60_000) },
      setupContext,
    );
    const { chat } = chatOver(db.store);
    const answer = await chat.handle(message("/dangky EXPD-2345", { chatId: "link-3" }), later(120_000));
    expect(text(answer)).toBe("Mã mời EXPD-2345 đã hết hạn lúc 05/01/2026 10:01. Hãy xin mã mới.");
  });

  it("links the playground like any chat, but not the CLI chat", async () => {
    await db.store.invites.create(
      { code: "WEBB-2345", unitId: oldTanHongId, role: "chair", expiresAt: later(3_600_000) },
      setupContext,
    );
    const { chat } = chatOver(db.store);
    const web = await chat.handle(message("/dangky WEBB-2345", { platform: "web", chatId: "w" }), now);
    expect(text(web)).toContain("Đã liên kết cuộc trò chuyện này với Xã Tân Hồng");
    const cli = await chat.handle(message("/dangky TEST-2345", { platform: "cli", chatId: "c" }), now);
    expect(text(cli)).toBe(
      "Lệnh này dùng được trong Telegram, Zalo hoặc trang thử (http://localhost:8787/), không dùng trong npm run chat.",
    );
  });
});

describe("/caidat", () => {
  it("sets and clears quiet hours and opts out of optional notices", async () => {
    const { chat } = chatOver(db.store);
    const settings = (t: string) => chat.handle(message(t, { chatId: "settings-1" }), now);
    expect(text(await settings("/caidat"))).toContain("Giờ yên lặng: chưa đặt");
    expect(text(await settings("/caidat 22h-6h30"))).toContain("Giờ yên lặng: 22:00–06:30");
    expect((await db.store.chats.get("telegram", "settings-1"))?.quietHours).toEqual({
      start: "22:00",
      end: "06:30",
    });
    expect(text(await settings("/caidat tắt lịch"))).toContain("Thông báo lịch làm việc đầu tuần: tắt");
    expect((await db.store.chats.get("telegram", "settings-1"))?.optOuts).toEqual(["weekly-schedule"]);
    expect(text(await settings("/caidat bật lich"))).toContain("Thông báo lịch làm việc đầu tuần: bật");
    expect(text(await settings("/caidat bỏ giờ yên lặng"))).toContain("Giờ yên lặng: chưa đặt");
    expect(text(await settings("/caidat 25:00-06:00"))).toContain("Giờ không hợp lệ");
    expect(text(await settings("/caidat linh tinh"))).toContain("Cách dùng");
  });
});

describe("bad input never throws", () => {
  const inputs = [
    `/diem ${"a".repeat(10_000)}`,
    "a".repeat(10_000),
    "/diem 🏛️😀🇻🇳",
    "😀",
    "/diem '; DROP TABLE units; --",
    "/hang Tân Hồng' OR '1'='1",
    "/tthc 1; DELETE FROM chats",
    "/lich 99",
    "/lich tuần 53/2024",
    "/dangky '; DROP TABLE invite_codes; --",
    "/caidat 99:99-99:99",
    "/tieuchi \u200b\u200d\ufeff",
    "",
  ];
  it.each(inputs.map((input) => [input.slice(0, 40), input]))("%s", async (_label, input) => {
    const { chat } = chatOver(db.store);
    const before = await db.store.units.count();
    const answer = await chat.handle(message(input, { chatId: "fuzz" }), now);
    expect(replyText(answer).length).toBeGreaterThan(0);
    expect(replyText(answer).length).toBeLessThan(2_000);
    expect(await db.store.units.count()).toBe(before);
  });
});

describe("failures", () => {
  it("rejects with STORE_UNAVAILABLE when the database cannot be reached", async () => {
    const client = openEmbedded(":memory:");
    client.close();
    const chat = createChatService({ store: createStore(client), resolver: async () => createResolver([]) });
    await expect(chat.handle(message("/diem Tân Hồng"), now)).rejects.toMatchObject({
      code: "STORE_UNAVAILABLE",
      name: "StoreUnavailableError",
    });
  });

  it("answers a refusal (AppError) briefly and a bug with an apology it logs", async () => {
    const errors: unknown[] = [];
    const log: Log = { info() {}, warn() {}, error: (_m, fields) => errors.push(fields?.error) };
    const failing = (name: string, error: Error): Command => ({
      name,
      aliases: [],
      description: "thử lỗi",
      usage: `/${name}`,
      example: `/${name}`,
      run: async () => {
        throw error;
      },
    });
    const chat = createChatService({
      store: db.store,
      resolver: async () => createResolver([]),
      log,
      commands: [
        failing("refuse", new AppError("SOMETHING_REFUSED", "Không làm được việc này.")),
        failing("crash", new TypeError("x is undefined")),
      ],
    });
    expect(text(await chat.handle(message("/refuse"), now))).toBe("Không làm được việc này.");
    const apology = text(await chat.handle(message("/crash"), now));
    expect(apology).toContain("Xin lỗi");
    expect(apology).not.toContain("undefined");
    expect(errors).toHaveLength(1);
  });
});
