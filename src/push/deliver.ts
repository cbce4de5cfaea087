/**
 * Sending through a port and doing what the outcome says about the chat, the same for a webhook
 * reply and a queued notice: a blocked chat is marked blocked (and nothing more is sent to it); a
 * group that moved to a supergroup is moved in the store and the parts not yet delivered go to the
 * new id, once.
 */
import type { Reply } from "../../commands/reply.ts";
import { chatTag, type Log } from "../log.ts";
import type { Platform, Store } from "../store/index.ts";
import { moveChat } from "./chat-moves.ts";
import type { ChatAddress, SendOptions, SendOutcome, SendPort } from "./port.ts";

export interface DeliverDeps {
  store: Pick<Store, "chats" | "subscriptions">;
  log: Log;
  now: () => Date;
  /** Who the store's writes are attributed to: "telegram", "sender"… */
  actor: string;
}

export interface Delivered {
  outcome: SendOutcome;
  /** Where the last part went: the supergroup after a move. */
  to: ChatAddress;
}

export async function deliverTo(
  port: SendPort,
  deps: DeliverDeps,
  to: ChatAddress,
  reply: Reply,
  options: SendOptions = {},
): Promise<Delivered> {
  const outcome = await port.send(to, reply, options);
  const ctx = () => ({ now: deps.now(), actor: deps.actor });
  const platform = port.platform as Platform;
  if (outcome.status === "blocked") {
    await deps.store.chats.setStatus(platform, to.chatId, "blocked", ctx());
    deps.log.info(`${port.platform} chat blocked the bot`, {
      chat: chatTag(port.platform, to.chatId),
      reason: outcome.reason,
    });
    return { outcome, to };
  }
  if (outcome.status !== "moved") return { outcome, to };

  // The reply must not be lost to a failing move: the supergroup's own migration message (or its next
  // command) moves the link later.
  await moveChat(deps.store, platform, to.chatId, outcome.chatId, ctx(), deps.log).catch((error: unknown) => {
    deps.log.warn(`${port.platform} chat move failed`, {
      from: chatTag(port.platform, to.chatId),
      to: chatTag(port.platform, outcome.chatId),
      error,
    });
  });
  const moved = { chatId: outcome.chatId, type: "supergroup" };
  const rest = await port.send(moved, reply, { ...options, fromPart: outcome.partsSent, replyTo: undefined });
  const messageIds = [...outcome.messageIds, ...rest.messageIds];
  if (rest.status === "moved") {
    return {
      outcome: {
        status: "failed",
        reason: "nhóm chuyển thành siêu nhóm hai lần",
        partsSent: rest.partsSent,
        messageIds,
      },
      to: moved,
    };
  }
  if (rest.status === "blocked") {
    await deps.store.chats.setStatus(platform, moved.chatId, "blocked", ctx());
  }
  return { outcome: { ...rest, messageIds }, to: moved };
}
