/**
 * Builds everything the app needs from the configuration and an open database client. No side
 * effects at import and none here beyond creating objects: no network call, no polling started
 * (the entry decides that). Runtime-neutral, so a Worker entry can use it too.
 */
import type { Client } from "@libsql/client";
import type { AppDeps } from "./app.ts";
import { createTelegramBot } from "./channels/telegram/bot.ts";
import { telegramPort } from "./channels/telegram/port.ts";
import { webPort } from "./channels/web/port.ts";
import { createZaloBot } from "./channels/zalo/bot.ts";
import { createZaloClient } from "./channels/zalo/client.ts";
import { zaloPort } from "./channels/zalo/port.ts";
import { narrowResolvers } from "./chat/narrow.ts";
import { createChatService } from "./chat/service.ts";
import { type Config, redact } from "./config.ts";
import { type JobDeps, queueSummaries } from "./jobs/index.ts";
import { createLog, type Log } from "./log.ts";
import type { SendPort } from "./push/port.ts";
import { createSender, type Sender } from "./push/sender.ts";
import { createResolver } from "./resolve/index.ts";
import { createStore, type Store } from "./store/index.ts";

export interface Deps extends AppDeps {
  store: Store;
  /** The outbox's sender over every configured channel and the playground; the entry starts it. */
  sender: Sender;
  /** What the scheduled jobs need. */
  jobs: JobDeps;
}

export interface DepsOptions {
  log?: Log;
  /** The product's clock; `job run --at` shifts it. */
  now?: () => Date;
  /** Every Bot API call goes through it (the Worker meters its subrequests); default the global fetch. */
  fetch?: typeof fetch;
  /** Told when something was queued for the sender (a Worker drains the outbox after the response). */
  onWake?: () => void;
  /**
   * Answer a read-only message from the units it names before the whole register's index is built
   * (src/chat/narrow.ts): for a runtime whose processes are new all the time (Workers isolates).
   */
  narrowNames?: boolean;
}

/**
 * @example
 * const deps = createDeps(parseConfig(process.env), client);
 * const app = createApp(deps);
 */
export function createDeps(config: Config, client: Client, options: DepsOptions = {}): Deps {
  const log = options.log ?? createLog({ redact: (line) => redact(line, config) });
  const now = options.now ?? (() => new Date());
  const store = createStore(client);
  let resolving: ReturnType<typeof createResolver> | null = null;
  // Built once, on first need (a message naming a unit, a job), and shared.
  const resolver = async () => {
    resolving ??= createResolver(await store.units.listResolvable());
    return resolving;
  };
  const chat = createChatService({
    store,
    resolver,
    log,
    ...(options.narrowNames === true ? { narrowResolver: narrowResolvers(store) } : {}),
    pagesBaseUrl: config.publicBaseUrl,
  });
  let sender: Sender | null = null;
  const wakeSender = () => {
    sender?.wake();
    options.onWake?.();
  };
  const ports: SendPort[] = [webPort()];
  const zaloClient =
    config.zalo &&
    createZaloClient({
      token: config.zalo.token,
      apiRoot: config.zalo.apiRoot,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  const telegram = config.telegram && {
    bot: createTelegramBot({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      ...(config.telegram.botInfo ? { botInfo: config.telegram.botInfo } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      chat,
      store,
      log,
      now,
      wakeSender,
    }),
    mode: config.telegram.mode,
    webhookSecret: config.telegram.webhookSecret,
  };
  if (telegram) ports.push(telegramPort(telegram.bot.api));
  const zalo = config.zalo &&
    zaloClient && {
      bot: createZaloBot({ client: zaloClient, chat, store, log, now, wakeSender }),
      mode: config.zalo.mode,
      webhookSecret: config.zalo.webhookSecret,
    };
  if (zaloClient) ports.push(zaloPort(zaloClient));
  const jobs: JobDeps = { store, resolver, office: config.pushes.office, pagesBaseUrl: config.publicBaseUrl };
  sender = createSender({
    store,
    ports,
    limits: { telegram: config.pushes.telegram, zalo: config.pushes.zalo },
    retry: { maxAttempts: config.pushes.maxAttempts, baseDelayMs: config.pushes.retryBaseMs },
    clock: now,
    log,
    leaseMs: config.pushes.leaseMs,
    async afterSettled(keys) {
      if ((await queueSummaries(jobs, keys, now())).length > 0) wakeSender();
    },
  });
  return {
    store,
    chat,
    pingDatabase: () => store.units.count(),
    telegram,
    zalo,
    log,
    now,
    sender,
    jobs,
    publicRateLimit: config.publicRateLimit,
    trustProxy: config.trustProxy,
    adminToken: config.adminToken,
    reports: { store, resolver },
    publicBaseUrl: config.publicBaseUrl,
  };
}
