/**
 * `npm run cli -- telegram setup [--webhook-url URL]`: points Telegram at our webhook (with the
 * secret) and sets the Vietnamese command menu. Run once per deploy, never at every start: the
 * service itself only ever receives.
 */
import { Bot, GrammyError, HttpError } from "grammy";
import { commandMenu } from "../../../commands/index.ts";
import { TELEGRAM_ALLOWED_UPDATES } from "../../channels/telegram/bot.ts";
import { parseConfig } from "../../config.ts";
import { AppError } from "../../errors.ts";
import { EXIT_OK, type Verb } from "../verb.ts";
import { parseFlags, usageError } from "./parse-flags.ts";
import { webhookUrl } from "./webhook-url.ts";

const USAGE = [
  "npm run cli -- telegram setup [--webhook-url <URL>]",
  "",
  "Đặt webhook của bot Telegram (kèm TELEGRAM_WEBHOOK_SECRET) và menu lệnh tiếng Việt.",
  "URL webhook: --webhook-url, nếu không thì PUBLIC_BASE_URL + /webhook/telegram.",
  "Khi TELEGRAM_MODE=polling và không có URL: chỉ đặt menu lệnh (và xoá webhook cũ).",
  "Cần TELEGRAM_BOT_TOKEN; TELEGRAM_API_ROOT cho máy chủ Bot API riêng.",
].join("\n");

export const telegramVerb: Verb = {
  name: "telegram",
  summary: "Đặt webhook và menu lệnh của bot Telegram / set the Telegram webhook and command menu",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { "webhook-url": { type: "string" } }, USAGE);
    if (positionals[0] !== "setup" || positionals.length > 1)
      throw usageError("Chỉ có: telegram setup", USAGE);
    const config = parseConfig(process.env);
    const telegram = config.telegram;
    if (telegram === null) throw usageError("Chưa đặt TELEGRAM_BOT_TOKEN.", USAGE);
    const url = webhookUrl(values["webhook-url"], config.publicBaseUrl, "/webhook/telegram");
    if (url !== null && telegram.webhookSecret === null) {
      throw usageError("Đặt webhook cần TELEGRAM_WEBHOOK_SECRET (Telegram gửi kèm mỗi yêu cầu).", USAGE);
    }
    if (url === null && telegram.mode === "webhook") {
      throw usageError("Thiếu URL webhook: dùng --webhook-url hoặc đặt PUBLIC_BASE_URL.", USAGE);
    }
    const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot, timeoutSeconds: 30 } });
    try {
      if (url !== null && telegram.webhookSecret !== null) {
        await bot.api.setWebhook(url, {
          secret_token: telegram.webhookSecret,
          allowed_updates: TELEGRAM_ALLOWED_UPDATES,
        });
        io.out(`Đã đặt webhook: ${url} (kèm mã bí mật).`);
      } else {
        await bot.api.deleteWebhook();
        io.out("Chế độ polling: đã xoá webhook (nếu có).");
      }
      const menu = commandMenu();
      await bot.api.setMyCommands(menu);
      io.out(`Đã đặt menu lệnh: ${menu.map((item) => `/${item.command}`).join(", ")}.`);
      // A Worker must not ask getMe in every new isolate: it reads this from its configuration.
      const me = await bot.api.getMe();
      io.out("TELEGRAM_BOT_INFO (Cloudflare Workers: npx wrangler secret put TELEGRAM_BOT_INFO):");
      io.out(JSON.stringify(me));
      return EXIT_OK;
    } catch (error) {
      // grammY's messages name the method, never the URL with the token in it.
      if (error instanceof GrammyError || error instanceof HttpError) {
        throw new AppError("TELEGRAM_SETUP_FAILED", `Telegram từ chối: ${error.message}`);
      }
      throw error;
    }
  },
};
