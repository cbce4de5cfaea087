/**
 * Store benchmark (run by `npm run bench`, or alone: `npx tsx bench/store.ts`): loading the national
 * register into a file database, importing a national-scale assessments file (every pre-reform commune
 * × 6 years × 40 leaves, about 2.4 million rows, against a synthetic 40-leaf methodology) in one
 * transaction, and the database size after. Prints a Markdown section for BENCHMARKS.md.
 */

import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../src/db/open.ts";
import { runImport, textInput } from "../src/imports/index.ts";
import { loadNationalRegister } from "../src/register/load-package.ts";
import { createStore, migrate } from "../src/store/index.ts";
import { readMigrations } from "../src/store/migrations-fs.ts";

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const FIELDS = 8;
const LEAVES_PER_FIELD = 5;
const LEAF_MAX = 2.5;
const METHODOLOGY_ID = "bench-national-40";

/** 8 fields × 5 direct leaves of 2,5 points: 40 leaves, 100 points. */
function syntheticMethodology() {
  const fields = Array.from({ length: FIELDS }, (_, f) => ({
    code: `F${f + 1}`,
    name: `Lĩnh vực ${f + 1}`,
    max: LEAF_MAX * LEAVES_PER_FIELD,
    children: Array.from({ length: LEAVES_PER_FIELD }, (_, l) => ({
      code: `F${f + 1}.${l + 1}`,
      name: `Tiêu chí ${f + 1}.${l + 1}`,
      max: LEAF_MAX,
      rule: { type: "direct" },
    })),
  }));
  return {
    id: METHODOLOGY_ID,
    version: "1",
    title: "Phương pháp tổng hợp cho đo hiệu năng (40 tiêu chí lá)",
    jurisdiction: { province: "Toàn quốc (đo hiệu năng)", provinceCode: "00" },
    level: "commune",
    assessedYears: { from: YEARS[0], to: YEARS[YEARS.length - 1] },
    legalBasis: [],
    sources: [],
    maxPoints: 100,
    fields,
    classification: {
      bands: [
        { code: "A", label: "Từ 90%", min: 90 },
        { code: "B", label: "Từ 80%", min: 80 },
        { code: "C", label: "Dưới 80%", min: 0 },
      ],
    },
  };
}

async function writeNationalFile(
  path: string,
  codes: readonly string[],
  leaves: readonly string[],
): Promise<number> {
  const out = createWriteStream(path, { encoding: "utf8" });
  out.write("unit_code,year,criterion_code,score\n");
  let rows = 0;
  let buffer: string[] = [];
  for (const [u, code] of codes.entries()) {
    for (const year of YEARS) {
      for (const [l, leaf] of leaves.entries()) {
        // Deterministic scores spread over 0–2,49.
        const score = ((u * 7919 + year * 31 + l * 13) % 250) / 100;
        buffer.push(`${code},${year},${leaf},${score}`);
        rows += 1;
      }
    }
    if (buffer.length >= 20_000) {
      if (!out.write(`${buffer.join("\n")}\n`)) await once(out, "drain");
      buffer = [];
    }
  }
  out.write(buffer.length > 0 ? `${buffer.join("\n")}\n` : "");
  out.end();
  await once(out, "finish");
  return rows;
}

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
    { kind: "methodology", input: textInput("bench.json", JSON.stringify(syntheticMethodology())) },
    ctx,
  );
  const communes = register.units.filter((u) => u.key.startsWith("old:commune:")).map((u) => u.code);
  const leaves = syntheticMethodology().fields.flatMap((f) => f.children.map((c) => c.code));
  const csvPath = join(dir, "national-assessments.csv");
  started = performance.now();
  const rows = await writeNationalFile(csvPath, communes, leaves);
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
        methodology: METHODOLOGY_ID,
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
