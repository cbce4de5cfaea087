/**
 * The bot's own getMe answer, given in configuration (TELEGRAM_BOT_INFO) so that a Worker isolate, which
 * may live for one request, never spends a Bot API round trip asking who it is. `telegram setup` prints it.
 */
import type { UserFromGetMe } from "grammy/types";
import { z } from "zod";

const botInfoSchema = z.looseObject({
  id: z.number().int().positive(),
  is_bot: z.literal(true),
  first_name: z.string().min(1),
  username: z.string().min(1),
  can_join_groups: z.boolean().default(true),
  can_read_all_group_messages: z.boolean().default(false),
  supports_inline_queries: z.boolean().default(false),
  can_connect_to_business: z.boolean().default(false),
  has_main_web_app: z.boolean().default(false),
  has_topics_enabled: z.boolean().default(false),
  allows_users_to_create_topics: z.boolean().default(false),
  can_manage_bots: z.boolean().default(false),
  supports_join_request_queries: z.boolean().default(false),
});

export const BOT_INFO_RULE =
  'phải là JSON do getMe trả về, ví dụ {"id":123,"is_bot":true,"first_name":"CCHC","username":"cchc_bot"}';

/** The parsed bot, or null when `text` is not a getMe answer. */
export function parseBotInfo(text: string): UserFromGetMe | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = botInfoSchema.safeParse(json);
  return parsed.success ? (parsed.data as UserFromGetMe) : null;
}
