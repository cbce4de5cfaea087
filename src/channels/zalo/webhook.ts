/**
 * One Zalo webhook body through the bot, after the app has checked X-Bot-Api-Secret-Token. Wrapped
 * (`{ ok, result }`, as documented) and unwrapped (`{ event_name, message }`, as seen) bodies are
 * both accepted.
 */
import type { Log } from "../../log.ts";
import { ChannelUnavailableError, isInfrastructureFailure } from "../failure.ts";
import type { Background, ZaloBot } from "./bot.ts";
import { parseZaloUpdate } from "./update.ts";

export const ZALO_SECRET_HEADER = "X-Bot-Api-Secret-Token";

/** Throws ChannelUnavailableError on our own outage; anything else is logged and answered 200. */
export async function handleZaloWebhook(
  bot: ZaloBot,
  body: unknown,
  log: Log,
  background?: Background,
): Promise<"handled" | "rejected"> {
  const parsed = parseZaloUpdate(body);
  if (!parsed.ok) {
    log.warn("zalo webhook: not an update", { problem: parsed.error });
    return "rejected";
  }
  try {
    await bot.handleUpdate(parsed.update, background);
    return "handled";
  } catch (error) {
    const messageId = parsed.update.message?.message_id;
    if (isInfrastructureFailure(error)) {
      log.error("zalo update postponed: our outage", { messageId, error });
      throw new ChannelUnavailableError("zalo", error);
    }
    log.error("zalo update failed", { messageId, error });
    return "rejected";
  }
}
