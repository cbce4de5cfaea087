/**
 * Node: keeps each embedded libSQL connection's compiled statements for reuse.
 *
 * @libsql/client runs an embedded database (file: or :memory:) through the `libsql` driver and
 * compiles every statement anew on every call, and reads its result columns anew twice: for the
 * chat path's handful of statements that was about a fifth of the time an update takes
 * (BENCHMARKS.md, "Chat"). The client has no way to keep a statement, so this gives the driver's
 * connections a small cache behind the same `prepare(sql)` the client already calls: a hit returns
 * the statement compiled before, which SQLite resets and rebinds on its next run. It changes no
 * result: a kept statement sees other connections' commits, holds no lock between runs (the client
 * always reads to the end), and is recompiled by SQLite itself after a schema change. Remote
 * databases are not touched.
 *
 * A statement with a `*` in it is compiled every time, as before: the driver keeps a statement's
 * column names from its first compilation, so `SELECT *` kept across another connection's
 * `ALTER TABLE … ADD COLUMN` would name the new column wrongly. Every hot statement lists its columns.
 *
 * The driver is reached through the copy @libsql/client loads, so it is exactly the one in use;
 * if an upgrade changes its shape, installing fails loudly instead of silently doing nothing.
 */
import { createRequire } from "node:module";
import { AppError } from "../errors.ts";

/** Distinct statements kept per connection; the product runs about a hundred distinct texts. */
export const STATEMENTS_KEPT_PER_CONNECTION = 256;

interface DriverStatement {
  raw(toggle?: boolean): unknown;
  columns(): unknown;
}

interface DriverDatabase {
  prepare(sql: string): DriverStatement;
  close(): void;
}

const kept = new WeakMap<DriverDatabase, Map<string, DriverStatement>>();
const INSTALLED = Symbol.for("cchc-bot.statement-cache");

function driverPrototype(): DriverDatabase & { [INSTALLED]?: true } {
  const fromClient = createRequire(createRequire(import.meta.url).resolve("@libsql/client"));
  const Database = fromClient("libsql") as { prototype?: unknown };
  const prototype = Database.prototype as (DriverDatabase & { [INSTALLED]?: true }) | undefined;
  if (typeof prototype?.prepare !== "function" || typeof prototype.close !== "function")
    throw new AppError(
      "DRIVER_CHANGED",
      "Trình điều khiển libsql đã đổi (không còn Database.prototype.prepare/close): xem lại src/db/statement-cache.ts.",
    );
  return prototype;
}

/** Installs the cache once per process (later calls do nothing). */
export function cacheEmbeddedStatements(): void {
  const prototype = driverPrototype();
  if (prototype[INSTALLED]) return;
  const compile = prototype.prepare;
  const close = prototype.close;

  prototype.prepare = function prepare(this: DriverDatabase, sql: string): DriverStatement {
    if (sql.includes("*")) return compile.call(this, sql);
    let statements = kept.get(this);
    if (statements === undefined) {
      statements = new Map();
      kept.set(this, statements);
    }
    const found = statements.get(sql);
    if (found !== undefined) {
      // Most recently used last, so the first key is the one to drop.
      statements.delete(sql);
      statements.set(sql, found);
      return found;
    }
    const statement = keepColumns(compile.call(this, sql));
    statements.set(sql, statement);
    if (statements.size > STATEMENTS_KEPT_PER_CONNECTION) {
      const oldest = statements.keys().next().value;
      if (oldest !== undefined) statements.delete(oldest);
    }
    return statement;
  };
  prototype.close = function closeConnection(this: DriverDatabase): void {
    kept.delete(this);
    close.call(this);
  };
  prototype[INSTALLED] = true;
}

/**
 * The client asks a statement for its result columns twice on every run, and the driver builds them
 * anew each time (half the cost of a short query): a kept statement answers with the first list. Its
 * text names every column (no `*`), so no schema change can alter them: one that renames or drops a
 * column they read makes the statement fail, as it would uncached.
 */
function keepColumns(statement: DriverStatement): DriverStatement {
  const columnsOf = statement.columns;
  let columns: unknown;
  statement.columns = function keptColumns(this: DriverStatement) {
    columns ??= columnsOf.call(this);
    return columns;
  };
  return statement;
}

/** How many statements a driver connection keeps (for tests). */
export function statementsKept(connection: object): number {
  return kept.get(connection as DriverDatabase)?.size ?? 0;
}
