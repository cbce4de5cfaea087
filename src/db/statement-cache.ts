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
 * Compiled every time, as before: a statement with a `*` in it (the driver names a statement's
 * columns from its compilation, so a kept `SELECT *` would name a column added since wrongly; every
 * hot statement lists its columns) and one with named parameters (the store binds by position).
 *
 * A kept statement also keeps the values its last run bound (the import's last staged chunk, say)
 * until it runs again or is dropped. Code using the driver directly (only test/support's Hrana server
 * does) must not run a statement while iterating the same text: both are one statement now.
 *
 * The driver is reached through the copy @libsql/client loads, so it is exactly the one in use;
 * if an upgrade changes its shape, installing fails loudly instead of silently doing nothing.
 */
import { createRequire } from "node:module";
import { AppError } from "../errors.ts";

/** Distinct statements kept per connection; the product runs about a hundred distinct texts. */
export const STATEMENTS_KEPT_PER_CONNECTION = 256;

type Run = (...params: unknown[]) => unknown;

interface DriverStatement {
  raw(toggle?: boolean): unknown;
  columns(): unknown;
  run: Run;
  get: Run;
  all: Run;
  iterate: Run;
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
    const parameters = sql.includes("*") ? null : positionalParameters(sql);
    if (parameters === null) return compile.call(this, sql);
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
    const statement = bindAllPositions(keepColumns(compile.call(this, sql)), parameters);
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
 * text names every column (no `*`), so their number and order cannot change; a column another
 * connection drops or renames makes the statement fail, as uncached. Only a rename that changes
 * nothing but letter case, or a table rebuilt with other declared types, would leave a kept list
 * behind; migrations here do neither, and nothing reads the declared types.
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

/**
 * A statement keeps the values bound by its last run. Uncached, a positional parameter the caller
 * leaves out is NULL; kept, it would be the previous caller's value (another chat's, say). So a
 * kept statement's runs bind every position, NULL for those left out.
 */
function bindAllPositions(statement: DriverStatement, parameters: number): DriverStatement {
  if (parameters === 0) return statement;
  for (const method of ["run", "get", "all", "iterate"] as const) {
    const original = statement[method];
    statement[method] = function boundRun(this: DriverStatement, ...params: unknown[]) {
      const [args] = params;
      if (params.length === 1 && Array.isArray(args) && args.length < parameters) {
        return original.call(this, [...args, ...new Array(parameters - args.length).fill(null)]);
      }
      return original.apply(this, params);
    };
  }
  return statement;
}

/**
 * How many positional parameters (`?`, `?NNN`) a statement has, numbered as SQLite numbers them (a
 * bare `?` takes the largest number so far plus one); null when it names parameters (`:a`, `@a`,
 * `$a`), which are never kept. String literals, quoted names and comments are skipped.
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

/** The index of the quote closing the one at `start` (a doubled quote stands for itself). */
function closingQuote(sql: string, start: number): number {
  const quote = sql[start];
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] !== quote) continue;
    if (sql[i + 1] === quote) i++;
    else return i;
  }
  return sql.length;
}

/** How many statements a driver connection keeps (for tests). */
export function statementsKept(connection: object): number {
  return kept.get(connection as DriverDatabase)?.size ?? 0;
}
