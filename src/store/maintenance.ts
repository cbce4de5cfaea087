/**
 * Keeping the database: row counts, an integrity check, a consistent copy (`VACUUM INTO`), and the
 * pruning of what is kept only for a while (claims of handled updates, settled deliveries, expired
 * choices, old audit entries). Runtime-neutral; the files around a copy are src/ops/backup.ts's.
 */

import { auditStatement } from "./audit.ts";
import { num, text } from "./rows.ts";
import { isoInstant, type Sql, type WriteContext } from "./sql.ts";

export interface Integrity {
  /** "ok", or SQLite's first complaints. */
  integrity: string[];
  /** Rows whose foreign key points nowhere (table and row id). */
  foreignKeyProblems: string[];
}

export interface PruneCutoffs {
  /** Claims of platform updates (redeliveries come within hours). */
  updatesBefore: Date;
  /** Deliveries settled (sent, failed, blocked, skipped). */
  deliveriesBefore: Date;
  auditBefore: Date;
  /** Numbered choices past their expiry. */
  now: Date;
}

export interface PruneReport {
  updates: number;
  deliveries: number;
  audit: number;
  choices: number;
}

export interface MaintenanceRepo {
  /** Rows of every table, by name. */
  tableCounts(): Promise<Record<string, number>>;
  integrity(): Promise<Integrity>;
  /** The migrations the database has applied, in order, with the checksums recorded. */
  appliedMigrations(): Promise<{ name: string; checksum: string }[]>;
  /** A consistent copy of the whole database into a new file (it must not exist), while others write. */
  vacuumInto(path: string): Promise<void>;
  /** Deletes what is past its retention, in one write; then the audit records how many of each. */
  prune(cutoffs: PruneCutoffs, ctx: WriteContext): Promise<PruneReport>;
}

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export function maintenanceRepo(sql: Sql): MaintenanceRepo {
  return {
    async tableCounts() {
      const tables = await sql.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      );
      const counts: Record<string, number> = {};
      for (const row of tables.rows) {
        const table = text(row, "name");
        const result = await sql.execute(`SELECT count(*) AS n FROM ${quoted(table)}`);
        counts[table] = num(result.rows[0]!, "n");
      }
      return counts;
    },

    async integrity() {
      const check = await sql.execute("PRAGMA integrity_check");
      const keys = await sql.execute("PRAGMA foreign_key_check");
      return {
        integrity: check.rows.map((row) => String(row[0])),
        foreignKeyProblems: keys.rows.map((row) => `${String(row[0])} #${String(row[1])}`),
      };
    },

    async appliedMigrations() {
      const exists = await sql.execute(
        "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'",
      );
      if (num(exists.rows[0]!, "n") === 0) return [];
      const result = await sql.execute("SELECT name, checksum FROM schema_migrations ORDER BY name");
      return result.rows.map((row) => ({ name: text(row, "name"), checksum: text(row, "checksum") }));
    },

    async vacuumInto(path) {
      await sql.execute({ sql: "VACUUM INTO ?", args: [path] });
    },

    async prune(cutoffs, ctx) {
      const [updates, deliveries, audit, choices] = await sql.batch([
        {
          sql: "DELETE FROM processed_updates WHERE processed_at < ?",
          args: [isoInstant(cutoffs.updatesBefore)],
        },
        {
          sql: "DELETE FROM outbox WHERE state IN ('sent', 'failed', 'blocked', 'skipped') AND updated_at < ?",
          args: [isoInstant(cutoffs.deliveriesBefore)],
        },
        // Entries about erasures stay: they are what shows that a chair's data was erased.
        {
          sql: "DELETE FROM audit_log WHERE at < ? AND action NOT IN ('chat.erase', 'retention.prune')",
          args: [isoInstant(cutoffs.auditBefore)],
        },
        { sql: "DELETE FROM pending_choices WHERE expires_at <= ?", args: [isoInstant(cutoffs.now)] },
      ]);
      const report = {
        updates: updates?.rowsAffected ?? 0,
        deliveries: deliveries?.rowsAffected ?? 0,
        audit: audit?.rowsAffected ?? 0,
        choices: choices?.rowsAffected ?? 0,
      };
      await sql.batch([
        auditStatement(
          { action: "retention.prune", entity: "database", entityId: null, details: { ...report } },
          ctx,
        ),
      ]);
      return report;
    },
  };
}
