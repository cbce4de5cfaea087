/**
 * `npm start`: the service on Node. Reads the configuration, opens the database (an embedded one is
 * migrated and seeded with the demo data on first start; a remote one only gets pending
 * migrations), serves the app, long-polls the channels configured for polling, runs the outbox's
 * sender and, unless SCHEDULER=off, the scheduled jobs.
 */
import { serve } from "@hono/node-server";
import type { Client } from "@libsql/client";
import { adminApiFor } from "../admin/for-service.ts";
import { createApp } from "../app.ts";
import { bootstrapEmbedded } from "../bootstrap.ts";
import type { Polling } from "../channels/polling.ts";
import { startTelegramPolling } from "../channels/telegram/polling.ts";
import { startZaloPolling } from "../channels/zalo/polling.ts";
import { type Config, parseConfig, redact } from "../config.ts";
import { databaseFilePath, describeDatabaseUrl, openDatabase } from "../db/open.ts";
import { useWriteAheadLog } from "../db/pragmas.ts";
import { createDeps } from "../deps.ts";
import { isAppError } from "../errors.ts";
import { databaseProblem } from "../health.ts";
import { createLog } from "../log.ts";
import { migrate } from "../store/migrate.ts";
import { readMigrations } from "../store/migrations-fs.ts";
import { type Scheduler, startScheduler } from "./scheduler.ts";

function configOrExit(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    console.error(isAppError(error) ? error.message : String(error));
    process.exit(1);
  }
}

const config = configOrExit();
const log = createLog({ redact: (line) => redact(line, config) });
const url = config.libsql.url;

/** The database opened and brought up to date, or one Vietnamese line (no secret, no stack) and exit 1. */
async function databaseOrExit(): Promise<Client> {
  try {
    const opened = await openDatabase({ url, authToken: config.libsql.authToken ?? undefined });
    if (url === ":memory:" || url.startsWith("file:")) {
      if (url.startsWith("file:")) await useWriteAheadLog(opened);
      await bootstrapEmbedded(opened, { now: new Date(), log });
    } else {
      const report = await migrate(opened, await readMigrations(), new Date());
      if (report.applied.length > 0) log.info("migrations applied", { applied: report.applied });
    }
    return opened;
  } catch (error) {
    const { code, reason } = databaseProblem(error);
    const detail = isAppError(error) ? ` ${error.message}` : "";
    console.error(
      redact(
        `Không mở được cơ sở dữ liệu ${describeDatabaseUrl(url)}: ${reason} (${code}).${detail}`,
        config,
      ),
    );
    log.error("database could not be opened at start", { error });
    process.exit(1);
  }
}

const client = await databaseOrExit();

const deps = createDeps(config, client, { log });
const app = createApp({
  ...deps,
  admin: adminApiFor(deps, config, () => deps.sender.wake()),
});
deps.sender.start();
let scheduler: Scheduler | null = null;
try {
  const embedded = url.startsWith("file:") && databaseFilePath(url) !== null;
  if (config.pushes.scheduler) {
    scheduler = startScheduler(deps, config, log, {
      embedded: embedded ? { url } : null,
    });
  }
} catch (error) {
  console.error(isAppError(error) ? error.message : String(error));
  process.exit(1);
}
const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  console.log(`cchc-bot: http://localhost:${info.port}/ (cơ sở dữ liệu ${describeDatabaseUrl(url)})`);
});

const pollings: Polling[] = [];
if (deps.telegram?.mode === "polling") pollings.push(startTelegramPolling(deps.telegram.bot, log));
if (config.zalo?.mode === "polling" && deps.zalo) {
  pollings.push(
    startZaloPolling({
      bot: deps.zalo.bot,
      client: { token: config.zalo.token, apiRoot: config.zalo.apiRoot },
      log,
    }),
  );
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info("shutting down", { signal });
  await Promise.allSettled(pollings.map((polling) => polling.stop()));
  await scheduler?.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  // Lets the deliveries in flight finish and hands the sender's lease back for the next process.
  await deps.sender.stop();
  client.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
