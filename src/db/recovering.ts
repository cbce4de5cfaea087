/**
 * Node, embedded files: a connection SQLite opened while the file (or its directory) could not be
 * written stays read-only even after the permissions or the mount are fixed, so the service would
 * answer 503 until restarted. When a call fails because the file is read-only or cannot be opened,
 * the client's connections are reopened (at most once a second) and the call is tried once more: the
 * service recovers by itself once the file is writable again, as it does after a full disk is freed.
 */
import type { Client } from "@libsql/client";

const REOPENING_CODES = /^SQLITE_(?:READONLY|CANTOPEN)/u;
const REOPEN_EVERY_MS = 1000;

function reopens(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && REOPENING_CODES.test(code);
}

export function recoveringClient(client: Client): Client {
  let reopenedAt = 0;
  async function reopen(): Promise<boolean> {
    const now = Date.now();
    if (now - reopenedAt < REOPEN_EVERY_MS) return false;
    reopenedAt = now;
    await client.reconnect();
    return true;
  }
  const retried =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        if (!reopens(error) || !(await reopen())) throw error;
        return call(...args);
      }
    };
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      return ["execute", "batch", "transaction", "executeMultiple", "migrate"].includes(String(property))
        ? retried(bound as (...args: unknown[]) => Promise<unknown>)
        : bound;
    },
  });
}
