/**
 * Long polling, for a machine without a public address. grammY deletes any webhook first (getUpdates
 * fails while one is set); updates go through the same handlers and the same claims as the webhook.
 */
import type { Bot } from "grammy";
import type { Log } from "../../log.ts";
import type { Polling } from "../polling.ts";
import { TELEGRAM_ALLOWED_UPDATES } from "./bot.ts";

const LONG_POLL_SECONDS = 20;

export function startTelegramPolling(bot: Bot, log: Log): Polling {
  const running = bot
    .start({
      allowed_updates: TELEGRAM_ALLOWED_UPDATES,
      // Well inside the client's 30 s deadline on every call, so an idle poll ends by its own answer.
      timeout: LONG_POLL_SECONDS,
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
