/**
 * Zalo's send port: a reply as plain text of at most 2000 characters a message (choices as a
 * numbered list the chat service remembers), one Bot API sendMessage per part. Zalo publishes no
 * code for a blocked chat (its 403 is documented as a server error), so nothing is read as blocked;
 * 429 ("Quota exceeded", no retry_after), 408, 5xx and network failures are worth a retry.
 */
import { toPlainText } from "../../chat/render.ts";
import { splitPlain } from "../../chat/split.ts";
import { type FailedPart, type SendPort, sendParts } from "../../push/port.ts";
import type { ZaloClient } from "./client.ts";
import { ZaloApiError } from "./errors.ts";

export function zaloPort(client: ZaloClient): SendPort {
  const partsOf = (reply: Parameters<SendPort["partsOf"]>[0]) => splitPlain(toPlainText(reply));
  return {
    platform: "zalo",
    numbersChoices: true,
    partsOf: (reply) => partsOf(reply).length,
    send(to, reply, options = {}) {
      return sendParts(
        partsOf(reply),
        options,
        async (text) => {
          const sent = await client.sendMessage(
            to.chatId,
            text,
            options.signal ? { signal: options.signal } : {},
          );
          return sent.message_id;
        },
        classifyZaloError,
      );
    },
  };
}

export function classifyZaloError(error: unknown): FailedPart {
  if (!(error instanceof ZaloApiError)) {
    return { status: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
  const reason = `${error.errorCode} ${error.description}`;
  if (error.errorCode === 429) return { status: "retry", retryAfterMs: null, rateLimited: true, reason };
  if (error.retryable) return { status: "retry", retryAfterMs: null, rateLimited: false, reason };
  return { status: "failed", reason };
}
