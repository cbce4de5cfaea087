import type { Platform } from "./chats.ts";
import { isoInstant, type Sql } from "./sql.ts";

export interface UpdatesRepo {
  /**
   * Claims an incoming update: true the first time (process it), false for a redelivery (skip it).
   * Persisted, so a redelivery after a restart is still recognised.
   */
  markProcessed(platform: Platform, updateKey: string, now: Date): Promise<boolean>;
  /** Forgets claims older than `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

export function updatesRepo(sql: Sql): UpdatesRepo {
  return {
    async markProcessed(platform, updateKey, now) {
      const result = await sql.execute({
        sql:
          "INSERT INTO processed_updates (platform, update_key, processed_at) VALUES (?, ?, ?) " +
          "ON CONFLICT (platform, update_key) DO NOTHING",
        args: [platform, updateKey, isoInstant(now)],
      });
      return result.rowsAffected === 1;
    },
    async prune(before) {
      const result = await sql.execute({
        sql: "DELETE FROM processed_updates WHERE processed_at < ?",
        args: [isoInstant(before)],
      });
      return result.rowsAffected;
    },
  };
}
