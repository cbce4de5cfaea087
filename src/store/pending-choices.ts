import { text } from "./rows.ts";
import { isoInstant, type Sql } from "./sql.ts";

/** Every platform a conversation can come from, including the playground and the CLI chat. */
export type ConversationPlatform = "telegram" | "zalo" | "web" | "cli";

export interface PendingChoice {
  label: string;
  command: string;
}

export interface PendingChoicesKey {
  platform: ConversationPlatform;
  chatId: string;
}

/**
 * The numbered choices a chat was last offered (migration 0004). No audit entries: this is the state of
 * a conversation, replaced at every offer, not a change to what the product knows.
 */
export interface PendingChoicesRepo {
  /** Replaces the chat's pending choices; an empty list clears them. */
  offer(key: PendingChoicesKey, choices: readonly PendingChoice[], now: Date, expiresAt: Date): Promise<void>;
  /** The chat's pending choices still valid at `now`, in their numbered order; empty when none. */
  current(key: PendingChoicesKey, now: Date): Promise<PendingChoice[]>;
  clear(key: PendingChoicesKey): Promise<void>;
  /** Deletes every row expired at `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

function isChoice(value: unknown): value is PendingChoice {
  if (typeof value !== "object" || value === null) return false;
  const { label, command } = value as Record<string, unknown>;
  return typeof label === "string" && typeof command === "string";
}

export function pendingChoicesRepo(sql: Sql): PendingChoicesRepo {
  const clear = async (key: PendingChoicesKey) => {
    await sql.execute({
      sql: "DELETE FROM pending_choices WHERE platform = ? AND chat_id = ?",
      args: [key.platform, key.chatId],
    });
  };

  return {
    clear,

    async offer(key, choices, now, expiresAt) {
      if (choices.length === 0) return clear(key);
      const list = choices.map(({ label, command }) => ({ label, command }));
      await sql.execute({
        sql:
          "INSERT INTO pending_choices (platform, chat_id, choices, offered_at, expires_at) VALUES (?, ?, ?, ?, ?) " +
          "ON CONFLICT (platform, chat_id) DO UPDATE SET choices = excluded.choices, " +
          "offered_at = excluded.offered_at, expires_at = excluded.expires_at",
        args: [key.platform, key.chatId, JSON.stringify(list), isoInstant(now), isoInstant(expiresAt)],
      });
    },

    async current(key, now) {
      const result = await sql.execute({
        sql: "SELECT choices FROM pending_choices WHERE platform = ? AND chat_id = ? AND expires_at > ?",
        args: [key.platform, key.chatId, isoInstant(now)],
      });
      const row = result.rows[0];
      if (row === undefined) return [];
      const parsed: unknown = JSON.parse(text(row, "choices"));
      return Array.isArray(parsed) ? parsed.filter(isChoice) : [];
    },

    async purgeExpired(now) {
      const result = await sql.execute({
        sql: "DELETE FROM pending_choices WHERE expires_at <= ?",
        args: [isoInstant(now)],
      });
      return result.rowsAffected;
    },
  };
}
