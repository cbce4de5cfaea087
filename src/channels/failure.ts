/**
 * Which failures a webhook reports as 5xx. Only an outage of our own (the database unreachable) is
 * worth a redelivery: the same update will succeed once the database is back. Anything else thrown
 * while handling an update would fail the same way again, so it is logged and answered 200, or the
 * platform would redeliver it in a loop. The chat service already turns outages into
 * StoreUnavailableError; the channel's own store calls (claims, chat status) throw libSQL's errors
 * raw, so both are recognised, by the chat service's own rule.
 */
import { isOutage, isStoreUnavailable } from "../chat/store-guard.ts";

export function isInfrastructureFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (isStoreUnavailable(current) || isOutage(current)) return true;
    // grammY wraps middleware errors in a BotError (`.error`); others chain through `.cause`.
    current = (current as { error?: unknown }).error ?? current.cause;
  }
  return false;
}

/**
 * Thrown by a channel when an update could not be handled because of our own outage; the app maps
 * it to 503 so the platform delivers the update again later.
 */
export class ChannelUnavailableError extends Error {
  constructor(platform: string, cause: unknown) {
    super(`${platform}: cannot handle the update now`, { cause });
    this.name = "ChannelUnavailableError";
  }
}
