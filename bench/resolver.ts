/**
 * The resolver part of the chat benchmark, alone (`node --import tsx bench/resolver.ts`): the
 * unit-name resolver over the national register, warm, on the same typed variants as bench/chat.ts
 * (no diacritics, with the district, a swapped-letter typo, decomposed Unicode), and the reading of
 * what chairs write around a name (years, weeks, sentences) that runs before it on every message.
 * Seconds instead of the minutes of the whole chat benchmark, for checking a change to either.
 */

import { commands } from "../commands/index.ts";
import { parseCommand } from "../commands/parse.ts";
import { takeWeek } from "../commands/support/args.ts";
import { readYear } from "../commands/support/years.ts";
import { openEmbedded } from "../src/db/open.ts";
import { loadNationalRegister } from "../src/register/load-package.ts";
import { createResolver, foldVietnamese } from "../src/resolve/index.ts";
import { createStore } from "../src/store/index.ts";
import { migrate } from "../src/store/migrate.ts";
import { readMigrations } from "../src/store/migrations-fs.ts";
import { percentiles } from "./load.ts";

const ROUNDS = 5;
const NOW = new Date("2025-06-01T03:00:00Z");
const ms = (value: number) => `${value.toFixed(3)} ms`;

function typedVariants(name: string, district: string): string[] {
  const bare = name.replace(/^(Xã|Phường|Thị trấn) /u, "");
  const folded = foldVietnamese(bare);
  const typo = folded.length > 4 ? `${folded.slice(0, 2)}${folded[3]}${folded[2]}${folded.slice(4)}` : folded;
  return [folded, `${folded} ${foldVietnamese(district)}`, typo, bare.normalize("NFD")];
}

function timed(queries: readonly string[], run: (query: string) => unknown) {
  for (const query of queries) run(query);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of queries) {
      const t = performance.now();
      run(query);
      times.push(performance.now() - t);
    }
  }
  return percentiles(times);
}

const client = openEmbedded(":memory:");
const setup = { now: NOW, actor: "bench" };
await migrate(client, await readMigrations(), NOW);
const store = createStore(client);
await store.register.load(loadNationalRegister(), setup);
const units = await store.units.listResolvable();
const started = performance.now();
const resolver = createResolver(units);
const buildMs = performance.now() - started;
const communes = units
  .filter((u) => u.level === "commune" && u.validTo === "2025-06-30")
  .map((u) => ({ name: u.name, district: u.ancestors[0]?.name ?? "" }));
const queries = communes.filter((_, i) => i % 4 === 0).flatMap((c) => typedVariants(c.name, c.district));

const resolve = timed(queries, (query) => resolver.resolve(query, { year: 2022 }));
const sentences = queries.map((q, i) =>
  i % 2 === 0 ? `xã ${q} được bao nhiêu điểm năm ngoái` : `/lich tuần 12/2024 ${q} nam 2022`,
);
const reading = timed(sentences, (text) => {
  const parsed = parseCommand(text, commands);
  const args = parsed.kind === "command" ? parsed.args : text;
  return [readYear(args, NOW), takeWeek(args, NOW)];
});
client.close();

console.log(`## Resolver — ${new Date().toISOString()}\n`);
console.log("| what | figure | target |\n|---|---|---|");
console.log(
  `| resolver index build over the national register (${resolver.size} units) | ${ms(buildMs)} | |`,
);
console.log(
  `| resolver latency, warm, ${resolve.count} queries (no diacritics, with district, typo, NFD) | p50 ${ms(resolve.p50)}, **p99 ${ms(resolve.p99)}**, max ${ms(resolve.max)} | p99 ≤ 0.2 ms |`,
);
console.log(
  `| reading a message around the name (command in a sentence, year, week), ${reading.count} messages | p50 ${ms(reading.p50)}, p99 ${ms(reading.p99)}, max ${ms(reading.max)} | |`,
);
