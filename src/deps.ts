/**
 * Builds everything the app needs from the configuration and an open database client. No side
 * effects at import and none here beyond creating objects: no network call, no polling started
 * (the entry decides that). Runtime-neutral, so a Worker entry can use it too.
 */
import type { Client } from "@libsql/client";
import type { AppDeps } from "./app.ts";
import { createTelegramBot } from "./channels/telegram/bot.ts";
import { createZaloBot } from "./channels/zalo/bot.ts";
import { createZaloClient } from "./channels/zalo/client.ts";
import { createChatService } from "./chat/service.ts";
import { type Config, redact } from "./config.ts";
import { createLog, type Log } from "./log.ts";
import { createResolver } from "./resolve/index.ts";
import { createStore, type Store } from "./store/index.ts";

export interface Deps extends AppDeps {
  store: Store;
}

export interface DepsOptions {
  log?: Log;
  now?: () => Date;
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
  const chat = createChatService({
    store,
    // Read once, on the first message that names a unit; the chat service keeps it.
    resolver: async () => createResolver(await store.units.listResolvable()),
    log,
  });
  const telegram = config.telegram && {
    bot: createTelegramBot({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      chat,
      store,
      log,
      now,
    }),
    mode: config.telegram.mode,
    webhookSecret: config.telegram.webhookSecret,
  };
  const zalo = config.zalo && {
    bot: createZaloBot({
      client: createZaloClient({ token: config.zalo.token, apiRoot: config.zalo.apiRoot }),
      chat,
      store,
      log,
      now,
    }),
    mode: config.zalo.mode,
    webhookSecret: config.zalo.webhookSecret,
  };
  return {
    store,
    chat,
    pingDatabase: () => store.units.count(),
    telegram,
    zalo,
    log,
    now,
  };
}
