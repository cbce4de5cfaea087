/**
 * GET /health: whether the database answers a trivial query and commits a tiny write, and how each
 * channel is set up. 503 with the reason when it does not (unreachable, read-only, disk full,
 * locked), so a load balancer or uptime check sees the outage and an operator what to fix.
 */
import type { Context } from "hono";
import type { ChannelMode } from "./config.ts";
import type { Log } from "./log.ts";
import { countDatabaseError } from "./metrics.ts";

export interface ChannelStatus {
  configured: boolean;
  mode?: ChannelMode;
}

export interface HealthDeps {
  /** Resolves when the database answered; rejects otherwise. */
  pingDatabase(): Promise<unknown>;
  /** Resolves when a write committed; rejects otherwise. */
  checkWrite(): Promise<unknown>;
  channels: { telegram: ChannelStatus; zalo: ChannelStatus };
  log: Log;
}

/** What an operator should read for a database error: the driver's code in Vietnamese. */
export function databaseProblem(error: unknown): { code: string; reason: string } {
  countDatabaseError(error);
  const code = String(
    (error as { code?: unknown } | null)?.code ?? (error instanceof Error ? error.name : "UNKNOWN"),
  );
  const reasons: [RegExp, string][] = [
    [/READONLY/u, "tệp cơ sở dữ liệu chỉ đọc được (quyền tệp hoặc ổ đĩa chỉ đọc)"],
    [/FULL/u, "ổ đĩa đầy"],
    [/BUSY|LOCKED/u, "cơ sở dữ liệu đang bị khóa bởi tiến trình khác"],
    [/CANTOPEN/u, "không mở được tệp cơ sở dữ liệu (thư mục hoặc quyền)"],
    [/IOERR|CORRUPT|NOTADB/u, "lỗi đọc ghi hoặc tệp hỏng"],
  ];
  const found = reasons.find(([pattern]) => pattern.test(code));
  if (found) return { code, reason: found[1] };
  const message = error instanceof Error ? error.message : String(error);
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|network/iu.test(message)) {
    return { code, reason: "không kết nối được máy chủ cơ sở dữ liệu" };
  }
  return { code, reason: "cơ sở dữ liệu không trả lời" };
}

export function health(deps: HealthDeps) {
  return async (c: Context) => {
    const started = performance.now();
    let problem: { code: string; reason: string; write: boolean } | null = null;
    try {
      await deps.pingDatabase();
    } catch (error) {
      problem = { ...databaseProblem(error), write: false };
      deps.log.error("health: database unreachable", { error });
    }
    if (problem === null) {
      try {
        await deps.checkWrite();
      } catch (error) {
        problem = { ...databaseProblem(error), write: true };
        deps.log.error("health: database cannot commit a write", { error });
      }
    }
    const body = {
      status: problem === null ? "ok" : "unavailable",
      database:
        problem === null
          ? { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 }
          : { ok: false, reads: problem.write, writes: false, code: problem.code, reason: problem.reason },
      channels: { ...deps.channels, web: { configured: true } },
    };
    c.header("cache-control", "no-store");
    return c.json(body, problem === null ? 200 : 503);
  };
}
