/**
 * A Telegram group upgraded to a supergroup gets a new chat id. The chat's row (and so its link and
 * its queued notices) moves to the new id; when the supergroup is already known (a command was sent
 * there before the migration reached us, or this is a redelivery), the group's link is carried over
 * unless the supergroup has its own.
 */
import { chatTag, type Log } from "../log.ts";
import { StoreError } from "../store/errors.ts";
import type { Platform, Store, WriteContext } from "../store/index.ts";

export async function moveChat(
  store: Pick<Store, "chats" | "subscriptions">,
  platform: Platform,
  from: string,
  to: string,
  ctx: WriteContext,
  log: Log,
): Promise<void> {
  try {
    if (await store.chats.changeChatId(platform, from, to, ctx)) {
      log.info(`${platform} group became a supergroup`, {
        from: chatTag(platform, from),
        to: chatTag(platform, to),
      });
    }
    return;
  } catch (error) {
    if (!(error instanceof StoreError && error.code === "CHAT_ID_TAKEN")) throw error;
  }
  const [oldChat, newChat] = await Promise.all([
    store.chats.get(platform, from),
    store.chats.get(platform, to),
  ]);
  if (oldChat === null || newChat === null) return;
  const link = await store.subscriptions.get(oldChat.id);
  if (link === null || (await store.subscriptions.get(newChat.id)) !== null) return;
  await store.subscriptions.set(newChat.id, link.unitId, link.role, ctx);
  await store.subscriptions.remove(oldChat.id, ctx);
  log.info(`${platform} supergroup took over the group's link`, {
    from: chatTag(platform, from),
    to: chatTag(platform, to),
  });
}
