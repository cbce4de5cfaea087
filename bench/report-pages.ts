/**
 * Render time of the public report pages over the demo data: `node --import tsx bench/report-pages.ts`.
 * The embedded database (in memory) bootstrapped as a first start does it, the pages' own routes, and
 * N renders of a district ranking and a unit card each after a warm-up; p50/p99 of the response time
 * (store reads and rendering, the body read to its end). Then the same over the national sample dataset
 * (bench/national-dataset.ts: every district of the register published for six years): its largest
 * district's ranking and one of its communes' cards. (No province ranks its districts there; the demo's
 * Phú Yên 2022 is the province ranking measured.)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { bootstrapEmbedded } from "../src/bootstrap.ts";
import { openDatabase, openEmbedded } from "../src/db/open.ts";
import { createResolver, type Resolver } from "../src/resolve/index.ts";
import { createStore } from "../src/store/index.ts";
import { mountReportPages } from "../src/web/report/routes.tsx";
import { buildNationalDataset, DATASET_FILE } from "./national-dataset.ts";

const RUNS = Number(process.env.RUNS ?? 200);
const WARMUP = 20;

const client = openEmbedded(":memory:");
await bootstrapEmbedded(client, { now: new Date("2026-01-05T01:00:00Z") });
const store = createStore(client);
let resolver: Promise<Resolver> | null = null;
const app = new Hono();
mountReportPages(app, {
  store,
  resolver: () => {
    resolver ??= store.units.listResolvable().then((units) => createResolver(units));
    return resolver;
  },
});

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function measure(on: Hono, label: string, path: string): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await (await on.request(path)).text();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const response = await on.request(path);
    const body = await response.text();
    times.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    bytes = body.length;
  }
  times.sort((a, b) => a - b);
  console.log(
    `| ${label} \`${path}\` | ${RUNS} renders: p50 ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms, ${bytes} chars |`,
  );
}

console.log("| page | figure |\n|---|---|");
await measure(app, "demo, district ranking (Bình Giang, 16)", "/bao-cao/296/2022");
await measure(app, "demo, district ranking (Gia Lộc, 18)", "/bao-cao/297/2022");
const phuYen = (await store.units.listResolvable()).find(
  (u) => u.level === "province" && u.name === "Tỉnh Phú Yên",
);
if (phuYen)
  await measure(app, "demo, province ranking (Phú Yên, 9 districts)", `/bao-cao/${phuYen.code}/2022`);
await measure(app, "demo, unit card (Tân Hồng)", "/don-vi/10972/2022");
client.close();

if (process.env.NATIONAL !== "off") {
  const dir = await mkdtemp(join(tmpdir(), "cchc-report-national-"));
  try {
    await buildNationalDataset(dir);
    const national = await openDatabase({ url: `file:${join(dir, DATASET_FILE)}` });
    const nationalStore = createStore(national);
    const biggest = await national.execute(
      "SELECT s.code, p.year, max(p.peer_count) AS n, min(u.code) AS commune FROM published_results p " +
        "JOIN units s ON s.id = p.scope_unit_id JOIN units u ON u.id = p.unit_id " +
        "WHERE p.year = (SELECT max(year) FROM published_results) GROUP BY p.scope_unit_id ORDER BY n DESC LIMIT 1",
    );
    const row = biggest.rows[0]!;
    let nationalResolver: Promise<Resolver> | null = null;
    const onNational = new Hono();
    mountReportPages(onNational, {
      store: nationalStore,
      resolver: () => {
        nationalResolver ??= nationalStore.units.listResolvable().then((units) => createResolver(units));
        return nationalResolver;
      },
    });
    await measure(
      onNational,
      `national sample, largest district (${row.n} communes)`,
      `/bao-cao/${row.code}/${row.year}`,
    );
    await measure(onNational, "national sample, a commune's card", `/don-vi/${row.commune}/${row.year}`);
    national.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
