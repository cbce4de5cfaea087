/**
 * Long polling, for a machine without a public address. grammY deletes any webhook first (getUpdates
 * fails while one is set); updates go through the same handlers and the same claims as the webhook.
 */
import type { Bot } from "grammy";
import type { Log } from "../../log.ts";
import type { Polling } from "../polling.ts";
import { TELEGRAM_ALLOWED_UPDATES } from "./bot.ts";

export function startTelegramPolling(bot: Bot, log: Log): Polling {
  const running = bot
    .start({
      allowed_updates: TELEGRAM_ALLOWED_UPDATES,
      onStart: (me) => log.info("telegram polling started", { bot: me.username }),
    })
    .catch((error: unknown) => log.error("telegram polling stopped", { error }));
  return {
    async stop() {
      await bot.stop();
      await running;
    },
  };
}
