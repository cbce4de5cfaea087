/**
 * The officers' admin API (/admin) on a Worker: the same `adminApi` as the Node entry builds, over the
 * isolate's store. A publication's result announcement is queued by the job registry's
 * result-announcement job, as on Node; instead of waking a running sender (a Worker has none), `wake`
 * marks the request so that the entry drains the outbox after the response (`takeWake()`).
 */
import type { Hono } from "hono";
import { adminApi } from "../admin/api.ts";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { resultAnnouncementJob, runJob } from "../jobs/index.ts";

export function workerAdmin(
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
  });
}
