import type { InStatement } from "@libsql/client";
import type { Platform } from "./chats.ts";
import { type PendingChoicesChange, pendingChoicesStatement } from "./pending-choices.ts";
import { isoInstant, type Sql } from "./sql.ts";

export interface UpdatesRepo {
  /**
   * Claims an incoming update: true the first time (process it), false for a redelivery (skip it).
   * Persisted, so a redelivery after a restart is still recognised.
   */
  markProcessed(platform: Platform, updateKey: string, now: Date): Promise<boolean>;
  /**
   * Claims an update as `markProcessed` does and, in the same write, applies what its reply did to the
   * chat's numbered choices (as `pendingChoices.offer` or `clear` would; a redelivery applies it again,
   * as it would have without the claim): one commit for a chat message instead of two.
   */
  markProcessedWith(
    platform: Platform,
    updateKey: string,
    now: Date,
    choices: PendingChoicesChange,
  ): Promise<boolean>;
  /** Forgets claims older than `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

function claimStatement(platform: Platform, updateKey: string, now: Date): InStatement {
  return {
    sql:
      "INSERT INTO processed_updates (platform, update_key, processed_at) VALUES (?, ?, ?) " +
      "ON CONFLICT (platform, update_key) DO NOTHING",
    args: [platform, updateKey, isoInstant(now)],
  };
}

export function updatesRepo(sql: Sql): UpdatesRepo {
  return {
    async markProcessed(platform, updateKey, now) {
      // A batch, so that concurrent claims on an embedded database share a commit (see sql.ts).
      const [claim] = await sql.batch([claimStatement(platform, updateKey, now)]);
      return claim?.rowsAffected === 1;
    },
    async markProcessedWith(platform, updateKey, now, choices) {
      const [claim] = await sql.batch([
        claimStatement(platform, updateKey, now),
        pendingChoicesStatement(choices),
      ]);
      return claim?.rowsAffected === 1;
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
