/**
 * First start of an embedded database (file: or :memory:), Node only: apply the migrations, load the
 * national unit register when the database has no units, and seed the demo dataset when it has no
 * assessments. Each step is skipped when its data is there, so every later start only migrates.
 *
 * @example
 * const report = await bootstrapEmbedded(client, { now: new Date(), log });
 */
import type { Client } from "@libsql/client";
import { type SeedReport, seedDemo } from "./demo/seed.ts";
import { type Log, silentLog } from "./log.ts";
import { loadNationalRegister } from "./register/load-package.ts";
import { createStore, type MigrationReport, migrate, type RegisterLoadReport } from "./store/index.ts";
import { readMigrations } from "./store/migrations-fs.ts";

export interface BootstrapOptions {
  now: Date;
  /** One info line per step taken. */
  log?: Log;
}

export interface BootstrapReport {
  migrations: MigrationReport;
  /** Null when the database already had units. */
  register: RegisterLoadReport | null;
  /** Null when the database already had assessments. */
  seed: SeedReport | null;
}

export async function bootstrapEmbedded(client: Client, options: BootstrapOptions): Promise<BootstrapReport> {
  const log = options.log ?? silentLog;
  const ctx = { now: options.now, actor: "bootstrap" };
  const migrations = await migrate(client, await readMigrations(), options.now);
  if (migrations.applied.length > 0)
    log.info("bootstrap: migrations applied", { applied: migrations.applied });

  const store = createStore(client);
  let register: RegisterLoadReport | null = null;
  if ((await store.units.count()) === 0) {
    register = await store.register.load(loadNationalRegister(), {
      ...ctx,
      actor: "bootstrap:units load-national",
    });
    log.info("bootstrap: national register loaded", {
      units: register.units.inserted,
      skipped: register.skipped,
    });
  }

  let seed: SeedReport | null = null;
  if (!(await store.assessments.any())) {
    seed = await seedDemo(store, { ...ctx, actor: "bootstrap:seed demo" });
    log.info("bootstrap: demo dataset seeded", {
      publications: seed.publications.published.length,
      results: seed.publications.results,
      drafts: seed.drafts.saved,
    });
  }
  return { migrations, register, seed };
}
