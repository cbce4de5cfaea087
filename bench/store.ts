/**
 * Store benchmark (run by `npm run bench`, or alone: `npx tsx bench/store.ts`): loading the national
 * register into a file database, importing a national-scale assessments file (every pre-reform commune
 * × 6 years × 40 leaves, about 2.4 million rows, against a synthetic 40-leaf methodology) in one
 * transaction, and the database size after. Prints a Markdown section for BENCHMARKS.md.
 */

import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../src/db/open.ts";
import { runImport, textInput } from "../src/imports/index.ts";
import { loadNationalRegister } from "../src/register/load-package.ts";
import { createStore, migrate } from "../src/store/index.ts";
import { readMigrations } from "../src/store/migrations-fs.ts";
import { leafCodes, syntheticMethodology, writeScoresCsv, YEARS } from "./synthetic.ts";

const SHAPE = {
  id: "bench-national-40",
  title: "Phương pháp tổng hợp cho đo hiệu năng (40 tiêu chí lá)",
  fields: 8,
  leavesPerField: 5,
  leafMax: 2.5,
};

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const int = (n: number) => n.toLocaleString("en-US");

const dir = await mkdtemp(join(tmpdir(), "cchc-bench-store-"));
try {
  const dbPath = join(dir, "cchc.db");
  const client = await openDatabase({ url: `file:${dbPath}` });
  const store = createStore(client);
  const now = new Date();
  const ctx = { now, actor: "bench" };
  await migrate(client, await readMigrations(), now);

  const register = loadNationalRegister();
  let started = performance.now();
  const loaded = await store.register.load(register, ctx);
  const registerMs = performance.now() - started;

  await runImport(
    store,
    { kind: "methodology", input: textInput("bench.json", JSON.stringify(syntheticMethodology(SHAPE))) },
    ctx,
  );
  const communes = register.units.filter((u) => u.key.startsWith("old:commune:")).map((u) => u.code);
  const leaves = leafCodes(SHAPE);
  const csvPath = join(dir, "national-assessments.csv");
  started = performance.now();
  // Deterministic scores spread over 0–2,49.
  const rows = await writeScoresCsv(
    csvPath,
    communes,
    leaves,
    (u, year, l) => ((u * 7919 + year * 31 + l * 13) % 250) / 100,
  );
  const generateMs = performance.now() - started;
  const csvBytes = (await stat(csvPath)).size;

  const importFile = () =>
    runImport(
      store,
      {
        kind: "assessments",
        input: {
          name: "national-assessments.csv",
          format: "csv",
          chunks: createReadStream(csvPath, { encoding: "utf8", highWaterMark: 1 << 20 }),
        },
        methodology: SHAPE.id,
      },
      ctx,
    );
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  started = performance.now();
  const report = await importFile();
  const importMs = performance.now() - started;
  clearInterval(sampler);
  started = performance.now();
  const again = await importFile();
  const againMs = performance.now() - started;
  client.close();
  const dbBytes = (await stat(dbPath)).size;

  const lines = [
    "## Store",
    "",
    "| measure | value |",
    "|---|---|",
    `| national register load into a new file database | ${secs(registerMs)} (${int(loaded.units.inserted)} units, ${int(loaded.lineage.inserted)} lineage rows) |`,
    `| generated national assessments file | ${int(rows)} rows = ${int(communes.length)} pre-reform communes × ${YEARS.length} years × ${leaves.length} leaves; ${mib(csvBytes)} CSV (written in ${secs(generateMs)}) |`,
    `| import of that file, one transaction (stream → checks → staging table → upsert) | ${secs(importMs)}, **${int(Math.round(rows / (importMs / 1000)))} rows/s** |`,
    `| rows written | ${int(report.changes[0]?.inserted ?? 0)} assessments, ${int(report.changes[1]?.inserted ?? 0)} leaf scores |`,
    `| the same file imported again (every row unchanged, nothing written) | ${secs(againMs)}, ${int(Math.round(rows / (againMs / 1000)))} rows/s; ${int(again.changes[1]?.unchanged ?? 0)} unchanged |`,
    `| resident memory: before the import → peak during it | ${mib(rssBefore)} → ${mib(peakRss)} |`,
    `| database size after | ${mib(dbBytes)} |`,
    "",
  ];
  console.log(lines.join("\n"));
} finally {
  await rm(dir, { recursive: true, force: true });
}
