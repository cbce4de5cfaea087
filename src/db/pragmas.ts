/**
 * Settings for an embedded (file:) database served by `npm start`. Write-ahead logging makes a commit
 * one append instead of a rollback journal's several synced writes, and lets the CLI read while the
 * server runs (a CLI write holding the lock makes the server's writes fail busy meanwhile: a webhook
 * answers 503 and is redelivered, the sender retries). Every webhook update commits at least once (its
 * claim), so this decides how many updates a second the embedded database can take. The mode is
 * stored in the file itself.
 */
import type { Client } from "@libsql/client";

export async function useWriteAheadLog(client: Client): Promise<void> {
  await client.execute("PRAGMA journal_mode = WAL");
}
