import { isoInstant, type Sql } from "./sql.ts";

/** /health's write: one row, rewritten; nothing else reads it. */
export interface HeartbeatRepo {
  /** Commits a write; rejects when nothing can be written (read-only, disk full, locked). */
  beat(now: Date): Promise<void>;
}

export function heartbeatRepo(sql: Sql): HeartbeatRepo {
  return {
    async beat(now) {
      await sql.batch([
        {
          sql: "INSERT INTO heartbeat (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at",
          args: [isoInstant(now)],
        },
      ]);
    },
  };
}
