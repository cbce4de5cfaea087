/**
 * The three backends every store contract test runs on: an in-memory database, a temporary file, and a
 * temporary file behind the loopback Hrana test server (the remote path Workers use).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { openEmbedded } from "../../src/db/open.ts";
import type { UnitInput } from "../../src/store/index.ts";
import { migrate } from "../../src/store/migrate.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";
import { startHranaServer } from "./hrana-server.ts";

export interface TestDatabase {
  client: Client;
  close(): Promise<void>;
}

export interface Backend {
  name: "memory" | "file" | "http";
  open(): Promise<TestDatabase>;
}

async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "cchc-store-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export const backends: Backend[] = [
  {
    name: "memory",
    async open() {
      const client = openEmbedded(":memory:");
      return { client, close: async () => client.close() };
    },
  },
  {
    name: "file",
    async open() {
      const temp = await tempDir();
      const client = openEmbedded(`file:${join(temp.dir, "test.db")}`);
      return {
        client,
        async close() {
          client.close();
          await temp.remove();
        },
      };
    },
  },
  {
    name: "http",
    async open() {
      const temp = await tempDir();
      const server = await startHranaServer({ path: join(temp.dir, "test.db"), authToken: "test-token" });
      const client = createClient({ url: server.url, authToken: "test-token" });
      return {
        client,
        async close() {
          client.close();
          await server.close();
          await temp.remove();
        },
      };
    },
  },
];

/** A database of the given backend with every migration applied. */
export async function openMigrated(
  backend: Backend,
  now = new Date("2026-01-05T00:00:00Z"),
): Promise<TestDatabase> {
  const db = await backend.open();
  await migrate(db.client, await readMigrations(), now);
  return db;
}

/** A sample commune to insert, with what a test does not care about filled in. */
export const unitInput = (overrides: Partial<UnitInput>): UnitInput => ({
  key: null,
  code: "00000",
  name: "Xã Thử",
  kind: "xã",
  level: "commune",
  parentId: null,
  validFrom: null,
  validTo: null,
  legalBasis: null,
  source: "test",
  sample: true,
  ...overrides,
});
