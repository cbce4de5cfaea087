/**
 * The one seam between the store and libSQL: repositories talk to `Sql`, which is either the client
 * itself or an open write transaction, so the same repository code runs inside `store.transaction`.
 */
import type { Client, InStatement, ResultSet, Transaction } from "@libsql/client";
import { StoreError } from "./errors.ts";

export interface Sql {
  execute(stmt: InStatement): Promise<ResultSet>;
  /** All statements or none (a write batch on the client, part of the open transaction otherwise). */
  batch(stmts: InStatement[]): Promise<ResultSet[]>;
}

export function clientSql(client: Client): Sql {
  const batch =
    client.protocol === "file"
      ? sharedCommits(client)
      : (stmts: InStatement[]) => client.batch(stmts, "write");
  return {
    execute: (stmt) => client.execute(stmt),
    batch: async (stmts) => {
      if (stmts.length === 0) return [];
      if (readsThePreviousStatement(stmts)) {
        throw new StoreError(
          "BATCH_READS_PREVIOUS",
          "Lỗi lập trình: câu lệnh đầu của một lô ghi không được đọc changes() hay last_insert_rowid().",
        );
      }
      return batch(stmts);
    },
  };
}

interface QueuedBatch {
  stmts: InStatement[];
  resolve(results: ResultSet[]): void;
  reject(error: unknown): void;
}

/**
 * Whether a batch's first statement reads what the statement before it left (`changes()`,
 * `last_insert_rowid()`, `total_changes()`): outside a transaction that is another caller's (or, on a
 * pooled connection, whatever ran on it last).
 */
function readsThePreviousStatement(stmts: readonly InStatement[]): boolean {
  const first = stmts[0];
  const sql =
    typeof first === "string" ? first : Array.isArray(first) ? String(first[0]) : (first?.sql ?? "");
  return /\b(?:total_)?changes\s*\(|\blast_insert_rowid\s*\(/iu.test(sql);
}

// setImmediate is Node's (workerd has none): looked up, not named, so Worker code type-checks without it.
const setImmediateIfAny = (globalThis as { setImmediate?: (run: () => void) => unknown }).setImmediate;
const nextTurn: (run: () => void) => void =
  typeof setImmediateIfAny === "function"
    ? (run) => void setImmediateIfAny(run)
    : (run) => void setTimeout(run, 0);

const GROUP_TURNS = 4;

function afterTurns(turns: number, run: () => void): void {
  nextTurn(turns <= 1 ? run : () => afterTurns(turns - 1, run));
}

/**
 * Write batches on an embedded database (a file, or memory), where a commit runs on the event loop
 * and, for a file, waits for the log to reach the disk: the batches asked for while the event loop
 * turns (concurrent webhook updates each claiming their update, say) are committed together, in the
 * order asked, in one transaction. Each batch is still all or nothing and answered only once
 * committed; when the group fails, each batch is run again on its own, so that one batch's error (a
 * constraint, a refusal) is its own and the others commit as if they had been alone. A batch whose
 * first statement reads what the statement before it left (`changes()`, `last_insert_rowid()`)
 * would read another caller's: `clientSql` refuses such a batch outright, on every backend.
 *
 * The group is committed on the fourth turn of the event loop after its first batch: by then the
 * updates whose requests became readable meanwhile have reached their own writes (bench/chat.ts
 * under load: about 15 batches a commit instead of 8 after two turns, and a tenth more updates a
 * second). Idle, a turn costs microseconds.
 */
function sharedCommits(client: Client): (stmts: InStatement[]) => Promise<ResultSet[]> {
  let queue: QueuedBatch[] = [];

  async function runAlone(batch: QueuedBatch): Promise<void> {
    try {
      batch.resolve(await client.batch(batch.stmts, "write"));
    } catch (error) {
      batch.reject(error);
    }
  }

  async function flush(): Promise<void> {
    const group = queue;
    queue = [];
    const [only] = group;
    if (only !== undefined && group.length === 1) return runAlone(only);
    let results: ResultSet[];
    try {
      results = await client.batch(
        group.flatMap((batch) => batch.stmts),
        "write",
      );
    } catch {
      for (const batch of group) await runAlone(batch);
      return;
    }
    let from = 0;
    for (const batch of group) {
      batch.resolve(results.slice(from, from + batch.stmts.length));
      from += batch.stmts.length;
    }
  }

  return (stmts) =>
    new Promise<ResultSet[]>((resolve, reject) => {
      queue.push({ stmts, resolve, reject });
      if (queue.length === 1) afterTurns(GROUP_TURNS, () => void flush());
    });
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
