/**
 * A national-scale sample dataset for the chat benchmark, built through the product's own code into a
 * file database: the national register, a synthetic 16-leaf methodology, every pre-reform commune's
 * assessment for six years (one CSV import), then every district's results published year by year
 * with `publishScope`, so /diem reads what a real publication freezes. Sample data only.
 *
 * Run as its own process (`npx tsx bench/national-dataset.ts <dir>`, printing a JSON summary), so
 * that the memory the build used does not count as the service's.
 */

import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { openDatabase } from "../src/db/open.ts";
import { runImport, textInput } from "../src/imports/index.ts";
import { publishScope } from "../src/publishing/index.ts";
import { loadNationalRegister } from "../src/register/load-package.ts";
import type { RegisterRow } from "../src/register/types.ts";
import { createStore, migrate } from "../src/store/index.ts";
import { readMigrations } from "../src/store/migrations-fs.ts";

export const YEARS = [2019, 2020, 2021, 2022, 2023, 2024] as const;
const METHODOLOGY_ID = "bench-chat-16";
const FIELDS = 8;
const LEAVES_PER_FIELD = 2;
const LEAF_MAX = 6.25;

export const DATASET_FILE = "national.db";

export interface NationalDatasetSummary {
  communes: number;
  published: { scopes: number; results: number; skippedScopes: number };
  buildMs: number;
}

function methodology() {
  return {
    id: METHODOLOGY_ID,
    version: "1",
    title: "Phương pháp tổng hợp cho đo hiệu năng (16 tiêu chí lá)",
    jurisdiction: { province: "Toàn quốc (đo hiệu năng)", provinceCode: "00" },
    level: "commune",
    assessedYears: { from: YEARS[0], to: YEARS[YEARS.length - 1] },
    legalBasis: [],
    sources: [],
    maxPoints: 100,
    fields: Array.from({ length: FIELDS }, (_, f) => ({
      code: `F${f + 1}`,
      name: `Lĩnh vực ${f + 1}`,
      max: LEAF_MAX * LEAVES_PER_FIELD,
      children: Array.from({ length: LEAVES_PER_FIELD }, (_, l) => ({
        code: `F${f + 1}.${l + 1}`,
        name: `Tiêu chí ${f + 1}.${l + 1}`,
        max: LEAF_MAX,
        rule: { type: "direct" },
      })),
    })),
    classification: {
      bands: [
        { code: "A", label: "Từ 90%", min: 90 },
        { code: "B", label: "Từ 80% đến dưới 90%", min: 80 },
        { code: "C", label: "Dưới 80%", min: 0 },
      ],
    },
  };
}

async function writeAssessments(path: string, communes: readonly RegisterRow[]): Promise<void> {
  const leaves = methodology().fields.flatMap((f) => f.children.map((c) => c.code));
  const out = createWriteStream(path, { encoding: "utf8" });
  out.write("unit_code,year,criterion_code,score\n");
  for (const [u, commune] of communes.entries()) {
    const rows: string[] = [];
    for (const year of YEARS) {
      for (const [l, leaf] of leaves.entries()) {
        // Deterministic, spread over 2,50–6,24 so ranks and groups vary.
        rows.push(`${commune.code},${year},${leaf},${(250 + ((u * 7919 + year * 31 + l * 13) % 375)) / 100}`);
      }
    }
    if (!out.write(`${rows.join("\n")}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

export async function buildNationalDataset(dir: string): Promise<NationalDatasetSummary> {
  const started = performance.now();
  const client = await openDatabase({ url: `file:${join(dir, DATASET_FILE)}` });
  const store = createStore(client);
  const ctx = { now: new Date("2025-01-01T00:00:00Z"), actor: "bench" };
  await migrate(client, await readMigrations(), ctx.now);
  const register = loadNationalRegister();
  await store.register.load(register, ctx);
  await runImport(
    store,
    { kind: "methodology", input: textInput("bench.json", JSON.stringify(methodology())) },
    ctx,
  );

  const communes = register.units.filter((u) => u.key.startsWith("old:commune:"));
  const csv = join(dir, "assessments.csv");
  await writeAssessments(csv, communes);
  await runImport(
    store,
    {
      kind: "assessments",
      input: { name: "assessments.csv", format: "csv", chunks: createReadStream(csv, { encoding: "utf8" }) },
      methodology: METHODOLOGY_ID,
    },
    ctx,
  );

  const districts = register.units.filter((u) => u.key.startsWith("old:district:"));
  let scopes = 0;
  let results = 0;
  let skippedScopes = 0;
  for (const year of YEARS) {
    await store.transaction(async (tx) => {
      for (const district of districts) {
        try {
          const report = await publishScope(
            tx,
            {
              scopeCode: district.code,
              year,
              publishedOn: `${year + 1}-03-15`,
              source: "Dữ liệu mẫu đo hiệu năng",
            },
            ctx,
          );
          scopes++;
          results += report.units.length;
        } catch {
          // A district whose code is shared or that has no pre-reform communes: not publishable here.
          skippedScopes++;
        }
      }
    });
  }
  client.close();
  return {
    communes: communes.length,
    published: { scopes, results, skippedScopes: skippedScopes / YEARS.length },
    buildMs: performance.now() - started,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: npx tsx bench/national-dataset.ts <dir>");
  console.log(JSON.stringify(await buildNationalDataset(dir)));
}
