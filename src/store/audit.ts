import type { InStatement, Row } from "@libsql/client";
import { json, num, numOrNull, text, textOrNull } from "./rows.ts";
import { isoInstant, type Sql, type WriteContext } from "./sql.ts";

export interface AuditEntry {
  /** "register.load", "chat.create", "subscription.set", "invite.redeem"… */
  action: string;
  /** Table-like name of what changed: "units", "chat", "subscription"… */
  entity: string;
  entityId: string | null;
  details?: Record<string, unknown>;
  /** The unit the change was made for (the admin API's scope), so officers see their subtree's changes. */
  unitId?: number | null;
}

export interface AuditRecord extends Required<AuditEntry> {
  id: number;
  at: string;
  actor: string;
}

const INSERT =
  "INSERT INTO audit_log (at, actor, action, entity, entity_id, details, unit_id) SELECT ?, ?, ?, ?, ?, ?, ?";

function args(entry: AuditEntry, ctx: WriteContext) {
  return [
    isoInstant(ctx.now),
    ctx.actor,
    entry.action,
    entry.entity,
    entry.entityId,
    JSON.stringify(entry.details ?? {}),
    entry.unitId ?? null,
  ];
}

/** The audit row of a change, to put in the same batch as the change itself. */
export function auditStatement(entry: AuditEntry, ctx: WriteContext): InStatement {
  return { sql: INSERT, args: args(entry, ctx) };
}

/**
 * An audit row written only if the statement just before it in the batch changed a row, so an upsert
 * that found nothing to change leaves no trace (and re-running a load leaves the database identical).
 */
export function auditIfChangedStatement(entry: AuditEntry, ctx: WriteContext): InStatement {
  return { sql: `${INSERT} WHERE changes() > 0`, args: args(entry, ctx) };
}

export interface AuditRepo {
  append(entry: AuditEntry, ctx: WriteContext): Promise<void>;
  /** Newest first. */
  list(filter?: { entity?: string; entityId?: string; limit?: number }): Promise<AuditRecord[]>;
}

export function auditRepo(sql: Sql): AuditRepo {
  return {
    async append(entry, ctx) {
      await sql.execute(auditStatement(entry, ctx));
    },
    async list(filter = {}) {
      const result = await sql.execute({
        sql:
          "SELECT id, at, actor, action, entity, entity_id, details, unit_id FROM audit_log " +
          "WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = ?2) ORDER BY id DESC LIMIT ?3",
        args: [filter.entity ?? null, filter.entityId ?? null, filter.limit ?? 100],
      });
      return result.rows.map(auditRecordFromRow);
    },
  };
}

/** An audit row as read: the columns id, at, actor, action, entity, entity_id, details, unit_id. */
export function auditRecordFromRow(row: Row): AuditRecord {
  return {
    id: num(row, "id"),
    at: text(row, "at"),
    actor: text(row, "actor"),
    action: text(row, "action"),
    entity: text(row, "entity"),
    entityId: textOrNull(row, "entity_id"),
    details: json(row, "details") as Record<string, unknown>,
    unitId: numOrNull(row, "unit_id"),
  };
}
