/**
 * `npm run cli -- zalo setup [--webhook-url URL]`: registers our webhook (HTTPS, with the secret
 * Zalo echoes in X-Bot-Api-Secret-Token) with the Zalo Bot Platform. Run once per deploy.
 */
import { createZaloClient } from "../../channels/zalo/client.ts";
import { parseConfig } from "../../config.ts";
import { EXIT_OK, type Verb } from "../verb.ts";
import { parseFlags, usageError } from "./parse-flags.ts";
import { webhookUrl } from "./webhook-url.ts";

const USAGE = [
  "npm run cli -- zalo setup [--webhook-url <URL>]",
  "",
  "Đặt webhook của bot Zalo (URL https, kèm ZALO_WEBHOOK_SECRET 8–256 ký tự).",
  "URL webhook: --webhook-url, nếu không thì PUBLIC_BASE_URL + /webhook/zalo.",
  "Cần ZALO_BOT_TOKEN; ZALO_API_ROOT để dùng máy chủ khác.",
].join("\n");

export const zaloVerb: Verb = {
  name: "zalo",
  summary: "Đặt webhook của bot Zalo / set the Zalo webhook",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { "webhook-url": { type: "string" } }, USAGE);
    if (positionals[0] !== "setup" || positionals.length > 1) throw usageError("Chỉ có: zalo setup", USAGE);
    const config = parseConfig(process.env);
    const zalo = config.zalo;
    if (zalo === null) throw usageError("Chưa đặt ZALO_BOT_TOKEN.", USAGE);
    if (zalo.webhookSecret === null) throw usageError("Chưa đặt ZALO_WEBHOOK_SECRET.", USAGE);
    const url = webhookUrl(values["webhook-url"], config.publicBaseUrl, "/webhook/zalo");
    if (url === null)
      throw usageError("Thiếu URL webhook: dùng --webhook-url hoặc đặt PUBLIC_BASE_URL.", USAGE);
    const client = createZaloClient({ token: zalo.token, apiRoot: zalo.apiRoot });
    const info = await client.setWebhook(url, zalo.webhookSecret);
    io.out(`Đã đặt webhook Zalo: ${info.url || url} (kèm mã bí mật).`);
    return EXIT_OK;
  },
};
