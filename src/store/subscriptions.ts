import type { Row } from "@libsql/client";
import { auditIfChangedStatement } from "./audit.ts";
import { narrow, num, text } from "./rows.ts";
import { isoInstant, type Sql, type WriteContext } from "./sql.ts";

export type Role = "chair" | "officer";
export const ROLES: readonly Role[] = ["chair", "officer"];

export interface SubscriptionRecord {
  chatRef: number;
  unitId: number;
  role: Role;
  createdAt: string;
}

export interface SubscriptionsRepo {
  /** The unit a chat is linked to, if any. */
  get(chatRef: number): Promise<SubscriptionRecord | null>;
  /** Links the chat to a unit, replacing an earlier link. */
  set(chatRef: number, unitId: number, role: Role, ctx: WriteContext): Promise<void>;
  /** Unlinks the chat; false when it was not linked. */
  remove(chatRef: number, ctx: WriteContext): Promise<boolean>;
  /** Chats linked to a unit, active ones only unless asked otherwise. */
  listForUnit(unitId: number, options?: { includeBlocked?: boolean }): Promise<SubscriptionRecord[]>;
}

export function subscriptionFromRow(row: Row): SubscriptionRecord {
  return {
    chatRef: num(row, "chat_ref"),
    unitId: num(row, "unit_id"),
    role: narrow(row, "role", ROLES),
    createdAt: text(row, "created_at"),
  };
}

/** Upsert of a chat's link that changes nothing (and audits nothing) when the link is already so. */
export const SET_SUBSCRIPTION_SQL =
  "INSERT INTO subscriptions (chat_ref, unit_id, role, created_at) VALUES (?, ?, ?, ?) " +
  "ON CONFLICT (chat_ref) DO UPDATE SET unit_id = excluded.unit_id, role = excluded.role, " +
  "created_at = excluded.created_at WHERE subscriptions.unit_id IS NOT excluded.unit_id " +
  "OR subscriptions.role IS NOT excluded.role";

export function subscriptionsRepo(sql: Sql): SubscriptionsRepo {
  return {
    async get(chatRef) {
      const result = await sql.execute({
        sql: "SELECT chat_ref, unit_id, role, created_at FROM subscriptions WHERE chat_ref = ?",
        args: [chatRef],
      });
      const row = result.rows[0];
      return row === undefined ? null : subscriptionFromRow(row);
    },

    async set(chatRef, unitId, role, ctx) {
      await sql.batch([
        { sql: SET_SUBSCRIPTION_SQL, args: [chatRef, unitId, role, isoInstant(ctx.now)] },
        auditIfChangedStatement(
          {
            action: "subscription.set",
            entity: "chat",
            entityId: String(chatRef),
            details: { unitId, role },
          },
          ctx,
        ),
      ]);
    },

    async remove(chatRef, ctx) {
      const [result] = await sql.batch([
        { sql: "DELETE FROM subscriptions WHERE chat_ref = ?", args: [chatRef] },
        auditIfChangedStatement(
          { action: "subscription.remove", entity: "chat", entityId: String(chatRef) },
          ctx,
        ),
      ]);
      return result?.rowsAffected === 1;
    },

    async listForUnit(unitId, options = {}) {
      const result = await sql.execute({
        sql:
          "SELECT s.chat_ref, s.unit_id, s.role, s.created_at FROM subscriptions s JOIN chats c ON c.id = s.chat_ref " +
          "WHERE s.unit_id = ? AND (? OR c.status = 'active') ORDER BY s.chat_ref",
        args: [unitId, options.includeBlocked === true ? 1 : 0],
      });
      return result.rows.map(subscriptionFromRow);
    },
  };
}
