/**
 * Tells an outage from a refusal. The webhook answers 5xx only when the database could not be
 * reached, so the platform redelivers the update later; anything else would fail the same way again.
 */
import { AppError, isAppError } from "../errors.ts";
import { countDatabaseError } from "../metrics.ts";
import type { Store } from "../store/index.ts";

/** The database (or the network to it) failed; the same message will succeed once it is back. */
export class StoreUnavailableError extends AppError<"STORE_UNAVAILABLE"> {
  constructor(cause: unknown) {
    super("STORE_UNAVAILABLE", "Cơ sở dữ liệu tạm thời không truy cập được.", {
      cause: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause),
    });
    this.name = "StoreUnavailableError";
    this.cause = cause;
  }
}

export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return isAppError(error) && error.code === "STORE_UNAVAILABLE";
}

/** libSQL's errors and its transports', by name so that no client build has to be imported. */
const DATABASE_ERRORS = new Set([
  "LibsqlError",
  "LibsqlBatchError",
  "HttpServerError",
  "ProtoError",
  "ClosedError",
  "WebSocketError",
]);

/**
 * A constraint or SQL error is our bug, not an outage: redelivering would loop. A remote database that
 * cannot be reached surfaces as fetch's TypeError.
 */
export function isOutage(error: unknown): boolean {
  if (!(error instanceof Error) || isAppError(error)) return false;
  if (error.name === "TypeError") return /fetch failed|network|ECONNREFUSED/iu.test(error.message);
  if (!DATABASE_ERRORS.has(error.name)) return false;
  const code = String((error as { code?: unknown }).code ?? "");
  return (
    !/^SQLITE_(?:CONSTRAINT|MISMATCH|RANGE|TOOBIG)/u.test(code) &&
    !/syntax error|no such column/iu.test(error.message)
  );
}

export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isOutage(error)) throw error;
    countDatabaseError(error);
    throw new StoreUnavailableError(error);
  }
}

/**
 * The store with every method's outage turned into a StoreUnavailableError; the commands use it
 * unaware, and refusals (StoreError) pass through unchanged.
 */
export function guardStore(store: Store): Store {
  const wrapped = new WeakMap<object, object>();
  const wrap = <T extends object>(target: T): T => {
    const known = wrapped.get(target);
    if (known) return known as T;
    const proxy = new Proxy(target, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value === "function") {
          return (...args: unknown[]) => guarded(async () => Reflect.apply(value, object, args));
        }
        return typeof value === "object" && value !== null ? wrap(value) : value;
      },
    });
    wrapped.set(target, proxy);
    return proxy;
  };
  return wrap(store);
}
