/**
 * What one Worker isolate builds once and keeps: the configuration (read from the bindings through the
 * same schema as on Node), a metered fetch, the database client over HTTP, the app's dependencies and the
 * officers' admin API (/admin, src/admin/for-service.ts).
 * Nothing here talks to the network: the first request or trigger does.
 */
import { createClient } from "@libsql/client/web";
import type { Hono } from "hono";
import { adminApiFor } from "../admin/for-service.ts";
import { type Config, parseConfig, redact } from "../config.ts";
import { createDeps, type Deps } from "../deps.ts";
import { isAppError } from "../errors.ts";
import { createLog } from "../log.ts";
import { createMeter, type Meter } from "./meter.ts";

/** A database round trip or a Bot API call that takes longer is abandoned (the caller retries or queues). */
const CALL_DEADLINE_MS = 10_000;

export interface WorkerApp {
  config: Config;
  deps: Deps;
  app: Hono;
  meter: Meter;
  /** True once since the last call when something was queued for the sender. */
  takeWake(): boolean;
}

export function buildWorkerApp(bindings: object, createApp: (deps: Deps) => Hono): WorkerApp {
  const strings: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(bindings)) if (typeof value === "string") strings[key] = value;
  const config = parseConfig(strings, { runtime: "workers" });
  const meter = createMeter(CALL_DEADLINE_MS);
  const client = createClient({
    url: config.libsql.url,
    authToken: config.libsql.authToken ?? undefined,
    fetch: meter.fetch,
  });
  let woken = false;
  const wake = () => {
    woken = true;
  };
  const log = createLog({ redact: (line) => redact(line, config) });
  const deps = createDeps(config, client, {
    log,
    fetch: meter.fetch,
    // A new isolate answers its first messages without loading the national register.
    narrowNames: true,
    onWake: wake,
  });
  return {
    config,
    deps,
    // The officers' API too: a publication's announcement is drained after the response, as a webhook's.
    app: createApp({ ...deps, admin: adminApiFor(deps, config, wake) }),
    meter,
    takeWake() {
      const was = woken;
      woken = false;
      return was;
    },
  };
}

/**
 * A configuration the Worker cannot run with: every request gets its Vietnamese reason (it names
 * variables, never their values) instead of the runtime's bare error page, and the log says it once per
 * request.
 */
export function configFailure(error: unknown): Response {
  if (!isAppError(error)) throw error;
  console.error(
    JSON.stringify({ level: "error", message: "worker configuration refused", code: error.code }),
  );
  return Response.json({ error: error.message, code: error.code }, { status: 500 });
}
