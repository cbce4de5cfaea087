/**
 * A national-scale sample dataset for the chat benchmark, built through the product's own code into a
 * file database: the national register, a synthetic 16-leaf methodology, every pre-reform commune's
 * assessment for six years (one CSV import), then every district's results published year by year
 * with `publishScope`, so /diem reads what a real publication freezes. Sample data only.
 *
 * Run as its own process (`npx tsx bench/national-dataset.ts <dir>`, printing a JSON summary), so
 * that the memory the build used does not count as the service's.
 */

import { createReadStream } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { openDatabase } from "../src/db/open.ts";
import { runImport, textInput } from "../src/imports/index.ts";
import { publishScope } from "../src/publishing/index.ts";
import { loadNationalRegister } from "../src/register/load-package.ts";
import { createStore, migrate } from "../src/store/index.ts";
import { readMigrations } from "../src/store/migrations-fs.ts";
import { leafCodes, syntheticMethodology, writeScoresCsv, YEARS } from "./synthetic.ts";

const SHAPE = {
  id: "bench-chat-16",
  title: "Phương pháp tổng hợp cho đo hiệu năng (16 tiêu chí lá)",
  fields: 8,
  leavesPerField: 2,
  leafMax: 6.25,
};

export const DATASET_FILE = "national.db";

export interface NationalDatasetSummary {
  communes: number;
  published: { scopes: number; results: number; skippedScopes: number };
  buildMs: number;
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
    { kind: "methodology", input: textInput("bench.json", JSON.stringify(syntheticMethodology(SHAPE))) },
    ctx,
  );

  const communes = register.units.filter((u) => u.key.startsWith("old:commune:"));
  const csv = join(dir, "assessments.csv");
  // Deterministic, spread over 2,50–6,24 so ranks and groups vary.
  await writeScoresCsv(
    csv,
    communes.map((c) => c.code),
    leafCodes(SHAPE),
    (u, year, l) => (250 + ((u * 7919 + year * 31 + l * 13) % 375)) / 100,
  );
  await runImport(
    store,
    {
      kind: "assessments",
      input: { name: "assessments.csv", format: "csv", chunks: createReadStream(csv, { encoding: "utf8" }) },
      methodology: SHAPE.id,
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
