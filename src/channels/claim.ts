/**
 * Each platform update is answered once: the reply is computed first, then the update is claimed in
 * the store (persisted, so a redelivery after a restart is still a duplicate), then sent. A failure
 * before the claim (the database unreachable) leaves the update unclaimed for the platform's
 * redelivery. The chat service claims the update in the same write as the conversation's state when
 * it can (`handleOnce`); a stand-in service with `handle` only is answered and claimed here.
 */
import type { Reply } from "../../commands/reply.ts";
import type { ChatService, IncomingMessage, UpdateClaim } from "../chat/service.ts";
import type { Store } from "../store/index.ts";

/** The reply to send, or null for an update already claimed (a redelivery: send nothing). */
export async function answerOnce(
  chat: ChatService,
  store: Pick<Store, "updates">,
  message: IncomingMessage,
  now: Date,
  claim: UpdateClaim,
): Promise<Reply | null> {
  if (chat.handleOnce) return chat.handleOnce(message, now, claim);
  const reply = await chat.handle(message, now);
  return (await store.updates.markProcessed(claim.platform, claim.updateKey, now)) ? reply : null;
}
