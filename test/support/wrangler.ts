/**
 * Wrangler without its network: no telemetry, no cf.json lookup, no banner, no crash reports (see
 * ../shared/docs/stack.md). For every test and benchmark that runs it.
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";

export const WRANGLER_QUIET_ENV = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  WRANGLER_SEND_ERROR_REPORTS: "false",
} as const;

/** `wrangler deploy --dry-run --outdir <outdir>`: the Worker's bundle, no account, loopback only. */
export function dryRunBundle(outdir: string): SpawnSyncReturns<string> {
  return spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
    encoding: "utf8",
    env: { ...process.env, ...WRANGLER_QUIET_ENV },
  });
}
