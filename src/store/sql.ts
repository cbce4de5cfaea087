/**
 * The one seam between the store and libSQL: repositories talk to `Sql`, which is either the client
 * itself or an open write transaction, so the same repository code runs inside `store.transaction`.
 */
import type { Client, InStatement, ResultSet, Transaction } from "@libsql/client";

export interface Sql {
  execute(stmt: InStatement): Promise<ResultSet>;
  /** All statements or none (a write batch on the client, part of the open transaction otherwise). */
  batch(stmts: InStatement[]): Promise<ResultSet[]>;
}

export function clientSql(client: Client): Sql {
  return {
    execute: (stmt) => client.execute(stmt),
    batch: async (stmts) => (stmts.length === 0 ? [] : client.batch(stmts, "write")),
  };
}

export function transactionSql(tx: Transaction): Sql {
  return {
    execute: (stmt) => tx.execute(stmt),
    batch: async (stmts) => (stmts.length === 0 ? [] : tx.batch(stmts)),
  };
}

/** A time passed in by the caller, written the same way everywhere: ISO 8601 UTC with milliseconds. */
export function isoInstant(now: Date): string {
  return now.toISOString();
}

/** Who changes something, and when: every write takes one, because the store never reads the clock. */
export interface WriteContext {
  now: Date;
  /** "cli", "telegram:123456", "admin:token-name", "seed:demo"… */
  actor: string;
}
