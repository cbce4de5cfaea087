import type { InStatement } from "@libsql/client";
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

/** What a reply does to the chat's numbered choices: offers new ones, or clears them. */
export type PendingChoicesChange =
  | { key: PendingChoicesKey; offer: readonly PendingChoice[]; now: Date; expiresAt: Date }
  | { key: PendingChoicesKey; clear: true };

/**
 * The numbered choices a chat was last offered (migration 0004). No audit entries: this is the state of
 * a conversation, replaced at every offer, not a change to what the product knows.
 */
export interface PendingChoicesRepo {
  /**
   * Replaces the chat's pending choices; an empty list clears them. Offering again the very choices
   * that are pending, whose expiry is at most a minute earlier than `expiresAt`, writes nothing (the
   * list stays as first offered): a chair repeating a question costs no write.
   */
  offer(key: PendingChoicesKey, choices: readonly PendingChoice[], now: Date, expiresAt: Date): Promise<void>;
  /** The chat's pending choices still valid at `now`, in their numbered order; empty when none. */
  current(key: PendingChoicesKey, now: Date): Promise<PendingChoice[]>;
  clear(key: PendingChoicesKey): Promise<void>;
  /** Deletes every row expired at `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

/** How much earlier than a new offer's the expiry of the same pending list may be and still stand. */
const REOFFER_SLACK_MS = 60_000;

function isChoice(value: unknown): value is PendingChoice {
  if (typeof value !== "object" || value === null) return false;
  const { label, command } = value as Record<string, unknown>;
  return typeof label === "string" && typeof command === "string";
}

/** The one statement that applies a change (see `offer` for when an offer writes nothing). */
export function pendingChoicesStatement(change: PendingChoicesChange): InStatement {
  const { key } = change;
  if ("clear" in change || change.offer.length === 0) {
    return {
      sql: "DELETE FROM pending_choices WHERE platform = ? AND chat_id = ?",
      args: [key.platform, key.chatId],
    };
  }
  const list = change.offer.map(({ label, command }) => ({ label, command }));
  return {
    sql:
      "INSERT INTO pending_choices (platform, chat_id, choices, offered_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5) " +
      "ON CONFLICT (platform, chat_id) DO UPDATE SET choices = excluded.choices, " +
      "offered_at = excluded.offered_at, expires_at = excluded.expires_at " +
      "WHERE NOT (pending_choices.choices = excluded.choices AND pending_choices.expires_at >= ?6 " +
      "AND pending_choices.expires_at <= excluded.expires_at)",
    args: [
      key.platform,
      key.chatId,
      JSON.stringify(list),
      isoInstant(change.now),
      isoInstant(change.expiresAt),
      isoInstant(new Date(change.expiresAt.getTime() - REOFFER_SLACK_MS)),
    ],
  };
}

export function pendingChoicesRepo(sql: Sql): PendingChoicesRepo {
  // Batches of one, so that concurrent chats' writes on an embedded database share a commit (sql.ts).
  const clear = async (key: PendingChoicesKey) => {
    await sql.batch([pendingChoicesStatement({ key, clear: true })]);
  };

  return {
    clear,

    async offer(key, choices, now, expiresAt) {
      await sql.batch([pendingChoicesStatement({ key, offer: choices, now, expiresAt })]);
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
