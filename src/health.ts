/**
 * GET /health: whether the database answers a trivial query, and how each channel is set up. 503
 * when the database does not answer, so a load balancer or uptime check sees the outage.
 */
import type { Context } from "hono";
import type { ChannelMode } from "./config.ts";
import type { Log } from "./log.ts";

export interface ChannelStatus {
  configured: boolean;
  mode?: ChannelMode;
}

export interface HealthDeps {
  /** Resolves when the database answered; rejects otherwise. */
  pingDatabase(): Promise<unknown>;
  channels: { telegram: ChannelStatus; zalo: ChannelStatus };
  log: Log;
}

export function health(deps: HealthDeps) {
  return async (c: Context) => {
    const started = performance.now();
    let reachable = true;
    try {
      await deps.pingDatabase();
    } catch (error) {
      reachable = false;
      deps.log.error("health: database unreachable", { error });
    }
    const body = {
      status: reachable ? "ok" : "unavailable",
      database: reachable
        ? { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 }
        : { ok: false },
      channels: { ...deps.channels, web: { configured: true } },
    };
    c.header("cache-control", "no-store");
    return c.json(body, reachable ? 200 : 503);
  };
}
