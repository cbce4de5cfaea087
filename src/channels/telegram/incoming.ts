/**
 * From a Telegram chat, sender and text to the chat service's IncomingMessage. Pure: no grammY
 * runtime, only its types.
 */
import type { Chat, User } from "grammy/types";
import type { IncomingMessage } from "../../chat/service.ts";

/**
 * The text as the chat service should see it, or null when the message is not for this bot: in a
 * group only commands are answered (members talk to each other there), and "/diem@other_bot" is
 * another bot's. "/diem@our_bot Tân Hồng" loses its "@our_bot".
 */
export function textForBot(text: string, chatType: Chat["type"], botUsername: string): string | null {
  const command = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]{1,64}))?(?=\s|$)/.exec(text);
  if (command === null) return chatType === "private" ? text : null;
  const addressee = command[2];
  if (addressee !== undefined && addressee.toLowerCase() !== botUsername.toLowerCase()) return null;
  return addressee === undefined ? text : `/${command[1]}${text.slice(command[0].length)}`;
}

export function displayName(user: User): string {
  return [user.first_name, user.last_name].filter(Boolean).join(" ") || user.username || String(user.id);
}

/** Null for channels, where the bot only posts. */
export function toIncoming(chat: Chat, from: User, text: string): IncomingMessage | null {
  if (chat.type === "channel") return null;
  const group = chat.type === "group" || chat.type === "supergroup";
  return {
    platform: "telegram",
    chatId: String(chat.id),
    chatType: group ? "group" : "private",
    userId: String(from.id),
    userName: displayName(from),
    ...(group ? { chatTitle: chat.title } : {}),
    text,
  };
}
