/**
 * The loopback Telegram Bot API test double, driven by the real grammY client, so later end-to-end
 * tests can trust what it records.
 */
import { Bot, GrammyError } from "grammy";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeTelegramApi, startFakeTelegramApi } from "../support/fake-telegram-api.ts";

let telegram: FakeTelegramApi;

beforeEach(async () => {
  telegram ??= await startFakeTelegramApi();
  telegram.reset();
});

afterAll(async () => {
  await telegram?.close();
});

function botFor(api: FakeTelegramApi, token = api.token): Bot {
  return new Bot(token, { botInfo: api.botInfo, client: { apiRoot: api.apiRoot } });
}

describe("fake Telegram Bot API with a real grammY bot", () => {
  it("answers sendMessage like Telegram and records the call", async () => {
    const bot = botFor(telegram);
    const sent = await bot.api.sendMessage(42, "<b>Xã Tân Hồng</b> &amp; 87,03", { parse_mode: "HTML" });
    expect(sent).toMatchObject({ chat: { id: 42, type: "private" }, text: "Xã Tân Hồng & 87,03" });
    expect(telegram.callsTo("sendMessage")).toEqual([
      expect.objectContaining({
        params: expect.objectContaining({ chat_id: 42, parse_mode: "HTML" }),
        status: 200,
      }),
    ]);
    expect(telegram.sentTexts()).toEqual(["<b>Xã Tân Hồng</b> &amp; 87,03"]);
  });

  it("refuses with 429 and the retry_after grammY reads, then accepts", async () => {
    const bot = botFor(telegram);
    telegram.fail("sendMessage", { status: 429, retryAfter: 3 });
    const error = await bot.api.sendMessage(-100123, "lần một").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 429, parameters: { retry_after: 3 } });
    await bot.api.sendMessage(-100123, "lần hai thì được");
    expect(telegram.callsTo("sendMessage").map((call) => call.status)).toEqual([429, 200]);
  });

  it("reports a blocked user as 403", async () => {
    const bot = botFor(telegram);
    telegram.fail("sendMessage", { status: 403 });
    const error = await bot.api.sendMessage(42, "x").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 403, description: "Forbidden: bot was blocked by the user" });
  });

  it("fails with 500 when scripted", async () => {
    const bot = botFor(telegram);
    telegram.fail("sendMessage", { status: 500 });
    await expect(bot.api.sendMessage(42, "x")).rejects.toMatchObject({ error_code: 500 });
  });

  it("rejects a wrong token with 401 and records the attempt", async () => {
    const bot = botFor(telegram, "999:wrong");
    await expect(bot.api.sendMessage(42, "x")).rejects.toMatchObject({
      error_code: 401,
      description: "Unauthorized",
    });
    expect(telegram.calls).toEqual([
      expect.objectContaining({ method: "sendMessage", authorized: false, status: 401 }),
    ]);
    expect(telegram.callsTo("sendMessage")).toEqual([]);
  });

  it("checks HTML and length as Telegram does", async () => {
    const bot = botFor(telegram);
    await expect(
      bot.api.sendMessage(42, "<b>mở mà không đóng", { parse_mode: "HTML" }),
    ).rejects.toMatchObject({
      error_code: 400,
    });
    await expect(bot.api.sendMessage(42, "<script>x</script>", { parse_mode: "HTML" })).rejects.toMatchObject(
      {
        error_code: 400,
      },
    );
    await expect(bot.api.sendMessage(42, "a".repeat(4097))).rejects.toMatchObject({
      description: "Bad Request: message is too long",
    });
    await expect(bot.api.sendMessage(42, "a".repeat(4096))).resolves.toMatchObject({
      message_id: expect.any(Number),
    });
  });

  it("keeps the webhook and the command menu", async () => {
    const bot = botFor(telegram);
    await bot.api.setWebhook("https://cchc.example.vn/webhook/telegram", { secret_token: "abc_123" });
    await bot.api.setMyCommands([{ command: "diem", description: "Điểm CCHC của đơn vị" }]);
    expect(telegram.webhookUrl).toBe("https://cchc.example.vn/webhook/telegram");
    expect(await bot.api.getMyCommands()).toEqual([{ command: "diem", description: "Điểm CCHC của đơn vị" }]);
    expect(telegram.callsTo("setWebhook")[0]?.params).toMatchObject({ secret_token: "abc_123" });
    await expect(bot.api.getMe()).resolves.toMatchObject({ username: telegram.botInfo.username });
    await expect(bot.api.sendChatAction(42, "typing")).resolves.toBe(true);
  });

  it("serves queued updates to a polling bot", async () => {
    const bot = botFor(telegram);
    const replied = new Promise<void>((resolve) => {
      bot.use(async (_ctx, next) => {
        await next();
        resolve();
      });
    });
    bot.command("start", (ctx) => ctx.reply("Xin chào"));
    telegram.pushUpdate({
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 7, type: "private", first_name: "An" },
        from: { id: 7, is_bot: false, first_name: "An" },
        text: "/start",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    });
    void bot.start({ timeout: 1, drop_pending_updates: false });
    await replied;
    await bot.stop();
    expect(telegram.sentTexts()).toEqual(["Xin chào"]);
  });

  it("reads form-encoded bodies and answers unknown methods with 404", async () => {
    const response = await fetch(`${telegram.apiRoot}/bot${telegram.token}/sendMessage`, {
      method: "POST",
      body: new URLSearchParams({ chat_id: "5", text: "form" }),
    });
    expect(await response.json()).toMatchObject({ ok: true, result: { text: "form", chat: { id: 5 } } });
    const unknown = await fetch(`${telegram.apiRoot}/bot${telegram.token}/noSuchMethod`, { method: "POST" });
    expect(unknown.status).toBe(404);
  });
});
