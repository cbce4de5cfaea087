/** The database a data verb works on: --url, else LIBSQL_URL (file:data/cchc.db), migrated first. */
import type { Client } from "@libsql/client";
import {
  DEFAULT_DATABASE_URL,
  databaseOptionsFromEnv,
  describeDatabaseUrl,
  openDatabase,
} from "../../db/open.ts";
import { createStore, migrate, type Store } from "../../store/index.ts";
import { readMigrations } from "../../store/migrations-fs.ts";

export interface OpenStore {
  client: Client;
  store: Store;
  /** The database as it may be shown: scheme, host and path, never a token. */
  where: string;
}

/** Opens, migrates, runs `work`, and closes whatever happens. */
export async function withStore<T>(
  urlFlag: string | undefined,
  now: Date,
  work: (db: OpenStore) => Promise<T>,
): Promise<T> {
  const options = databaseOptionsFromEnv(process.env, urlFlag);
  const client = await openDatabase(options);
  try {
    await migrate(client, await readMigrations(), now);
    return await work({
      client,
      store: createStore(client),
      where: describeDatabaseUrl(options.url || DEFAULT_DATABASE_URL),
    });
  } finally {
    client.close();
  }
}
