/**
 * Cloudflare Workers entry: the same Hono app over a remote libSQL server (`@libsql/client/web`: only
 * libsql:// and https:// URLs work in workerd). Migrations are applied from the CLI before a deploy, never
 * here. Cron Triggers and the announcement jobs arrive with the outbox; this entry keeps the bundle honest
 * (nothing Node-only reachable from the app) and is checked by `wrangler deploy --dry-run` in the tests.
 */
import { createClient } from "@libsql/client/web";
import { createApp } from "../app.ts";
import { parseConfig } from "../config.ts";
import { createDeps } from "../deps.ts";

type Env = Record<string, string | undefined>;

let app: ReturnType<typeof createApp> | undefined;

function appFor(env: Env): ReturnType<typeof createApp> {
  if (app === undefined) {
    const config = parseConfig(env);
    const client = createClient({ url: config.libsql.url, authToken: config.libsql.authToken ?? undefined });
    app = createApp(createDeps(config, client));
  }
  return app;
}

export default {
  fetch(request: Request, env: Env): Response | Promise<Response> {
    return appFor(env).fetch(request);
  },
};
