/**
 * Admin side: the officers' bearer tokens (migrations/0013: only the SHA-256 of each secret is kept),
 * the unit subtrees they are scoped to, and the audit log as officers read it (by unit and time).
 */
import type { Row } from "@libsql/client";
import type { AuditRecord } from "./audit.ts";
import { auditRecordFromRow } from "./audit.ts";
import { json, num, numOrNull, text, textOrNull } from "./rows.ts";
import { isoInstant, type Sql, type WriteContext } from "./sql.ts";
import { statsFromRow, type TthcStats } from "./tthc.ts";

export const ADMIN_ROLES = ["province", "district"] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export interface AdminTokenInput {
  /** Lower-case hex SHA-256 of the secret. */
  secretHash: string;
  role: AdminRole;
  /** The subtree root the token may act on. */
  unitId: number;
  label: string | null;
  /** ISO instant after which the token is refused; null = never. */
  expiresAt: string | null;
  /** The token that issued it through the API; null for the CLI and ADMIN_TOKEN. */
  issuedBy?: number | null;
}

export interface AdminTokenRecord {
  id: number;
  secretHash: string;
  role: AdminRole;
  unitId: number;
  unitCode: string;
  unitName: string;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  issuedBy: number | null;
}

/** An audit row as an officer reads it: the unit named by its code and name, not the store's number. */
export interface UnitAuditRecord extends AuditRecord {
  unit: { code: string; name: string } | null;
}

export interface AuditQuery {
  /**
   * Only changes made for units of these subtrees (root ids: every version of a reused code the caller
   * may see); null = every row, also those with no unit.
   */
  subtreeOf: readonly number[] | null;
  /** ISO instants, inclusive. */
  from: string | null;
  to: string | null;
  limit: number;
}

/** A chat linked to a unit (who has joined), without its platform id: an officer needs no more. */
export interface SubtreeChat {
  chatRef: number;
  platform: string;
  type: string;
  title: string | null;
  status: string;
  role: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  linkedAt: string;
}

export interface NoticeQuery {
  /** Notices of this subtree's units, and wider ones sent to its chats; null = every notice. */
  subtreeOf: number | null;
  /** ISO instants, inclusive, on the notice's creation. */
  from: string | null;
  to: string | null;
  limit: number;
}

/** A notice as an officer lists it, with its deliveries by state (only those to the subtree's chats). */
export interface NoticeSummary {
  key: string;
  job: string;
  title: string;
  scopeUnitCode: string | null;
  runAt: string;
  createdAt: string;
  counts: Record<string, number>;
}

export interface AdminRepo {
  /**
   * Stores a token; null when its issuer is no longer valid or already has `maxActiveIssued` working
   * tokens, checked in the same statement as the insert.
   */
  createToken(
    input: AdminTokenInput,
    ctx: WriteContext,
    limits?: { maxActiveIssued: number },
  ): Promise<number | null>;
  tokenByHash(secretHash: string): Promise<AdminTokenRecord | null>;
  token(id: number): Promise<AdminTokenRecord | null>;
  /** Every token, newest first (hashes included; never print them). */
  listTokens(): Promise<AdminTokenRecord[]>;
  /**
   * Revokes a token and every token issued from it down the chain, in one write, each audited; returns
   * the ids revoked now (the token first when it was among them); empty when nothing was left to revoke.
   */
  revokeToken(id: number, ctx: WriteContext): Promise<number[]>;
  /** The tokens that issued token `id`, nearest first (its issuer, its issuer's issuer…). */
  issuersOf(id: number): Promise<number[]>;
  /** The nearest issuer of token `id`, up the chain, that has been revoked; null when none. */
  revokedIssuer(id: number): Promise<{ id: number; revokedAt: string } | null>;
  /** Whether `unitId` is `rootId` or one of its descendants. */
  inSubtree(rootId: number, unitId: number): Promise<boolean>;
  /** The ids of every unit version of the subtree of `rootId`, itself included. */
  subtreeIds(rootId: number): Promise<Set<number>>;
  /** The chats linked to the units of the subtree of `rootId`, by unit code then link time. */
  chatsInSubtree(rootId: number): Promise<SubtreeChat[]>;
  /** Audit rows, newest first, each with the unit it was made for (code and name), where it has one. */
  audit(query: AuditQuery): Promise<UnitAuditRecord[]>;
  /** The latest `limit` TTHC periods of every unit of the subtree of `rootId` (its own included), by unit code. */
  tthcInSubtree(
    rootId: number,
    limit: number,
  ): Promise<{ unit: { id: number; code: string; name: string }; periods: TthcStats[] }[]>;
  /** Notices (not single replies), newest first. */
  notices(query: NoticeQuery): Promise<NoticeSummary[]>;
}

const TOKEN_COLUMNS =
  "t.id, t.secret_hash, t.role, t.unit_id, u.code AS unit_code, u.name AS unit_name, t.label, " +
  "t.created_at, t.expires_at, t.revoked_at, t.issued_by";

/** `subtree (id)`: the units under the roots `seed` selects (`id, 0` rows), themselves included. */
const subtreeFrom = (seed: string) =>
  `WITH RECURSIVE subtree (id, depth) AS (${seed} UNION ALL ` +
  "SELECT u.id, s.depth + 1 FROM units u JOIN subtree s ON u.parent_id = s.id WHERE s.depth < 8) ";
/** The subtree of the one root `?`. */
const SUBTREE = subtreeFrom("SELECT ?, 0");

function tokenFromRow(row: Row): AdminTokenRecord {
  const role = text(row, "role");
  return {
    id: num(row, "id"),
    secretHash: text(row, "secret_hash"),
    role: role === "province" ? "province" : "district",
    unitId: num(row, "unit_id"),
    unitCode: text(row, "unit_code"),
    unitName: text(row, "unit_name"),
    label: textOrNull(row, "label"),
    createdAt: text(row, "created_at"),
    expiresAt: textOrNull(row, "expires_at"),
    revokedAt: textOrNull(row, "revoked_at"),
    issuedBy: numOrNull(row, "issued_by"),
  };
}

/** The token `?2` and every token issued from it, down the chain. */
// No depth limit: a chain can be as long as a leaked token cares to make it. A token is always issued by
// an older one (a smaller id), so walking to larger ids ends.
const CHAIN =
  "WITH RECURSIVE chain (id) AS (SELECT ?2 UNION SELECT t.id FROM admin_tokens t JOIN chain c " +
  "ON t.issued_by = c.id WHERE t.id > c.id) SELECT id FROM chain";

/** The issuers of token `?1`, up the chain (to smaller ids, so it ends). */
const ISSUERS =
  "WITH RECURSIVE up (id) AS (SELECT issued_by FROM admin_tokens WHERE id = ?1 AND issued_by < id " +
  "UNION SELECT t.issued_by FROM admin_tokens t JOIN up u ON t.id = u.id WHERE t.issued_by < t.id) ";

export function adminRepo(sql: Sql): AdminRepo {
  const selectToken = async (where: string, arg: string | number) => {
    const result = await sql.execute({
      sql: `SELECT ${TOKEN_COLUMNS} FROM admin_tokens t JOIN units u ON u.id = t.unit_id WHERE ${where}`,
      args: [arg],
    });
    const row = result.rows[0];
    return row === undefined ? null : tokenFromRow(row);
  };
  return {
    async createToken(input, ctx, limits) {
      const issuer = input.issuedBy ?? null;
      const [inserted] = await sql.batch([
        {
          // Checked in the same statement as the insert: an issuer revoked (or filled up) meanwhile, by a
          // request running alongside, issues nothing.
          sql:
            "INSERT INTO admin_tokens (secret_hash, role, unit_id, label, created_at, expires_at, issued_by) " +
            "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE ?7 IS NULL OR (EXISTS (SELECT 1 FROM admin_tokens " +
            "WHERE id = ?7 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?5)) AND (SELECT " +
            "count(*) FROM admin_tokens WHERE issued_by = ?7 AND revoked_at IS NULL AND (expires_at IS NULL " +
            "OR expires_at > ?5)) < ?8) RETURNING id",
          args: [
            input.secretHash,
            input.role,
            input.unitId,
            input.label,
            isoInstant(ctx.now),
            input.expiresAt,
            issuer,
            limits?.maxActiveIssued ?? Number.MAX_SAFE_INTEGER,
          ],
        },
        {
          sql:
            "INSERT INTO audit_log (at, actor, action, entity, entity_id, details, unit_id) " +
            "SELECT ?, ?, 'admin-token.create', 'admin_token', CAST(last_insert_rowid() AS TEXT), ?, ? " +
            "WHERE changes() > 0",
          args: [
            isoInstant(ctx.now),
            ctx.actor,
            JSON.stringify({
              before: null,
              after: {
                role: input.role,
                unitId: input.unitId,
                label: input.label,
                expiresAt: input.expiresAt,
                issuedBy: input.issuedBy ?? null,
              },
            }),
            input.unitId,
          ],
        },
      ]);
      const row = inserted?.rows[0];
      return row === undefined ? null : num(row, "id");
    },

    tokenByHash: (secretHash) => selectToken("t.secret_hash = ?", secretHash),
    token: (id) => selectToken("t.id = ?", id),

    async listTokens() {
      const result = await sql.execute(
        `SELECT ${TOKEN_COLUMNS} FROM admin_tokens t JOIN units u ON u.id = t.unit_id ORDER BY t.id DESC`,
      );
      return result.rows.map(tokenFromRow);
    },

    async revokeToken(id, ctx) {
      const at = isoInstant(ctx.now);
      // One write: a row per token of the chain not yet revoked (the issuer's revocation as cause of the
      // others), then their revocation; both see the same tokens.
      const [, updated] = await sql.batch([
        {
          sql:
            "INSERT INTO audit_log (at, actor, action, entity, entity_id, details, unit_id) " +
            "SELECT ?1, ?3, 'admin-token.revoke', 'admin_token', CAST(id AS TEXT), json_object('before', " +
            "json_object('revokedAt', NULL), 'after', json_object('revokedAt', ?1), 'cause', CASE WHEN id = ?2 " +
            "THEN NULL ELSE 'mã cấp nó (số ' || CAST(?2 AS INTEGER) || ') bị thu hồi' END), unit_id " +
            `FROM admin_tokens WHERE revoked_at IS NULL AND id IN (${CHAIN}) ORDER BY id`,
          args: [at, id, ctx.actor],
        },
        {
          sql: `UPDATE admin_tokens SET revoked_at = ?1 WHERE revoked_at IS NULL AND id IN (${CHAIN}) RETURNING id`,
          args: [at, id],
        },
      ]);
      const ids = (updated?.rows ?? []).map((row) => num(row, "id")).sort((a, b) => a - b);
      // The token first when it was revoked now; tokens issued from one revoked earlier may still be.
      return ids.includes(id) ? [id, ...ids.filter((other) => other !== id)] : ids;
    },

    async issuersOf(id) {
      const result = await sql.execute({
        sql: `${ISSUERS}SELECT id FROM up WHERE id IS NOT NULL ORDER BY id DESC`,
        args: [id],
      });
      return result.rows.map((row) => num(row, "id"));
    },

    async revokedIssuer(id) {
      const result = await sql.execute({
        sql:
          `${ISSUERS}SELECT t.id, t.revoked_at FROM up JOIN admin_tokens t ON t.id = up.id ` +
          "WHERE t.revoked_at IS NOT NULL ORDER BY t.id DESC LIMIT 1",
        args: [id],
      });
      const row = result.rows[0];
      return row === undefined ? null : { id: num(row, "id"), revokedAt: text(row, "revoked_at") };
    },

    async inSubtree(rootId, unitId) {
      const result = await sql.execute({
        sql: `${SUBTREE}SELECT 1 AS found FROM subtree WHERE id = ? LIMIT 1`,
        args: [rootId, unitId],
      });
      return result.rows.length > 0;
    },

    async subtreeIds(rootId) {
      const result = await sql.execute({ sql: `${SUBTREE}SELECT id FROM subtree`, args: [rootId] });
      return new Set(result.rows.map((row) => num(row, "id")));
    },

    async chatsInSubtree(rootId) {
      const result = await sql.execute({
        sql:
          `${SUBTREE}SELECT c.id AS chat_ref, c.platform, c.type, c.title, c.status, s.role, u.id AS unit_id, ` +
          "u.code AS unit_code, u.name AS unit_name, s.created_at FROM subtree t " +
          "JOIN subscriptions s ON s.unit_id = t.id JOIN chats c ON c.id = s.chat_ref JOIN units u ON u.id = t.id " +
          "ORDER BY u.code, s.created_at, c.id",
        args: [rootId],
      });
      return result.rows.map((row) => ({
        chatRef: num(row, "chat_ref"),
        platform: text(row, "platform"),
        type: text(row, "type"),
        title: textOrNull(row, "title"),
        status: text(row, "status"),
        role: text(row, "role"),
        unitId: num(row, "unit_id"),
        unitCode: text(row, "unit_code"),
        unitName: text(row, "unit_name"),
        linkedAt: text(row, "created_at"),
      }));
    },

    async audit(query) {
      const result = await sql.execute({
        sql:
          subtreeFrom("SELECT value, 0 FROM json_each(?1)") +
          "SELECT a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.details, a.unit_id, " +
          "u.code AS unit_code, u.name AS unit_name FROM audit_log a LEFT JOIN units u ON u.id = " +
          "coalesce(a.unit_id, CASE WHEN a.entity IN ('unit', 'scope') THEN CAST(a.entity_id AS INTEGER) END) " +
          "WHERE (?2 IS NULL OR a.unit_id IN (SELECT id FROM subtree) " +
          // The store's own rows name their unit or scope as the entity (a unit's change, older rows).
          "OR (a.unit_id IS NULL AND a.entity IN ('unit', 'scope') " +
          "AND a.entity_id IN (SELECT CAST(id AS TEXT) FROM subtree))) " +
          "AND (?3 IS NULL OR a.at >= ?3) AND (?4 IS NULL OR a.at <= ?4) ORDER BY a.id DESC LIMIT ?5",
        args: [
          JSON.stringify(query.subtreeOf ?? []),
          query.subtreeOf === null ? null : 1,
          query.from,
          query.to,
          query.limit,
        ],
      });
      return result.rows.map((row) => {
        const code = textOrNull(row, "unit_code");
        return {
          ...auditRecordFromRow(row),
          unit: code === null ? null : { code, name: text(row, "unit_name") },
        };
      });
    },

    async tthcInSubtree(rootId, limit) {
      const result = await sql.execute({
        sql:
          `${SUBTREE}SELECT t.*, u.code AS unit_code, u.name AS unit_name FROM (SELECT s.*, row_number() OVER ` +
          "(PARTITION BY s.unit_id ORDER BY s.period_end DESC, s.period_start DESC) AS k FROM tthc_stats s " +
          "WHERE s.unit_id IN (SELECT id FROM subtree)) t JOIN units u ON u.id = t.unit_id WHERE t.k <= ? " +
          "ORDER BY u.code, u.id, t.period_end DESC, t.period_start DESC",
        args: [rootId, limit],
      });
      const units: { unit: { id: number; code: string; name: string }; periods: TthcStats[] }[] = [];
      for (const row of result.rows) {
        const id = num(row, "unit_id");
        let entry = units.at(-1);
        if (entry?.unit.id !== id) {
          entry = { unit: { id, code: text(row, "unit_code"), name: text(row, "unit_name") }, periods: [] };
          units.push(entry);
        }
        entry.periods.push(statsFromRow(row));
      }
      return units;
    },

    async notices(query) {
      const result = await sql.execute({
        sql:
          `${SUBTREE}, mine (chat_ref) AS (SELECT chat_ref FROM subscriptions WHERE unit_id IN (SELECT id FROM subtree)) ` +
          "SELECT n.key, n.job, n.title, u.code AS scope_code, n.run_at, n.created_at, " +
          "(SELECT json_group_object(state, total) FROM (SELECT o.state, count(*) AS total FROM outbox o " +
          "WHERE o.notice_key = n.key AND (?2 IS NULL OR n.scope_unit_id IN (SELECT id FROM subtree) " +
          "OR o.chat_ref IN (SELECT chat_ref FROM mine)) GROUP BY o.state)) AS counts " +
          "FROM notices n LEFT JOIN units u ON u.id = n.scope_unit_id WHERE n.job <> 'reply' " +
          "AND (?2 IS NULL OR n.scope_unit_id IN (SELECT id FROM subtree) OR EXISTS (SELECT 1 FROM outbox o " +
          "WHERE o.notice_key = n.key AND o.chat_ref IN (SELECT chat_ref FROM mine))) " +
          "AND (?3 IS NULL OR n.created_at >= ?3) AND (?4 IS NULL OR n.created_at <= ?4) " +
          "ORDER BY n.created_at DESC, n.key LIMIT ?5",
        args: [query.subtreeOf ?? 0, query.subtreeOf, query.from, query.to, query.limit],
      });
      return result.rows.map((row) => ({
        key: text(row, "key"),
        job: text(row, "job"),
        title: text(row, "title"),
        scopeUnitCode: textOrNull(row, "scope_code"),
        runAt: text(row, "run_at"),
        createdAt: text(row, "created_at"),
        counts: json(row, "counts") as Record<string, number>,
      }));
    },
  };
}
