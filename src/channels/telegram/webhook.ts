/**
 * One webhook update through the bot. grammY's `webhookCallback` is not used: it rethrows every
 * error alike, and the answer must tell our outage (5xx, Telegram redelivers) from an update that
 * would fail again (200, logged, so Telegram does not loop).
 */
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Log } from "../../log.ts";
import { ChannelUnavailableError, isInfrastructureFailure } from "../failure.ts";

export const TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

export type WebhookOutcome = "handled" | "rejected";

function isUpdate(body: unknown): body is Update {
  return (
    typeof body === "object" &&
    body !== null &&
    Number.isSafeInteger((body as { update_id?: unknown }).update_id)
  );
}

/** Throws ChannelUnavailableError on our own outage; anything else is logged and answered 200. */
export async function handleTelegramUpdate(bot: Bot, body: unknown, log: Log): Promise<WebhookOutcome> {
  if (!isUpdate(body)) {
    log.warn("telegram webhook: not an update", { kind: body === null ? "null" : typeof body });
    return "rejected";
  }
  try {
    // Immediate when botInfo was given; otherwise one getMe for the process's lifetime.
    if (!bot.isInited()) await bot.init();
    await bot.handleUpdate(body);
    return "handled";
  } catch (error) {
    const cause = (error as { error?: unknown }).error ?? error;
    if (isInfrastructureFailure(error)) {
      log.error("telegram update postponed: our outage", { updateId: body.update_id, error: cause });
      throw new ChannelUnavailableError("telegram", error);
    }
    log.error("telegram update failed", { updateId: body.update_id, error: cause });
    return "rejected";
  }
}
