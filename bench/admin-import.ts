/**
 * The national assessments file imported through `POST /admin/imports/assessments` against the CLI's own
 * path (`runImport` reading the file), in the same run, each into a fresh copy of the same database (the
 * national register and a synthetic 16-leaf methodology): rows per second end to end (`node --import tsx
 * bench/admin-import.ts`; run by `npm run bench`). One assessed year of every pre-reform commune.
 */
import { copyFileSync, createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adminApi } from "../src/admin/api.ts";
import { openDatabase } from "../src/db/open.ts";
import { useWriteAheadLog } from "../src/db/pragmas.ts";
import { runImport, textInput } from "../src/imports/index.ts";
import { silentLog } from "../src/log.ts";
import { loadNationalRegister } from "../src/register/load-package.ts";
import { createStore, migrate } from "../src/store/index.ts";
import { readMigrations } from "../src/store/migrations-fs.ts";
import { leafCodes, syntheticMethodology, writeScoresCsv, YEARS } from "./synthetic.ts";

const SHAPE = {
  id: "bench-admin-16",
  title: "Đo hiệu năng nhập điểm",
  fields: 8,
  leavesPerField: 2,
  leafMax: 6.25,
};
const TOKEN = "bench-admin-token-0123456789abcdef";
const ctx = { now: new Date("2025-01-01T00:00:00Z"), actor: "bench" };
const dir = mkdtempSync(join(tmpdir(), "cchc-admin-import-"));

try {
  const base = join(dir, "base.db");
  const client = await openDatabase({ url: `file:${base}` });
  await useWriteAheadLog(client);
  const store = createStore(client);
  await migrate(client, await readMigrations(), ctx.now);
  const register = loadNationalRegister();
  await store.register.load(register, ctx);
  await runImport(
    store,
    { kind: "methodology", input: textInput("m.json", JSON.stringify(syntheticMethodology(SHAPE))) },
    ctx,
  );
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  client.close();

  const communes = register.units.filter((u) => u.key.startsWith("old:commune:")).map((u) => u.code);
  const csv = join(dir, "assessments.csv");
  await writeScoresCsv(
    csv,
    communes,
    leafCodes(SHAPE),
    (u, _year, l) => (250 + ((u * 7919 + l * 13) % 375)) / 100,
  );
  // One year: keep the header and the last year's rows.
  const lastYear = String(YEARS[YEARS.length - 1]);
  const text = readFileSync(csv, "utf8")
    .split("\n")
    .filter((line, i) => i === 0 || line.split(",")[1] === lastYear)
    .join("\n");
  const rows = text.split("\n").length - 1;

  async function fresh(name: string) {
    const path = join(dir, name);
    copyFileSync(base, path);
    const db = await openDatabase({ url: `file:${path}` });
    return { db, store: createStore(db) };
  }

  const cli = await fresh("cli.db");
  const cliFile = join(dir, "one-year.csv");
  writeFileSync(cliFile, text);
  let started = performance.now();
  await runImport(
    cli.store,
    {
      kind: "assessments",
      input: { name: "one-year.csv", format: "csv", chunks: createReadStream(cliFile, { encoding: "utf8" }) },
      methodology: SHAPE.id,
    },
    ctx,
  );
  const cliMs = performance.now() - started;
  cli.db.close();

  const api = await fresh("api.db");
  const app = adminApi({ store: api.store, adminToken: TOKEN, now: () => ctx.now, log: silentLog });
  started = performance.now();
  const response = await app.request(`/imports/assessments?methodology=${SHAPE.id}`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/csv" },
    body: text,
  });
  const answer = await response.text();
  const apiMs = performance.now() - started;
  if (response.status !== 200) throw new Error(`API answered ${response.status}: ${answer.slice(0, 300)}`);
  api.db.close();

  const rate = (ms: number) => Math.round(rows / (ms / 1000)).toLocaleString("en-US");
  console.log("## Admin import (API vs CLI)\n");
  console.log("| path | rows | time | rows/s |\n|---|---|---|---|");
  console.log(`| CLI's importer (file stream) | ${rows} | ${(cliMs / 1000).toFixed(2)} s | ${rate(cliMs)} |`);
  console.log(
    `| POST /admin/imports/assessments (${(text.length / 2 ** 20).toFixed(1)} MiB body) | ${rows} | ${(apiMs / 1000).toFixed(2)} s | ${rate(apiMs)} |`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
