/**
 * Render time of the public report pages over the demo data: `node --import tsx bench/report-pages.ts`.
 * The embedded database (in memory) bootstrapped as a first start does it, the pages' own routes, and
 * N renders of a district ranking and a unit card each after a warm-up; p50/p99 of the response time
 * (store reads and rendering, the body read to its end).
 */
import { Hono } from "hono";
import { bootstrapEmbedded } from "../src/bootstrap.ts";
import { openEmbedded } from "../src/db/open.ts";
import { createResolver, type Resolver } from "../src/resolve/index.ts";
import { createStore } from "../src/store/index.ts";
import { mountReportPages } from "../src/web/report/routes.tsx";

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

for (const path of ["/bao-cao/296/2022", "/bao-cao/297/2022", "/don-vi/10972/2022"]) {
  for (let i = 0; i < WARMUP; i++) await (await app.request(path)).text();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const response = await app.request(path);
    const body = await response.text();
    times.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    bytes = body.length;
  }
  times.sort((a, b) => a - b);
  console.log(
    `${path}: ${RUNS} renders, p50 ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms, ${bytes} chars`,
  );
}
client.close();
