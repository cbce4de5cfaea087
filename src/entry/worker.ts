/**
 * Cloudflare Workers entry: the same Hono app, jobs and outbox as `npm start`, over a remote libSQL
 * server (`@libsql/client/web`). Migrations run from the CLI before a deploy, never here; the webhooks
 * are set from the CLI (`telegram setup`, `zalo setup`), never at start. README: "Deploying to
 * Cloudflare Workers".
 */
import { createApp } from "../app.ts";
import type { WorkerEnv } from "../edge/env.ts";
import { runScheduled } from "../edge/scheduled.ts";
import { buildWorkerApp, configFailure, type WorkerApp } from "../edge/worker-app.ts";

let built: WorkerApp | undefined;

/** Once per isolate; a wrong configuration throws its Vietnamese message on every request until fixed. */
function workerApp(env: WorkerEnv): WorkerApp {
  built ??= buildWorkerApp(env, createApp);
  return built;
}

export default {
  async fetch(request, env, ctx) {
    let worker: WorkerApp;
    try {
      worker = workerApp(env);
    } catch (error) {
      return configFailure(error);
    }
    const startedAt = worker.meter.count;
    const response = await worker.app.fetch(request, env, ctx);
    // A reply that missed its budget went to the outbox: send it after the response, not a minute later.
    if (worker.takeWake()) {
      const { config, deps, meter } = worker;
      ctx.waitUntil(
        deps.sender
          .drain({
            subrequests: config.drain.subrequests,
            spent: () => meter.count - startedAt,
            until: new Date(Date.now() + config.drain.timeMs),
          })
          .catch((error: unknown) => deps.log.error("outbox drain after a webhook failed", { error })),
      );
    }
    return response;
  },

  // Awaited, not waitUntil: a cron invocation has no response to hurry, and a failure is then reported.
  async scheduled(controller, env) {
    const { config, deps, meter } = workerApp(env);
    await runScheduled(
      deps,
      config,
      { cron: controller.cron, scheduledTime: controller.scheduledTime },
      meter,
    );
  },
} satisfies ExportedHandler<WorkerEnv>;
