/**
 * Node: the embedded database (a file, or memory), through code the project owns. It speaks the same
 * `Client` contract as @libsql/client (which still serves remote URLs), over the `libsql` driver, and
 * keeps each connection's compiled statements in a small LRU, as rusqlite's `prepare_cached` does:
 * @libsql/client compiles every statement anew on every call, which cost a fifth of a chat update.
 *
 * A kept statement changes no result: SQLite resets it before each run and recompiles it itself after
 * a schema change; every position is bound on every run (NULL for one the caller left out, never the
 * previous run's value). Compiled anew each time: a statement with named parameters (the store binds
 * by position) and one with a `*` (the driver names columns from the first compilation).
 *
 * Connections: one serves every call outside a transaction (the driver is synchronous, so calls never
 * interleave on it); each open transaction has one of its own, from a small pool (one that said it
 * cannot write is closed, not kept). A database in memory exists on one connection only: calls take it
 * in turn, first come first served, a transaction for as long as it is open (30 s of waiting at most).
 */
import { Buffer } from "node:buffer";
import {
  type Client,
  type InArgs,
  type InStatement,
  type InValue,
  LibsqlBatchError,
  LibsqlError,
  type Replicated,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode,
} from "@libsql/client";
import Database from "libsql";

/** Distinct statements kept per connection; the product runs about a hundred distinct texts. */
export const STATEMENTS_KEPT_PER_CONNECTION = 256;
const IDLE_CONNECTIONS_KEPT = 4;
const MEMORY_WAIT_MS = 30_000;

type DriverDatabase = InstanceType<typeof Database>;
type DriverStatement = ReturnType<DriverDatabase["prepare"]>;

interface Kept {
  statement: DriverStatement;
  /** Positions to bind (?, ?NNN), or null: named parameters. */
  positions: number | null;
}

const BASE_CODES: Record<number, string> = {
  1: "SQLITE_ERROR",
  2: "SQLITE_INTERNAL",
  3: "SQLITE_PERM",
  4: "SQLITE_ABORT",
  5: "SQLITE_BUSY",
  6: "SQLITE_LOCKED",
  7: "SQLITE_NOMEM",
  8: "SQLITE_READONLY",
  9: "SQLITE_INTERRUPT",
  10: "SQLITE_IOERR",
  11: "SQLITE_CORRUPT",
  12: "SQLITE_NOTFOUND",
  13: "SQLITE_FULL",
  14: "SQLITE_CANTOPEN",
  15: "SQLITE_PROTOCOL",
  16: "SQLITE_EMPTY",
  17: "SQLITE_SCHEMA",
  18: "SQLITE_TOOBIG",
  19: "SQLITE_CONSTRAINT",
  20: "SQLITE_MISMATCH",
  21: "SQLITE_MISUSE",
  22: "SQLITE_NOLFS",
  23: "SQLITE_AUTH",
  24: "SQLITE_FORMAT",
  25: "SQLITE_RANGE",
  26: "SQLITE_NOTADB",
};

/** The driver's error as @libsql/client reports it (the code is what outage detection reads). */
function libsqlError(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== "SqliteError") return error;
  const { code, rawCode } = error as Error & { code?: string; rawCode?: number };
  const base =
    rawCode === undefined
      ? "SQLITE_UNKNOWN"
      : (BASE_CODES[rawCode & 0xff] ?? `SQLITE_UNKNOWN_${rawCode & 0xff}`);
  return new LibsqlError(error.message, base, code, rawCode, error);
}

function inBatch(error: unknown, index: number): unknown {
  const mapped = libsqlError(error);
  if (!(mapped instanceof LibsqlError) || mapped instanceof LibsqlBatchError) return mapped;
  return new LibsqlBatchError(
    mapped.message,
    index,
    mapped.code,
    mapped.extendedCode,
    mapped.rawCode,
    mapped,
  );
}

/**
 * How many positional parameters (`?`, `?NNN`) a statement has, numbered as SQLite numbers them (a
 * bare `?` takes the largest number so far plus one); null when it names parameters (`:a`, `@a`,
 * `$a`). String literals, quoted names and comments are skipped.
 */
export function positionalParameters(sql: string): number | null {
  let count = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    const next = sql[i + 1] ?? "";
    if (c === "'" || c === '"' || c === "`") i = closingQuote(sql, i);
    else if (c === "[") i = sql.indexOf("]", i) < 0 ? sql.length : sql.indexOf("]", i);
    else if (c === "-" && next === "-") i = sql.indexOf("\n", i) < 0 ? sql.length : sql.indexOf("\n", i);
    else if (c === "/" && next === "*")
      i = sql.indexOf("*/", i + 2) < 0 ? sql.length : sql.indexOf("*/", i + 2) + 1;
    else if (c === "?") {
      let end = i + 1;
      while (end < sql.length && sql[end]! >= "0" && sql[end]! <= "9") end++;
      count = end > i + 1 ? Math.max(count, Number(sql.slice(i + 1, end))) : count + 1;
      i = end - 1;
    } else if ((c === ":" || c === "@" || c === "$") && /[\p{L}_\d]/u.test(next)) return null;
  }
  return count;
}

function closingQuote(sql: string, start: number): number {
  const quote = sql[start];
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] !== quote) continue;
    if (sql[i + 1] === quote) i++;
    else return i;
  }
  return sql.length;
}

function toSql(value: InValue): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
  }
  if (typeof value === "bigint" && (value < -(2n ** 63n) || value > 2n ** 63n - 1n)) {
    throw new RangeError("This bigint value is too large to be represented as a 64-bit integer");
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.valueOf();
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value === undefined) throw new TypeError("undefined cannot be bound to an SQL parameter");
  return value;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function fromSql(value: unknown): unknown {
  if (typeof value === "bigint") {
    if (value < MIN_SAFE || value > MAX_SAFE) {
      throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    }
    return Number(value);
  }
  if (value instanceof Buffer)
    return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  return value;
}

/** A row as @libsql/client shapes it: values by index, and by column name (enumerable). */
function toRow(values: readonly unknown[], columns: readonly string[]): Row {
  const row: Record<string | number, unknown> = {};
  Object.defineProperty(row, "length", { value: values.length });
  for (let i = 0; i < values.length; i++) {
    const value = fromSql(values[i]);
    Object.defineProperty(row, i, { value });
    const column = columns[i] as string;
    if (!Object.hasOwn(row, column)) {
      Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
    }
  }
  return row as unknown as Row;
}

class Result implements ResultSet {
  constructor(
    readonly columns: string[],
    readonly columnTypes: string[],
    readonly rows: Row[],
    readonly rowsAffected: number,
    readonly lastInsertRowid: bigint | undefined,
  ) {}
  toJSON() {
    return {
      columns: this.columns,
      columnTypes: this.columnTypes,
      rows: this.rows.map((row) =>
        Array.from(row as unknown as ArrayLike<unknown>, (value) =>
          typeof value === "bigint"
            ? `${value}`
            : value instanceof ArrayBuffer
              ? Buffer.from(value).toString("base64")
              : value,
        ),
      ),
      rowsAffected: this.rowsAffected,
      lastInsertRowid: this.lastInsertRowid === undefined ? null : String(this.lastInsertRowid),
    };
  }
}

function normalize(stmt: InStatement | [string, InArgs?], args?: InArgs): { sql: string; args: InArgs } {
  if (typeof stmt === "string") return { sql: stmt, args: args ?? [] };
  if (Array.isArray(stmt)) return { sql: stmt[0], args: stmt[1] ?? [] };
  return { sql: stmt.sql, args: stmt.args ?? [] };
}

/** One driver connection and its kept statements. */
class Connection {
  readonly db: DriverDatabase;
  readonly #kept = new Map<string, Kept>();

  constructor(path: string) {
    try {
      this.db = new Database(path);
    } catch (error) {
      // The driver reports a file it cannot open as a plain Error with an empty code.
      const mapped = libsqlError(error);
      if (mapped instanceof LibsqlError) throw mapped;
      const message = error instanceof Error ? error.message : String(error);
      throw new LibsqlError(
        message,
        "SQLITE_CANTOPEN",
        "SQLITE_CANTOPEN",
        14,
        error instanceof Error ? error : undefined,
      );
    }
  }

  get keptStatements(): number {
    return this.#kept.size;
  }

  #prepare(sql: string): Kept {
    const found = this.#kept.get(sql);
    if (found !== undefined) {
      // Most recently used last, so the first key is the one to drop.
      this.#kept.delete(sql);
      this.#kept.set(sql, found);
      return found;
    }
    const statement = this.db.prepare(sql);
    statement.safeIntegers(true);
    const kept = { statement, positions: positionalParameters(sql) };
    // The driver names a statement's columns from its first compilation: a kept `SELECT *` would name
    // a column added since wrongly. Every hot statement lists its columns.
    if (kept.positions === null || sql.includes("*")) return kept;
    this.#kept.set(sql, kept);
    if (this.#kept.size > STATEMENTS_KEPT_PER_CONNECTION) {
      const oldest = this.#kept.keys().next().value;
      if (oldest !== undefined) this.#kept.delete(oldest);
    }
    return kept;
  }

  run(stmt: InStatement | [string, InArgs?], args?: InArgs): ResultSet {
    const { sql, args: given } = normalize(stmt, args);
    try {
      const { statement, positions } = this.#prepare(sql);
      let bound: unknown;
      if (Array.isArray(given)) {
        const values = given.map(toSql);
        while (positions !== null && values.length < positions) values.push(null);
        bound = values;
      } else {
        const named: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(given)) {
          named[/^[@$:]/.test(name) ? name.slice(1) : name] = toSql(value);
        }
        bound = named;
      }
      if (statement.reader) {
        statement.raw(true);
        const columns = (statement.columns() as { name: string; type?: string | null }[]).map((c) => c.name);
        const types = (statement.columns() as { type?: string | null }[]).map((c) => c.type ?? "");
        const rows = (statement.all(bound as never) as unknown[][]).map((values) => toRow(values, columns));
        return new Result(columns, types, rows, 0, undefined);
      }
      const info = statement.run(bound as never) as { changes: number; lastInsertRowid: number | bigint };
      return new Result([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (error) {
      throw libsqlError(error);
    }
  }

  exec(sql: string): void {
    try {
      this.db.exec(sql);
    } catch (error) {
      throw libsqlError(error);
    }
  }

  close(): void {
    this.#kept.clear();
    try {
      if (this.db.open) this.db.close();
    } catch {
      // nothing useful to do while tearing down
    }
  }
}

function begin(mode: TransactionMode): string {
  return mode === "write"
    ? "BEGIN IMMEDIATE"
    : mode === "read"
      ? "BEGIN TRANSACTION READONLY"
      : "BEGIN DEFERRED";
}

function runAll(connection: Connection, stmts: readonly (InStatement | [string, InArgs?])[]): ResultSet[] {
  const results: ResultSet[] = [];
  for (const [index, stmt] of stmts.entries()) {
    try {
      results.push(connection.run(stmt));
    } catch (error) {
      throw inBatch(error, index);
    }
  }
  return results;
}

class EmbeddedTransaction implements Transaction {
  #connection: Connection | null;
  /** The connection said it cannot write: it is closed rather than kept for another transaction. */
  #spoiled = false;
  readonly #release: (connection: Connection, spoiled: boolean) => void;

  constructor(connection: Connection, release: (connection: Connection, spoiled: boolean) => void) {
    this.#connection = connection;
    this.#release = release;
  }

  get closed(): boolean {
    // A closed client may have closed this connection: reading its state then would abort the process.
    const connection = this.#connection;
    return connection === null || !connection.db.open || !connection.db.inTransaction;
  }

  #watch<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (spoils(error)) this.#spoiled = true;
      throw error;
    }
  }

  #open(): Connection {
    if (this.closed || this.#connection === null)
      throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
    return this.#connection;
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    return this.#watch(() => this.#open().run(stmt));
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#watch(() => runAll(this.#open(), stmts));
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#watch(() => this.#open().exec(sql));
  }

  async commit(): Promise<void> {
    try {
      this.#watch(() => this.#open().run("COMMIT"));
    } finally {
      this.#settle();
    }
  }

  async rollback(): Promise<void> {
    this.close();
  }

  close(): void {
    const connection = this.#connection;
    if (connection === null) return;
    try {
      if (connection.db.open && connection.db.inTransaction) connection.run("ROLLBACK");
    } finally {
      this.#settle();
    }
  }

  #settle(): void {
    const connection = this.#connection;
    if (connection === null) return;
    this.#connection = null;
    this.#release(connection, this.#spoiled);
  }
}

/**
 * In memory, the one connection is taken in turn, first come first served: a transaction holds its
 * turn until it ends, any other call only for its own synchronous work. A turn not given within 30 s
 * is refused (a transaction left open), and the queue goes on without it.
 */
class Turns {
  #last: Promise<void> = Promise.resolve();

  async take(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const before = this.#last;
    this.#last = before.then(() => mine);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), MEMORY_WAIT_MS);
    });
    const outcome = await Promise.race([before.then(() => "turn" as const), late]);
    clearTimeout(timer);
    if (outcome === "late") {
      // Give the turn away as soon as it comes, so those behind are not stuck too.
      void before.then(release);
      throw new LibsqlError(
        "This in-memory database's one connection is held by a transaction that has not ended.",
        "TRANSACTION_ACTIVE",
      );
    }
    return release;
  }
}

/** Whether an error says the connection cannot write (and should not be reused). */
function spoils(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^SQLITE_(?:READONLY|CANTOPEN)/u.test(code);
}

export class EmbeddedClient implements Client {
  readonly protocol = "file";
  closed = false;
  readonly #path: string;
  readonly #memory: boolean;
  #shared: Connection | null = null;
  #idle: Connection[] = [];
  readonly #turns = new Turns();

  constructor(path: string) {
    this.#memory = path === ":memory:";
    this.#path = path;
    this.#connection(); // fail now if the database cannot be opened at all
  }

  #connection(): Connection {
    if (this.closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
    this.#shared ??= new Connection(this.#path);
    return this.#shared;
  }

  /** Runs synchronous work on the shared connection, in its turn when the database is in memory. */
  async #withShared<T>(work: (connection: Connection) => T): Promise<T> {
    if (!this.#memory) return work(this.#connection());
    const release = await this.#turns.take();
    try {
      return work(this.#connection());
    } finally {
      release();
    }
  }

  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return this.#withShared((connection) => connection.run(stmt, args));
  }

  async batch(
    stmts: (InStatement | [string, InArgs?])[],
    mode: TransactionMode = "deferred",
  ): Promise<ResultSet[]> {
    return this.#withShared((connection) =>
      inOneTransaction(connection, mode, () => runAll(connection, stmts)),
    );
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    // All in one synchronous stretch: no other call runs while foreign keys are off.
    return this.#withShared((connection) => {
      connection.run("PRAGMA foreign_keys = off");
      try {
        return inOneTransaction(connection, "deferred", () => runAll(connection, stmts));
      } finally {
        connection.run("PRAGMA foreign_keys = on");
      }
    });
  }

  async transaction(mode: TransactionMode = "write"): Promise<Transaction> {
    if (this.#memory) {
      const release = await this.#turns.take();
      try {
        const connection = this.#connection();
        connection.run(begin(mode));
        return new EmbeddedTransaction(connection, () => release());
      } catch (error) {
        release();
        throw error;
      }
    }
    if (this.closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
    const connection = this.#idle.pop() ?? new Connection(this.#path);
    try {
      connection.run(begin(mode));
    } catch (error) {
      connection.close();
      throw error;
    }
    return new EmbeddedTransaction(connection, (used, spoiled) => {
      if (spoiled || this.closed || this.#idle.length >= IDLE_CONNECTIONS_KEPT || !used.db.open) used.close();
      else this.#idle.push(used);
    });
  }

  async executeMultiple(sql: string): Promise<void> {
    await this.#withShared((connection) => connection.exec(sql));
  }

  async sync(): Promise<Replicated> {
    throw new LibsqlError("An embedded database has no replica to sync", "SYNC_NOT_SUPPORTED");
  }

  close(): void {
    this.closed = true;
    this.#shared?.close();
    this.#shared = null;
    for (const connection of this.#idle) connection.close();
    this.#idle = [];
  }

  /** Closes every connection; the next call opens them again (a memory database starts empty). */
  reconnect(): void {
    this.close();
    this.closed = false;
  }

  /** Statements kept by the shared connection (for tests). */
  get keptStatements(): number {
    return this.#shared?.keptStatements ?? 0;
  }
}

function inOneTransaction<T>(connection: Connection, mode: TransactionMode, work: () => T): T {
  connection.run(begin(mode));
  try {
    const result = work();
    connection.run("COMMIT");
    return result;
  } finally {
    if (connection.db.open && connection.db.inTransaction) connection.run("ROLLBACK");
  }
}

/** `:memory:`, or a file path. */
export function createEmbeddedClient(path: string): EmbeddedClient {
  return new EmbeddedClient(path);
}
