/**
 * The officers' admin API (/admin) as both entries mount it, over the service's dependencies: a
 * publication queues its result announcement through the job registry, a schedule posted for the
 * current week its update notice, and `wake` then tells the sender. On Node `wake` wakes the running
 * sender; a Worker has none, so there it marks the request and the entry drains the outbox after the
 * response (`takeWake()`).
 */
import type { Hono } from "hono";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { resultAnnouncementJob, runJob } from "../jobs/index.ts";
import { adminApi } from "./api.ts";

export function adminApiFor(
  deps: Pick<Deps, "store" | "now" | "log" | "jobs">,
  config: Pick<Config, "adminToken" | "trustProxy">,
  wake: () => void,
  // biome-ignore lint/suspicious/noExplicitAny: the admin API's own variables; createApp only mounts it.
): Hono<any> {
  return adminApi({
    store: deps.store,
    adminToken: config.adminToken,
    now: deps.now,
    log: deps.log,
    trustProxy: config.trustProxy,
    async announce(scopeCode, year, actor) {
      await runJob(
        deps.jobs,
        resultAnnouncementJob,
        { at: deps.now(), scopeCode, year, trigger: "publish" },
        { actor },
      );
      wake();
    },
    jobs: deps.jobs,
    wake,
  });
}
