import type { Row } from "@libsql/client";
import { auditIfChangedStatement, auditStatement } from "./audit.ts";
import { narrow, num, numOrNull, text, textOrNull } from "./rows.ts";
import { isoInstant, type Sql, type WriteContext } from "./sql.ts";
import { ROLES, type Role } from "./subscriptions.ts";

export interface InviteRecord {
  code: string;
  unitId: number;
  role: Role;
  createdAt: string;
  expiresAt: string;
  usedBy: number | null;
  usedAt: string | null;
}

export type RedeemResult =
  | { status: "linked"; unitId: number; role: Role }
  | { status: "unknown" }
  | { status: "expired"; expiresAt: string }
  | { status: "used"; usedAt: string };

export interface InvitesRepo {
  /** Stores an invite code the caller generated (the store draws no random numbers). */
  create(
    invite: { code: string; unitId: number; role: Role; expiresAt: Date },
    ctx: WriteContext,
  ): Promise<void>;
  get(code: string): Promise<InviteRecord | null>;
  /** Uses the code once and links the chat to its unit, atomically; says why when it cannot. */
  redeem(code: string, chatRef: number, ctx: WriteContext): Promise<RedeemResult>;
}

function inviteFromRow(row: Row): InviteRecord {
  return {
    code: text(row, "code"),
    unitId: num(row, "unit_id"),
    role: narrow(row, "role", ROLES),
    createdAt: text(row, "created_at"),
    expiresAt: text(row, "expires_at"),
    usedBy: numOrNull(row, "used_by"),
    usedAt: textOrNull(row, "used_at"),
  };
}

export function invitesRepo(sql: Sql): InvitesRepo {
  const get = async (code: string) => {
    const result = await sql.execute({
      sql: "SELECT code, unit_id, role, created_at, expires_at, used_by, used_at FROM invite_codes WHERE code = ?",
      args: [code],
    });
    const row = result.rows[0];
    return row === undefined ? null : inviteFromRow(row);
  };

  return {
    get,

    async create(invite, ctx) {
      await sql.batch([
        {
          sql: "INSERT INTO invite_codes (code, unit_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
          args: [invite.code, invite.unitId, invite.role, isoInstant(ctx.now), isoInstant(invite.expiresAt)],
        },
        auditStatement(
          {
            action: "invite.create",
            entity: "invite",
            entityId: invite.code,
            details: { unitId: invite.unitId, role: invite.role, expiresAt: isoInstant(invite.expiresAt) },
          },
          ctx,
        ),
      ]);
    },

    async redeem(code, chatRef, ctx) {
      const at = isoInstant(ctx.now);
      const [claim] = await sql.batch([
        {
          sql: "UPDATE invite_codes SET used_by = ?, used_at = ? WHERE code = ? AND used_at IS NULL AND expires_at > ?",
          args: [chatRef, at, code, at],
        },
        // Runs only when the claim above succeeded (changes() is the claim's row count).
        {
          sql:
            "INSERT INTO subscriptions (chat_ref, unit_id, role, created_at) " +
            "SELECT used_by, unit_id, role, used_at FROM invite_codes WHERE code = ? AND changes() > 0 " +
            "ON CONFLICT (chat_ref) DO UPDATE SET unit_id = excluded.unit_id, role = excluded.role, " +
            "created_at = excluded.created_at",
          args: [code],
        },
        auditIfChangedStatement(
          { action: "invite.redeem", entity: "invite", entityId: code, details: { chatRef } },
          ctx,
        ),
      ]);
      const invite = await get(code);
      if (invite === null) return { status: "unknown" };
      if (claim?.rowsAffected === 1) return { status: "linked", unitId: invite.unitId, role: invite.role };
      if (invite.usedAt !== null) return { status: "used", usedAt: invite.usedAt };
      return { status: "expired", expiresAt: invite.expiresAt };
    },
  };
}
