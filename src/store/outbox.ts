/**
 * Notices and their deliveries (migration 0008): the durable half of every push. A notice is one job
 * run's broadcast, keyed by the run's period ("work-schedule:2024-W12"); inserting it claims the
 * period, in the same write as its deliveries, so a second trigger of the same period writes nothing.
 * The sender (src/push/sender.ts) takes due deliveries one chat at a time and records each outcome.
 */
import type { Row } from "@libsql/client";
import { auditIfChangedStatement } from "./audit.ts";
import { CHAT_PLATFORMS, type ChatPlatform, type QuietHours } from "./chats.ts";
import { type PendingChoicesChange, pendingChoicesStatement } from "./pending-choices.ts";
import { json, narrow, num, numOrNull, text, textOrNull } from "./rows.ts";
import { isoInstant, type Sql, type WriteContext } from "./sql.ts";
import { ROLES, type Role } from "./subscriptions.ts";

export type DeliveryState = "pending" | "sending" | "sent" | "failed" | "blocked" | "skipped" | "held";
export const DELIVERY_STATES: readonly DeliveryState[] = [
  "pending",
  "sending",
  "sent",
  "failed",
  "blocked",
  "skipped",
  "held",
];
/** States a delivery is finished in; "held" waits for its window, "pending" and "sending" are open. */
export const FINAL_STATES: readonly DeliveryState[] = ["sent", "failed", "blocked", "skipped"];

export interface NoticeInput {
  key: string;
  job: string;
  title: string;
  scopeUnitId: number | null;
  parentKey: string | null;
  /** Once every recipient is settled, the scope's own chats get a delivery summary. */
  summarize: boolean;
  /** The instant the job ran as. */
  runAt: Date;
  trigger: string;
}

export interface NoticeRecord extends Omit<NoticeInput, "runAt"> {
  runAt: string;
  createdAt: string;
}

export interface DeliveryInput {
  chatRef: number;
  platform: ChatPlatform;
  subjectUnitId: number | null;
  /** Null: not optional; else the /caidat key that turns it off. */
  optOutKey: string | null;
  /** A Reply (commands/reply.ts), stored as JSON. */
  body: unknown;
  state: "pending" | "held" | "blocked" | "skipped";
  notBefore: Date;
  /** Parts already delivered (a reply whose first parts reached the chat before it was queued). */
  partsSent?: number;
  lastError?: string | null;
}

export interface EnqueueResult {
  /** The notice was new: this run claimed its period. */
  created: boolean;
  /** Deliveries written (chats that had none of this notice yet). */
  added: number;
}

export interface DeliveryRecord {
  id: number;
  noticeKey: string;
  chatRef: number;
  platform: ChatPlatform;
  chatId: string;
  chatTitle: string | null;
  subjectUnitId: number | null;
  optOutKey: string | null;
  state: DeliveryState;
  notBefore: string;
  attempts: number;
  rateLimited: number;
  partsSent: number;
  messageIds: string[];
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

/** A delivery the sender may take now. */
export interface DueDelivery {
  id: number;
  chatRef: number;
  /** The chat's type, for the per-group limit. */
  chatType: string;
}

/** A delivery the sender has claimed, as it is at that moment, with what it needs of its chat. */
export interface ClaimedDelivery {
  id: number;
  noticeKey: string;
  chatRef: number;
  platform: ChatPlatform;
  chatId: string;
  chatType: string;
  chatBlocked: boolean;
  optOuts: string[];
  optOutKey: string | null;
  body: unknown;
  attempts: number;
  rateLimited: number;
  partsSent: number;
  messageIds: string[];
}

/** A chat linked to a unit, as the jobs choose recipients. */
export interface Recipient {
  chatRef: number;
  platform: ChatPlatform;
  chatId: string;
  type: string;
  blocked: boolean;
  quietHours: QuietHours | null;
  optOuts: string[];
  unitId: number;
  role: Role;
}

/** A recipient under one of the given scopes, with the nearest such scope (0 = the scope itself). */
export interface ScopedRecipient extends Recipient {
  scopeUnitId: number;
  depth: number;
}

export interface DeliveryChange {
  state: DeliveryState;
  notBefore?: Date;
  attempts?: number;
  rateLimited?: number;
  partsSent: number;
  messageIds: readonly string[];
  lastError?: string | null;
  sentAt?: Date;
}

export interface OutboxRepo {
  /**
   * Records the notice (once: its key is the period a job run claims) and those of its deliveries a
   * chat does not have yet, in one write. A second trigger of the same period, or a run that overlaps
   * an earlier one (`--scope`), adds nothing for the chats the first one queued.
   */
  enqueue(
    notice: NoticeInput,
    deliveries: readonly DeliveryInput[],
    ctx: WriteContext,
  ): Promise<EnqueueResult>;
  notice(key: string): Promise<NoticeRecord | null>;
  /** Newest first; `parentKey` lists a notice's summary and updates. */
  notices(filter?: { parentKey?: string; job?: string; limit?: number }): Promise<NoticeRecord[]>;
  deliveries(noticeKey: string): Promise<DeliveryRecord[]>;
  /** Deliveries of these notices still pending or sending, by platform. */
  openByPlatform(noticeKeys: readonly string[]): Promise<Partial<Record<ChatPlatform, number>>>;
  /** Deliveries in the whole outbox by platform and state (for /metrics). */
  depth(): Promise<{ platform: string; state: string; count: number }[]>;
  /** How many deliveries of these notices are in each state. */
  counts(noticeKeys: readonly string[]): Promise<Record<DeliveryState, number>>;
  /**
   * Due on `platform` at `now`, oldest first, at most one per chat: a chat's delivery waits while an
   * earlier one of the same chat is pending, sending, or held and due, so each chat gets its messages
   * in order (an earlier notice held for a window that is still closed does not hold the others).
   */
  due(platform: ChatPlatform, now: Date, limit: number): Promise<DueDelivery[]>;
  /** When the next held or backed-off delivery of `platform` falls due, if any. */
  nextDue(platform: ChatPlatform): Promise<Date | null>;
  /** pending or held → sending, read back as it now is; null when another sender took it first. */
  claim(id: number, now: Date): Promise<ClaimedDelivery | null>;
  /** sending → pending, untouched otherwise: a claimed delivery this sender will not send after all. */
  release(id: number, now: Date): Promise<void>;
  /** Parts delivered so far of a reply sent in several parts. */
  progress(id: number, partsSent: number, messageIds: readonly string[], now: Date): Promise<void>;
  /**
   * Records the outcome of a claimed delivery (still "sending": a stale sender's outcome changes
   * nothing); a sent list of choices is remembered for the chat in the same write. False when the
   * delivery was no longer this sender's.
   */
  settle(id: number, change: DeliveryChange, now: Date, choices?: PendingChoicesChange): Promise<boolean>;
  /**
   * What a stopped sender left "sending" on `platform` goes back to pending, except `keep` (this
   * sender's own, in flight); returns how many.
   */
  recover(platform: ChatPlatform, now: Date, keep?: readonly number[]): Promise<number>;
  /** Rewrites the body of deliveries not yet sent (a schedule changed before its notice went out). */
  rewriteUnsent(noticeKey: string, subjectUnitId: number, body: unknown, now: Date): Promise<number>;
  /** Takes or renews the platform's sender lease; false while another holder's lease runs. */
  acquireLease(platform: ChatPlatform, holder: string, now: Date, until: Date): Promise<boolean>;
  releaseLease(platform: ChatPlatform, holder: string): Promise<void>;
  /** The holder of a lease still running at `now`, or null. */
  leaseHolder(platform: ChatPlatform, now: Date): Promise<string | null>;
  /** Chats linked to any of these units (all linked chats when `unitIds` is null). */
  recipients(unitIds: readonly number[] | null): Promise<Recipient[]>;
  /** Chats linked to each scope or a unit under it, each with its nearest scope. */
  recipientsWithin(scopeUnitIds: readonly number[]): Promise<ScopedRecipient[]>;
  /**
   * Deliveries of one chat recorded sent after `afterSeq`, in that order (without it: its latest
   * `limit`): the playground's pushes.
   */
  deliveredTo(
    chatRef: number,
    options: { afterSeq?: number; limit: number },
  ): Promise<(DeliveryRecord & { body: unknown; seq: number })[]>;
}

const NOTICE_COLUMNS = "key, job, title, scope_unit_id, parent_key, summarize, run_at, trigger, created_at";

function noticeFromRow(row: Row): NoticeRecord {
  return {
    key: text(row, "key"),
    job: text(row, "job"),
    title: text(row, "title"),
    scopeUnitId: numOrNull(row, "scope_unit_id"),
    parentKey: textOrNull(row, "parent_key"),
    summarize: num(row, "summarize") === 1,
    runAt: text(row, "run_at"),
    trigger: text(row, "trigger"),
    createdAt: text(row, "created_at"),
  };
}

const DELIVERY_COLUMNS =
  "o.id, o.notice_key, o.chat_ref, o.platform, c.chat_id, c.title AS chat_title, o.subject_unit_id, " +
  "o.opt_out_key, o.state, o.not_before, o.attempts, o.rate_limited, o.parts_sent, o.message_ids, " +
  "o.last_error, o.created_at, o.updated_at, o.sent_at";

function deliveryFromRow(row: Row): DeliveryRecord {
  return {
    id: num(row, "id"),
    noticeKey: text(row, "notice_key"),
    chatRef: num(row, "chat_ref"),
    platform: narrow(row, "platform", CHAT_PLATFORMS),
    chatId: text(row, "chat_id"),
    chatTitle: textOrNull(row, "chat_title"),
    subjectUnitId: numOrNull(row, "subject_unit_id"),
    optOutKey: textOrNull(row, "opt_out_key"),
    state: narrow(row, "state", DELIVERY_STATES),
    notBefore: text(row, "not_before"),
    attempts: num(row, "attempts"),
    rateLimited: num(row, "rate_limited"),
    partsSent: num(row, "parts_sent"),
    messageIds: json(row, "message_ids") as string[],
    lastError: textOrNull(row, "last_error"),
    createdAt: text(row, "created_at"),
    updatedAt: text(row, "updated_at"),
    sentAt: textOrNull(row, "sent_at"),
  };
}

const RECIPIENT_COLUMNS =
  "c.id AS chat_ref, c.platform, c.chat_id, c.type, c.status, c.quiet_start, c.quiet_end, c.opt_outs, " +
  "s.unit_id, s.role";

function recipientFromRow(row: Row): Recipient {
  const start = textOrNull(row, "quiet_start");
  const end = textOrNull(row, "quiet_end");
  return {
    chatRef: num(row, "chat_ref"),
    platform: narrow(row, "platform", CHAT_PLATFORMS),
    chatId: text(row, "chat_id"),
    type: text(row, "type"),
    blocked: text(row, "status") === "blocked",
    quietHours: start === null || end === null ? null : { start, end },
    optOuts: json(row, "opt_outs") as string[],
    unitId: num(row, "unit_id"),
    role: narrow(row, "role", ROLES),
  };
}

export function outboxRepo(sql: Sql): OutboxRepo {
  return {
    async enqueue(notice, deliveries, ctx) {
      const [created, added] = await sql.batch([
        {
          sql:
            `INSERT INTO notices (${NOTICE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ` +
            "ON CONFLICT (key) DO NOTHING",
          args: [
            notice.key,
            notice.job,
            notice.title,
            notice.scopeUnitId,
            notice.parentKey,
            notice.summarize ? 1 : 0,
            isoInstant(notice.runAt),
            notice.trigger,
            isoInstant(ctx.now),
          ],
        },
        {
          sql:
            "INSERT INTO outbox (notice_key, chat_ref, platform, subject_unit_id, opt_out_key, body, state, " +
            "not_before, parts_sent, last_error, created_at, updated_at) " +
            "SELECT ?1, j.value ->> '$.chatRef', j.value ->> '$.platform', j.value ->> '$.subject', " +
            "j.value ->> '$.optOut', j.value ->> '$.body', j.value ->> '$.state', j.value ->> '$.notBefore', " +
            "j.value ->> '$.partsSent', j.value ->> '$.lastError', ?2, ?2 FROM json_each(?3) j " +
            "WHERE true ON CONFLICT (notice_key, chat_ref) DO NOTHING",
          args: [
            notice.key,
            isoInstant(ctx.now),
            JSON.stringify(
              deliveries.map((d) => ({
                chatRef: d.chatRef,
                platform: d.platform,
                subject: d.subjectUnitId,
                optOut: d.optOutKey,
                body: JSON.stringify(d.body),
                state: d.state,
                notBefore: isoInstant(d.notBefore),
                partsSent: d.partsSent ?? 0,
                lastError: d.lastError ?? null,
              })),
            ),
          ],
        },
        // A run that added nothing changed nothing, and leaves no trace.
        auditIfChangedStatement(
          {
            action: "notice.enqueue",
            entity: "notice",
            entityId: notice.key,
            details: { job: notice.job, trigger: notice.trigger },
          },
          ctx,
        ),
      ]);
      return { created: created?.rowsAffected === 1, added: added?.rowsAffected ?? 0 };
    },

    async notice(key) {
      const result = await sql.execute({
        sql: `SELECT ${NOTICE_COLUMNS} FROM notices WHERE key = ?`,
        args: [key],
      });
      const row = result.rows[0];
      return row === undefined ? null : noticeFromRow(row);
    },

    async notices(filter = {}) {
      const result = await sql.execute({
        sql:
          `SELECT ${NOTICE_COLUMNS} FROM notices WHERE (?1 IS NULL OR parent_key = ?1) ` +
          "AND (?2 IS NULL OR job = ?2) ORDER BY created_at DESC, key DESC LIMIT ?3",
        args: [filter.parentKey ?? null, filter.job ?? null, filter.limit ?? 50],
      });
      return result.rows.map(noticeFromRow);
    },

    async deliveries(noticeKey) {
      const result = await sql.execute({
        sql: `SELECT ${DELIVERY_COLUMNS} FROM outbox o JOIN chats c ON c.id = o.chat_ref WHERE o.notice_key = ? ORDER BY o.id`,
        args: [noticeKey],
      });
      return result.rows.map(deliveryFromRow);
    },

    async counts(noticeKeys) {
      const counts = Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
      if (noticeKeys.length === 0) return counts;
      const result = await sql.execute({
        sql:
          "SELECT o.state, count(*) AS n FROM outbox o JOIN json_each(?) k ON k.value = o.notice_key " +
          "GROUP BY o.state",
        args: [JSON.stringify(noticeKeys)],
      });
      for (const row of result.rows) counts[narrow(row, "state", DELIVERY_STATES)] = num(row, "n");
      return counts;
    },

    async depth() {
      const result = await sql.execute(
        "SELECT platform, state, count(*) AS n FROM outbox GROUP BY platform, state ORDER BY platform, state",
      );
      return result.rows.map((row) => ({
        platform: text(row, "platform"),
        state: text(row, "state"),
        count: num(row, "n"),
      }));
    },

    async openByPlatform(noticeKeys) {
      const open: Partial<Record<ChatPlatform, number>> = {};
      if (noticeKeys.length === 0) return open;
      const result = await sql.execute({
        sql:
          "SELECT o.platform, count(*) AS n FROM outbox o JOIN json_each(?) k ON k.value = o.notice_key " +
          "WHERE o.state IN ('pending', 'sending') GROUP BY o.platform",
        args: [JSON.stringify(noticeKeys)],
      });
      for (const row of result.rows) open[narrow(row, "platform", CHAT_PLATFORMS)] = num(row, "n");
      return open;
    },

    async due(platform, now, limit) {
      const result = await sql.execute({
        sql:
          "SELECT o.id, o.chat_ref, c.type FROM outbox o JOIN chats c ON c.id = o.chat_ref " +
          "WHERE o.platform = ?1 AND o.state IN ('pending', 'held') AND o.not_before <= ?2 " +
          "AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat_ref = o.chat_ref AND e.id < o.id " +
          "AND (e.state IN ('pending', 'sending') OR (e.state = 'held' AND e.not_before <= ?2))) " +
          "ORDER BY o.id LIMIT ?3",
        args: [platform, isoInstant(now), limit],
      });
      return result.rows.map((row) => ({
        id: num(row, "id"),
        chatRef: num(row, "chat_ref"),
        chatType: text(row, "type"),
      }));
    },

    async nextDue(platform) {
      const result = await sql.execute({
        sql: "SELECT min(not_before) AS at FROM outbox WHERE platform = ? AND state IN ('pending', 'held')",
        args: [platform],
      });
      const at = result.rows[0] === undefined ? null : textOrNull(result.rows[0], "at");
      return at === null ? null : new Date(at);
    },

    async claim(id, now) {
      const [claimed] = await sql.batch([
        {
          sql:
            "UPDATE outbox SET state = 'sending', updated_at = ? WHERE id = ? AND state IN ('pending', 'held') " +
            "RETURNING id, notice_key, chat_ref, platform, opt_out_key, body, attempts, rate_limited, parts_sent, " +
            "message_ids, (SELECT json_array(c.chat_id, c.type, c.status, c.opt_outs) FROM chats c " +
            "WHERE c.id = outbox.chat_ref) AS chat",
          args: [isoInstant(now), id],
        },
      ]);
      const row = claimed?.rows[0];
      if (row === undefined) return null;
      const [chatId, chatType, status, optOuts] = JSON.parse(text(row, "chat")) as [
        string,
        string,
        string,
        string,
      ];
      return {
        id: num(row, "id"),
        noticeKey: text(row, "notice_key"),
        chatRef: num(row, "chat_ref"),
        platform: narrow(row, "platform", CHAT_PLATFORMS),
        chatId,
        chatType,
        chatBlocked: status === "blocked",
        optOuts: JSON.parse(optOuts) as string[],
        optOutKey: textOrNull(row, "opt_out_key"),
        body: json(row, "body"),
        attempts: num(row, "attempts"),
        rateLimited: num(row, "rate_limited"),
        partsSent: num(row, "parts_sent"),
        messageIds: json(row, "message_ids") as string[],
      };
    },

    async release(id, now) {
      await sql.batch([
        {
          sql: "UPDATE outbox SET state = 'pending', updated_at = ? WHERE id = ? AND state = 'sending'",
          args: [isoInstant(now), id],
        },
      ]);
    },

    async progress(id, partsSent, messageIds, now) {
      await sql.batch([
        {
          sql: "UPDATE outbox SET parts_sent = ?, message_ids = ?, updated_at = ? WHERE id = ?",
          args: [partsSent, JSON.stringify(messageIds), isoInstant(now), id],
        },
      ]);
    },

    async settle(id, change, now, choices) {
      const [settled] = await sql.batch([
        {
          sql:
            "UPDATE outbox SET state = ?1, not_before = coalesce(?2, not_before), " +
            "attempts = coalesce(?3, attempts), rate_limited = coalesce(?4, rate_limited), parts_sent = ?5, " +
            "message_ids = ?6, last_error = ?7, sent_at = coalesce(?8, sent_at), updated_at = ?9, " +
            "delivered_seq = CASE WHEN ?1 = 'sent' THEN (SELECT coalesce(max(delivered_seq), 0) + 1 FROM outbox) END " +
            "WHERE id = ?10 AND state = 'sending'",
          args: [
            change.state,
            change.notBefore ? isoInstant(change.notBefore) : null,
            change.attempts ?? null,
            change.rateLimited ?? null,
            change.partsSent,
            JSON.stringify(change.messageIds),
            change.lastError ?? null,
            change.sentAt ? isoInstant(change.sentAt) : null,
            isoInstant(now),
            id,
          ],
        },
        ...(choices ? [pendingChoicesStatement(choices)] : []),
      ]);
      return settled?.rowsAffected === 1;
    },

    async recover(platform, now, keep = []) {
      const [result] = await sql.batch([
        {
          sql:
            "UPDATE outbox SET state = 'pending', updated_at = ?, " +
            "last_error = 'gửi dở khi tiến trình gửi dừng đột ngột; gửi lại' " +
            "WHERE platform = ? AND state = 'sending' AND id NOT IN (SELECT value FROM json_each(?))",
          args: [isoInstant(now), platform, JSON.stringify(keep)],
        },
      ]);
      return result?.rowsAffected ?? 0;
    },

    async rewriteUnsent(noticeKey, subjectUnitId, body, now) {
      const [result] = await sql.batch([
        {
          sql:
            "UPDATE outbox SET body = ?, updated_at = ? WHERE notice_key = ? AND subject_unit_id = ? " +
            "AND state IN ('pending', 'held') AND parts_sent = 0",
          args: [JSON.stringify(body), isoInstant(now), noticeKey, subjectUnitId],
        },
      ]);
      return result?.rowsAffected ?? 0;
    },

    async acquireLease(platform, holder, now, until) {
      const [result] = await sql.batch([
        {
          sql:
            "INSERT INTO outbox_leases (platform, holder, expires_at) VALUES (?1, ?2, ?3) " +
            "ON CONFLICT (platform) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at " +
            "WHERE outbox_leases.holder = excluded.holder OR outbox_leases.expires_at <= ?4",
          args: [platform, holder, isoInstant(until), isoInstant(now)],
        },
      ]);
      return result?.rowsAffected === 1;
    },

    async releaseLease(platform, holder) {
      await sql.batch([
        { sql: "DELETE FROM outbox_leases WHERE platform = ? AND holder = ?", args: [platform, holder] },
      ]);
    },

    async leaseHolder(platform, now) {
      const result = await sql.execute({
        sql: "SELECT holder FROM outbox_leases WHERE platform = ? AND expires_at > ?",
        args: [platform, isoInstant(now)],
      });
      return result.rows[0] === undefined ? null : text(result.rows[0], "holder");
    },

    async recipients(unitIds) {
      const result = await sql.execute({
        sql:
          `SELECT ${RECIPIENT_COLUMNS} FROM subscriptions s JOIN chats c ON c.id = s.chat_ref ` +
          "WHERE ?1 IS NULL OR s.unit_id IN (SELECT value FROM json_each(?1)) ORDER BY c.id",
        args: [unitIds === null ? null : JSON.stringify(unitIds)],
      });
      return result.rows.map(recipientFromRow);
    },

    async recipientsWithin(scopeUnitIds) {
      if (scopeUnitIds.length === 0) return [];
      const result = await sql.execute({
        sql:
          "WITH RECURSIVE tree (unit_id, scope_id, depth) AS (" +
          "SELECT value, value, 0 FROM json_each(?) " +
          "UNION ALL SELECT u.id, t.scope_id, t.depth + 1 FROM units u JOIN tree t ON u.parent_id = t.unit_id " +
          "WHERE t.depth < 3) " +
          `SELECT ${RECIPIENT_COLUMNS}, t.scope_id, min(t.depth) AS depth FROM tree t ` +
          "JOIN subscriptions s ON s.unit_id = t.unit_id JOIN chats c ON c.id = s.chat_ref " +
          "GROUP BY c.id ORDER BY c.id",
        args: [JSON.stringify(scopeUnitIds)],
      });
      return result.rows.map((row) => ({
        ...recipientFromRow(row),
        scopeUnitId: num(row, "scope_id"),
        depth: num(row, "depth"),
      }));
    },

    async deliveredTo(chatRef, options) {
      const result = await sql.execute({
        sql:
          `SELECT ${DELIVERY_COLUMNS}, o.body, o.delivered_seq FROM outbox o JOIN chats c ON c.id = o.chat_ref ` +
          "WHERE o.chat_ref = ?1 AND o.delivered_seq > ?2 " +
          "ORDER BY o.delivered_seq * ?3 LIMIT ?4",
        args: [chatRef, options.afterSeq ?? 0, options.afterSeq === undefined ? -1 : 1, options.limit],
      });
      const rows = result.rows.map((row) => ({
        ...deliveryFromRow(row),
        body: json(row, "body"),
        seq: num(row, "delivered_seq"),
      }));
      return options.afterSeq === undefined ? rows.reverse() : rows;
    },
  };
}
