import type { Row } from "@libsql/client";
import { auditIfChangedStatement, auditStatement } from "./audit.ts";
import { StoreError } from "./errors.ts";
import { json, narrow, num, numOrNull, packedColumns, text, textOrNull, unpacked } from "./rows.ts";
import { isoInstant, type Sql, type WriteContext } from "./sql.ts";
import { ROLES, type Role } from "./subscriptions.ts";

/** Platforms whose updates are claimed (processed_updates). */
export type Platform = "telegram" | "zalo";
/** Platforms whose chats are recorded: the playground ("web") is a channel too. */
export type ChatPlatform = Platform | "web";
export const CHAT_PLATFORMS: readonly ChatPlatform[] = ["telegram", "zalo", "web"];
export type ChatStatus = "active" | "blocked";

export interface QuietHours {
  /** Local time (Asia/Ho_Chi_Minh), "HH:MM"; may wrap past midnight ("22:00"–"06:30"). */
  start: string;
  end: string;
}

export interface ChatRecord {
  /** The store's id; subscriptions point to it, so it survives a change of platform chat id. */
  id: number;
  platform: ChatPlatform;
  chatId: string;
  type: string;
  title: string | null;
  status: ChatStatus;
  quietHours: QuietHours | null;
  /** Optional notices this chat turned off ("weekly-digest"…). */
  optOuts: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ChatSeen {
  platform: ChatPlatform;
  chatId: string;
  type: string;
  title: string | null;
}

/** The unit a chat is linked to (its subscription), read with the chat. */
export interface ChatLink {
  unitId: number;
  role: Role;
}

export interface LinkedChat {
  chat: ChatRecord;
  link: ChatLink | null;
}

export interface ChatsRepo {
  get(platform: ChatPlatform, chatId: string): Promise<ChatRecord | null>;
  getById(id: number): Promise<ChatRecord | null>;
  /**
   * Records a chat seen in an update; writes (and audits) only when it is new or its type or title
   * changed, and opens no write transaction otherwise.
   */
  touch(chat: ChatSeen, ctx: WriteContext): Promise<ChatRecord>;
  /** `touch`, with the chat's link read in the same query: what every message to the bot needs. */
  touchLinked(chat: ChatSeen, ctx: WriteContext): Promise<LinkedChat>;
  /** my_chat_member: the bot was blocked or removed (blocked) or added back (active). False if unknown chat. */
  setStatus(platform: Platform, chatId: string, status: ChatStatus, ctx: WriteContext): Promise<boolean>;
  setQuietHours(id: number, hours: QuietHours | null, ctx: WriteContext): Promise<void>;
  setOptOuts(id: number, optOuts: readonly string[], ctx: WriteContext): Promise<void>;
  /** A Telegram group upgraded to a supergroup: same row, new chat id, so its subscription follows. */
  changeChatId(platform: Platform, oldChatId: string, newChatId: string, ctx: WriteContext): Promise<boolean>;
  /**
   * Erases what the chat's person gave (Decree 13/2023): its link, settings, title and platform id,
   * its numbered choices; its delivery records keep their state and time but lose their text, and
   * those not yet sent are skipped; audit entries naming the chat (or `userId`) no longer do. One
   * write; the audit records that an erasure happened, not what was erased. False: no such chat.
   */
  erase(id: number, ctx: WriteContext, userId?: string): Promise<boolean>;
}

const COLUMNS = [
  "id",
  "platform",
  "chat_id",
  "type",
  "title",
  "status",
  "quiet_start",
  "quiet_end",
  "opt_outs",
  "created_at",
  "updated_at",
] as const;
/** Every update reads its chat: one packed column rather than eleven (see `packedColumns`). */
const PACKED = packedColumns(COLUMNS);
/** The same with the chat's subscription; subqueries, so that it also serves as a RETURNING clause. */
const LINKED_COLUMNS = [...COLUMNS, "link_unit_id", "link_role"] as const;
const LINKED_PACKED = packedColumns([
  ...COLUMNS,
  "(SELECT s.unit_id FROM subscriptions s WHERE s.chat_ref = chats.id)",
  "(SELECT s.role FROM subscriptions s WHERE s.chat_ref = chats.id)",
]);

function chatFromPacked(row: Row): ChatRecord {
  return chatFromRow(unpacked(row, COLUMNS));
}

function linkedChatFromPacked(packed: Row): LinkedChat {
  const row = unpacked(packed, LINKED_COLUMNS);
  const unitId = numOrNull(row, "link_unit_id");
  return {
    chat: chatFromRow(row),
    link: unitId === null ? null : { unitId, role: narrow(row, "link_role", ROLES) },
  };
}

function chatFromRow(row: Row): ChatRecord {
  const start = textOrNull(row, "quiet_start");
  const end = textOrNull(row, "quiet_end");
  return {
    id: num(row, "id"),
    platform: narrow(row, "platform", CHAT_PLATFORMS),
    chatId: text(row, "chat_id"),
    type: text(row, "type"),
    title: textOrNull(row, "title"),
    status: narrow(row, "status", ["active", "blocked"] as const),
    quietHours: start === null || end === null ? null : { start, end },
    optOuts: json(row, "opt_outs") as string[],
    createdAt: text(row, "created_at"),
    updatedAt: text(row, "updated_at"),
  };
}

export function chatsRepo(sql: Sql): ChatsRepo {
  const get = async (platform: ChatPlatform, chatId: string) => {
    const result = await sql.execute({
      sql: `SELECT ${PACKED} FROM chats WHERE platform = ? AND chat_id = ?`,
      args: [platform, chatId],
    });
    const row = result.rows[0];
    return row === undefined ? null : chatFromPacked(row);
  };

  const updateById = async (
    id: number,
    set: string,
    args: (string | null)[],
    audit: string,
    ctx: WriteContext,
  ) => {
    const [result] = await sql.batch([
      {
        sql: `UPDATE chats SET ${set}, updated_at = ? WHERE id = ?`,
        args: [...args, isoInstant(ctx.now), id],
      },
      auditIfChangedStatement(
        { action: audit, entity: "chat", entityId: String(id), details: { args } },
        ctx,
      ),
    ]);
    if (result?.rowsAffected !== 1) {
      throw new StoreError("CHAT_NOT_FOUND", `Không tìm thấy cuộc trò chuyện số ${id}.`, { id });
    }
  };

  const chatById = async (id: number) => {
    const result = await sql.execute({ sql: `SELECT ${PACKED} FROM chats WHERE id = ?`, args: [id] });
    const row = result.rows[0];
    return row === undefined ? null : chatFromPacked(row);
  };

  const getLinked = async (platform: ChatPlatform, chatId: string) => {
    const result = await sql.execute({
      sql: `SELECT ${LINKED_PACKED} FROM chats WHERE platform = ? AND chat_id = ?`,
      args: [platform, chatId],
    });
    const row = result.rows[0];
    return row === undefined ? null : linkedChatFromPacked(row);
  };

  async function touchLinked(chat: ChatSeen, ctx: WriteContext): Promise<LinkedChat> {
    // Nearly every update comes from a chat already recorded as it is: one read, no write transaction.
    const known = await getLinked(chat.platform, chat.chatId);
    if (known !== null && known.chat.type === chat.type && known.chat.title === chat.title) return known;
    const at = isoInstant(ctx.now);
    const [written] = await sql.batch([
      {
        sql:
          "INSERT INTO chats (platform, chat_id, type, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) " +
          "ON CONFLICT (platform, chat_id) DO UPDATE SET type = excluded.type, title = excluded.title, " +
          "updated_at = excluded.updated_at WHERE chats.type IS NOT excluded.type OR chats.title IS NOT excluded.title " +
          `RETURNING ${LINKED_PACKED}`,
        args: [chat.platform, chat.chatId, chat.type, chat.title, at, at],
      },
      auditIfChangedStatement(
        {
          action: "chat.touch",
          entity: "chat",
          entityId: `${chat.platform}:${chat.chatId}`,
          details: { type: chat.type, title: chat.title },
        },
        ctx,
      ),
    ]);
    const row = written?.rows[0];
    if (row !== undefined) return linkedChatFromPacked(row);
    // No row back: a concurrent update recorded the chat just so in between.
    return (await getLinked(chat.platform, chat.chatId)) as LinkedChat;
  }

  return {
    get,

    getById: chatById,

    touch: async (chat, ctx) => (await touchLinked(chat, ctx)).chat,

    touchLinked,

    async setStatus(platform, chatId, status, ctx) {
      const [result] = await sql.batch([
        {
          sql: "UPDATE chats SET status = ?, updated_at = ? WHERE platform = ? AND chat_id = ? AND status <> ?",
          args: [status, isoInstant(ctx.now), platform, chatId, status],
        },
        auditIfChangedStatement(
          { action: `chat.${status}`, entity: "chat", entityId: `${platform}:${chatId}` },
          ctx,
        ),
      ]);
      if (result?.rowsAffected === 1) return true;
      return (await get(platform, chatId)) !== null;
    },

    setQuietHours: (id, hours, ctx) =>
      updateById(
        id,
        "quiet_start = ?, quiet_end = ?",
        [hours?.start ?? null, hours?.end ?? null],
        "chat.quiet-hours",
        ctx,
      ),

    setOptOuts: (id, optOuts, ctx) =>
      updateById(id, "opt_outs = ?", [JSON.stringify([...new Set(optOuts)].sort())], "chat.opt-outs", ctx),

    async erase(id, ctx, userId) {
      const chat = await chatById(id);
      if (chat === null) return false;
      const at = isoInstant(ctx.now);
      // Every id the chat had: a group that became a supergroup was recorded under its old id too.
      const moves = await sql.execute({
        sql:
          "SELECT json_extract(details, '$.oldChatId') AS old FROM audit_log " +
          "WHERE action = 'chat.migrate' AND entity = 'chat' AND entity_id = ?",
        args: [`${chat.platform}:${chat.chatId}`],
      });
      const ids = [chat.chatId, ...moves.rows.map((row) => String(row.old))];
      const names = ids.map((chatId) => `${chat.platform}:${chatId}`);
      const actors = [...names, ...(userId ? [`${chat.platform}:${userId}`] : [])];
      // Who asked for the erasure stays (an officer, or "telegram:erased" for the person themselves).
      const actor = actors.includes(ctx.actor) ? `${chat.platform}:erased` : ctx.actor;
      await sql.batch([
        { sql: "DELETE FROM subscriptions WHERE chat_ref = ?", args: [id] },
        {
          sql: "DELETE FROM pending_choices WHERE platform = ? AND chat_id IN (SELECT value FROM json_each(?))",
          args: [chat.platform, JSON.stringify(ids)],
        },
        // Every delivery loses its text; one being sent now is still sent (its sender holds the text),
        // but keeps none of it here.
        {
          sql:
            "UPDATE outbox SET body = '{\"lines\":[],\"choices\":[]}', message_ids = '[]', updated_at = ?1, " +
            "last_error = CASE WHEN state IN ('pending', 'held') THEN 'đã xóa dữ liệu theo yêu cầu' ELSE NULL END, " +
            "state = CASE WHEN state IN ('pending', 'held') THEN 'skipped' ELSE state END " +
            "WHERE chat_ref = ?2",
          args: [at, id],
        },
        // Entries about the chat keep what happened, not to whom, by which member, nor its settings and link.
        {
          sql:
            "UPDATE audit_log SET entity_id = 'erased', details = '{}', " +
            "actor = CASE WHEN actor LIKE ?1 || ':%' THEN ?1 || ':erased' ELSE actor END " +
            "WHERE entity = 'chat' AND entity_id IN (SELECT value FROM json_each(?2))",
          args: [chat.platform, JSON.stringify([...names, String(id)])],
        },
        {
          sql: "UPDATE audit_log SET actor = ? WHERE actor IN (SELECT value FROM json_each(?))",
          args: [`${chat.platform}:erased`, JSON.stringify(actors)],
        },
        {
          sql:
            "UPDATE chats SET chat_id = 'erased-' || id, title = NULL, quiet_start = NULL, quiet_end = NULL, " +
            "opt_outs = '[]', status = 'blocked', updated_at = ? WHERE id = ?",
          args: [at, id],
        },
        auditStatement({ action: "chat.erase", entity: "chat", entityId: String(id) }, { ...ctx, actor }),
      ]);
      return true;
    },

    async changeChatId(platform, oldChatId, newChatId, ctx) {
      if ((await get(platform, newChatId)) !== null) {
        throw new StoreError(
          "CHAT_ID_TAKEN",
          `Mã cuộc trò chuyện ${newChatId} đã được dùng; không thể chuyển ${oldChatId} sang.`,
          { platform, oldChatId, newChatId },
        );
      }
      const [result] = await sql.batch([
        {
          sql: "UPDATE chats SET chat_id = ?, updated_at = ? WHERE platform = ? AND chat_id = ?",
          args: [newChatId, isoInstant(ctx.now), platform, oldChatId],
        },
        auditIfChangedStatement(
          {
            action: "chat.migrate",
            entity: "chat",
            entityId: `${platform}:${newChatId}`,
            details: { oldChatId },
          },
          ctx,
        ),
      ]);
      return result?.rowsAffected === 1;
    },
  };
}
