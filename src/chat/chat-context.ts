/** The chat and its linked unit, as the commands see them, from an incoming message. */
import type { CommandChat, LinkedUnit, Subscription } from "../../commands/types.ts";
import type { ChatLink, Store } from "../store/index.ts";
import type { IncomingMessage } from "./service.ts";

export interface RecordedChat {
  chat: CommandChat;
  /** The unit the chat is linked to, read with it; null for an unlinked or unrecorded chat. */
  link: ChatLink | null;
}

/**
 * Telegram, Zalo and playground chats are recorded (and may link a unit, and receive notices); the
 * CLI chat is not. The store's chat type is the platform's word, kept as sent.
 */
export async function recordChat(store: Store, message: IncomingMessage, now: Date): Promise<RecordedChat> {
  const base = {
    platform: message.platform,
    chatId: message.chatId,
    type: message.chatType,
    title: message.chatTitle ?? null,
  };
  if (message.platform === "cli") {
    return { chat: { ...base, ref: null, quietHours: null, optOuts: [] }, link: null };
  }
  const { chat: record, link } = await store.chats.touchLinked(
    { platform: message.platform, chatId: message.chatId, type: message.chatType, title: base.title },
    { now, actor: `${message.platform}:${message.userId}` },
  );
  return { chat: { ...base, ref: record.id, quietHours: record.quietHours, optOuts: record.optOuts }, link };
}

export async function loadSubscription(store: Store, link: ChatLink | null): Promise<Subscription | null> {
  if (link === null) return null;
  const [unit, ...ancestors] = await store.units.path(link.unitId);
  if (unit === undefined) return null;
  const district = [unit, ...ancestors].find((u) => u.level === "district");
  const province = [unit, ...ancestors].find((u) => u.level === "province");
  const linked: LinkedUnit = {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    level: unit.level,
    path: [unit, ...ancestors].map((u) => u.name).join(", "),
    districtId: district?.id ?? null,
    provinceId: province?.id ?? null,
  };
  return { unit: linked, role: link.role };
}
