/**
 * The service's log: one JSON object per line, on any runtime (console only). Every line goes
 * through `redact` before it is written, so a token that slips into a message or a field (an
 * error quoting a Bot API URL) never reaches the output.
 */

export type LogFields = Readonly<Record<string, unknown>>;

export interface Log {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export type LogLevel = "info" | "warn" | "error";

export interface LogOptions {
  /** Removes secrets from the finished line; `(line) => redact(line, config)`. */
  redact: (line: string) => string;
  write?: (level: LogLevel, line: string) => void;
  /** When each line was written; the log is the one place that may read the clock itself. */
  clock?: () => Date;
}

const consoleWrite = (level: LogLevel, line: string) => {
  if (level === "info") console.log(line);
  else console.error(line);
};

/**
 * @example
 * const log = createLog({ redact: (line) => redact(line, config) });
 * log.warn("telegram send failed", { chat: chatTag("telegram", chatId), error });
 */
export function createLog(options: LogOptions): Log {
  const write = options.write ?? consoleWrite;
  const clock = options.clock ?? (() => new Date());
  const emit = (level: LogLevel, message: string, fields: LogFields = {}) => {
    const entry: Record<string, unknown> = { time: clock().toISOString(), level, message };
    for (const [key, value] of Object.entries(fields)) entry[key] = loggable(value);
    write(level, options.redact(JSON.stringify(entry)));
  };
  return {
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
  };
}

/**
 * An error as a log line needs it: its name, message and codes (the driver's too: SQLITE_READONLY,
 * SQLITE_FULL, SQLITE_BUSY), and the chain of causes under it. An error that carries a code was
 * expected (a refusal, an outage); one that does not is a bug, and keeps its stack.
 */
function loggable(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  const error = value as Error & { code?: unknown; extendedCode?: unknown; rawCode?: unknown };
  const out: Record<string, unknown> = { name: error.name };
  if (error.code !== undefined) out.code = error.code;
  if (error.extendedCode !== undefined && error.extendedCode !== error.code)
    out.extendedCode = error.extendedCode;
  if (error.rawCode !== undefined) out.rawCode = error.rawCode;
  out.message = error.message;
  if (error.code === undefined && error.stack)
    out.stack = error.stack
      .split("\n")
      .slice(1, 9)
      .map((l) => l.trim());
  if (error.cause !== undefined && depth < 4) out.cause = loggable(error.cause, depth + 1);
  return out;
}

/**
 * The same log with fields on every line: what ties a reply to its update (`update`), a send to its
 * notice (`notice`, `delivery`), a job's lines to its run (`job`, `run`), a request to its id.
 */
export function withFields(log: Log, fields: LogFields): Log {
  return {
    info: (message, more) => log.info(message, { ...fields, ...more }),
    warn: (message, more) => log.warn(message, { ...fields, ...more }),
    error: (message, more) => log.error(message, { ...fields, ...more }),
  };
}

/**
 * Changes with every process (isolate): a tag links lines of one run, not a person across runs. Drawn
 * on first use: workerd refuses random values at a module's top level.
 */
let salt: string | undefined;
const SALT = () => {
  salt ??= [...crypto.getRandomValues(new Uint32Array(2))].join(".");
  return salt;
};

/**
 * How a log line names a chat a person uses: an opaque tag, never the platform's id (a user's
 * Telegram or Zalo id is personal data). Lines that have the store's chat id use that instead.
 */
export function chatTag(platform: string, chatId: string): string {
  // FNV-1a, 64 bits, over the salted id.
  let hash = 0xcbf29ce484222325n;
  for (const char of `${SALT()}|${platform}|${chatId}`) {
    hash ^= BigInt(char.codePointAt(0) ?? 0);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `${platform}#${hash.toString(36)}`;
}

export const silentLog: Log = { info() {}, warn() {}, error() {} };
