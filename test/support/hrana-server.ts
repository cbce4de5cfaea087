/**
 * A TEST FIXTURE of the Hrana protocol, not a database server (like a fake Bot API server): a loopback
 * node:http server speaking Hrana v2 over HTTP (JSON), backed by the `libsql` npm module on a file, so
 * the store's tests exercise the remote path of `@libsql/client` (the one Workers use) without sqld.
 *
 * Scope, checked against the sqld HTTP v2 spec and what @libsql/client 0.18 sends (lib-esm/http.js opens
 * the Hrana HTTP client with protocol version 2, so it only ever POSTs /v2/pipeline, never probes /v3):
 * - `POST /v2/pipeline` with `execute`, `batch` (conditions ok/error/not/and/or/is_autocommit),
 *   `sequence`, `store_sql`/`close_sql`, `get_autocommit` and `close`; one connection and one baton per
 *   stream, a fresh baton on every response, idle streams closed after 30 s.
 * - `GET /v2` and `GET /version` answer 200 (version probes); `/v3*` answers 404 so a v3 client falls back.
 * - `describe` and cursors are not implemented. An optional bearer token is checked (401 otherwise).
 * Requests are handled synchronously, one at a time, so a stream's requests never interleave.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "libsql";

type Db = Database.Database;

type ValueProto =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };

interface StmtProto {
  sql?: string | null;
  sql_id?: number | null;
  args?: ValueProto[];
  named_args?: { name: string; value: ValueProto }[];
  want_rows?: boolean;
}

type CondProto =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: CondProto }
  | { type: "and" | "or"; conds: CondProto[] }
  | { type: "is_autocommit" };

interface StmtResultProto {
  cols: { name: string; decltype: string | null }[];
  rows: ValueProto[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
}

interface ErrorProto {
  message: string;
  code: string;
}

type StreamRequest =
  | { type: "close" }
  | { type: "execute"; stmt: StmtProto }
  | { type: "batch"; batch: { steps: { condition?: CondProto | null; stmt: StmtProto }[] } }
  | { type: "sequence"; sql?: string | null; sql_id?: number | null }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number }
  | { type: "get_autocommit" };

interface Stream {
  db: Db;
  sqls: Map<number, string>;
  idle: NodeJS.Timeout | undefined;
}

class ProtocolError extends Error {}

export interface HranaTestServer {
  /** `http://127.0.0.1:<port>`, for `createClient({ url })`. */
  url: string;
  /** Pipeline requests served so far. */
  readonly pipelines: number;
  openStreams(): number;
  close(): Promise<void>;
}

export interface HranaTestServerOptions {
  /** The database file every stream opens. */
  path: string;
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  authToken?: string;
  idleStreamMs?: number;
}

function decodeValue(v: ValueProto): unknown {
  switch (v.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(v.value);
    case "float":
      return v.value;
    case "text":
      return v.value;
    case "blob":
      return Buffer.from(v.base64, "base64");
    default:
      throw new ProtocolError("unknown value type");
  }
}

function encodeValue(v: unknown): ValueProto {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) return { type: "blob", base64: Buffer.from(v).toString("base64") };
  throw new ProtocolError(`cannot encode a ${typeof v}`);
}

function errorProto(error: unknown): ErrorProto {
  const code =
    error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "UNKNOWN";
  return { message: error instanceof Error ? error.message : String(error), code };
}

function sqlText(stream: Stream, sql: string | null | undefined, sqlId: number | null | undefined): string {
  if (typeof sql === "string") return sql;
  const stored = sqlId === null || sqlId === undefined ? undefined : stream.sqls.get(sqlId);
  if (stored === undefined) throw new ProtocolError(`no SQL text and no stored SQL ${sqlId}`);
  return stored;
}

function executeStmt(stream: Stream, stmt: StmtProto): StmtResultProto {
  const { db } = stream;
  const prepared = db.prepare(sqlText(stream, stmt.sql, stmt.sql_id));
  const params: unknown[] = (stmt.args ?? []).map(decodeValue);
  if (stmt.named_args !== undefined && stmt.named_args.length > 0) {
    params.push(
      Object.fromEntries(stmt.named_args.map((a) => [a.name.replace(/^[:@$]/, ""), decodeValue(a.value)])),
    );
  }
  if (!prepared.reader) {
    const info = prepared.run(...params);
    return {
      cols: [],
      rows: [],
      affected_row_count: info.changes,
      last_insert_rowid: String(info.lastInsertRowid),
    };
  }
  prepared.raw(true).safeIntegers(true);
  const rows = prepared.all(...params) as unknown[][];
  // A reader that writes (INSERT … RETURNING) still reports what it changed.
  const [changes, rowid] = prepared.readonly
    ? [0, null]
    : ((db.prepare("SELECT changes(), last_insert_rowid()").raw(true).get() as [bigint, bigint]) ?? [
        0,
        null,
      ]);
  return {
    cols: prepared.columns().map((c) => ({ name: c.name, decltype: c.type })),
    rows: stmt.want_rows === false ? [] : rows.map((row) => row.map(encodeValue)),
    affected_row_count: Number(changes),
    last_insert_rowid: rowid === null ? null : String(rowid),
  };
}

function holds(
  cond: CondProto,
  results: (StmtResultProto | null)[],
  errors: (ErrorProto | null)[],
  db: Db,
): boolean {
  switch (cond.type) {
    case "ok":
      return results[cond.step] != null;
    case "error":
      return errors[cond.step] != null;
    case "not":
      return !holds(cond.cond, results, errors, db);
    case "and":
      return cond.conds.every((c) => holds(c, results, errors, db));
    case "or":
      return cond.conds.some((c) => holds(c, results, errors, db));
    case "is_autocommit":
      return !db.inTransaction;
    default:
      throw new ProtocolError("unknown batch condition");
  }
}

function handleRequest(stream: Stream, request: StreamRequest): { type: string; [field: string]: unknown } {
  switch (request.type) {
    case "execute":
      return { type: "execute", result: executeStmt(stream, request.stmt) };
    case "batch": {
      const results: (StmtResultProto | null)[] = [];
      const errors: (ErrorProto | null)[] = [];
      for (const step of request.batch.steps) {
        if (step.condition != null && !holds(step.condition, results, errors, stream.db)) {
          results.push(null);
          errors.push(null);
          continue;
        }
        try {
          results.push(executeStmt(stream, step.stmt));
          errors.push(null);
        } catch (error) {
          if (error instanceof ProtocolError) throw error;
          results.push(null);
          errors.push(errorProto(error));
        }
      }
      return { type: "batch", result: { step_results: results, step_errors: errors } };
    }
    case "sequence":
      stream.db.exec(sqlText(stream, request.sql, request.sql_id));
      return { type: "sequence" };
    case "store_sql":
      stream.sqls.set(request.sql_id, request.sql);
      return { type: "store_sql" };
    case "close_sql":
      stream.sqls.delete(request.sql_id);
      return { type: "close_sql" };
    case "get_autocommit":
      return { type: "get_autocommit", is_autocommit: !stream.db.inTransaction };
    case "close":
      return { type: "close" };
    default:
      throw new ProtocolError(`unsupported request type ${(request as { type: string }).type}`);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = typeof body !== "string";
  res.writeHead(status, { "content-type": json ? "application/json" : "text/plain" });
  res.end(json ? JSON.stringify(body) : body);
}

export async function startHranaServer(options: HranaTestServerOptions): Promise<HranaTestServer> {
  const idleMs = options.idleStreamMs ?? 30_000;
  const streams = new Map<string, Stream>();
  const idleConnections: Db[] = [];
  let pipelines = 0;

  const release = (stream: Stream) => {
    clearTimeout(stream.idle);
    if (stream.db.inTransaction) stream.db.exec("ROLLBACK");
    idleConnections.push(stream.db);
  };
  const park = (stream: Stream): string => {
    const baton = randomBytes(16).toString("hex");
    streams.set(baton, stream);
    stream.idle = setTimeout(() => {
      streams.delete(baton);
      release(stream);
    }, idleMs);
    stream.idle.unref();
    return baton;
  };

  const pipeline = (body: { baton?: unknown; requests?: unknown }) => {
    if (!Array.isArray(body.requests)) throw new ProtocolError("requests must be an array");
    let stream: Stream;
    if (typeof body.baton === "string") {
      const found = streams.get(body.baton);
      if (found === undefined)
        return { status: 400, body: { message: "stream expired or unknown baton", code: "STREAM_EXPIRED" } };
      streams.delete(body.baton);
      clearTimeout(found.idle);
      stream = found;
    } else {
      stream = {
        db: idleConnections.pop() ?? new Database(options.path, { timeout: 0 }),
        sqls: new Map(),
        idle: undefined,
      };
    }
    let closed = false;
    const results = (body.requests as StreamRequest[]).map((request) => {
      if (closed) return { type: "error", error: { message: "stream is closed", code: "STREAM_CLOSED" } };
      try {
        const response = handleRequest(stream, request);
        if (request.type === "close") closed = true;
        return { type: "ok", response };
      } catch (error) {
        if (error instanceof ProtocolError) throw error;
        return { type: "error", error: errorProto(error) };
      }
    });
    if (closed) release(stream);
    return { status: 200, body: { baton: closed ? null : park(stream), base_url: null, results } };
  };

  const server = createServer(async (req, res) => {
    try {
      if (options.authToken !== undefined && req.headers.authorization !== `Bearer ${options.authToken}`) {
        send(res, 401, "Unauthorized");
        return;
      }
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (req.method === "GET" && (path === "/v2" || path === "/version" || path === "/health")) {
        send(res, 200, "hrana-test-server (Hrana v2 over HTTP)");
      } else if (req.method === "POST" && path === "/v2/pipeline") {
        pipelines += 1;
        const result = pipeline(JSON.parse(await readBody(req)));
        send(res, result.status, result.body);
      } else {
        send(res, 404, "Not found");
      }
    } catch (error) {
      const status = error instanceof ProtocolError || error instanceof SyntaxError ? 400 : 500;
      send(res, status, {
        message: error instanceof Error ? error.message : String(error),
        code: "PROTOCOL_ERROR",
      });
    }
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get pipelines() {
      return pipelines;
    },
    openStreams: () => streams.size,
    async close() {
      for (const stream of streams.values()) release(stream);
      streams.clear();
      for (const db of idleConnections.splice(0)) db.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
