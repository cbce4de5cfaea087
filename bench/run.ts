/**
 * `npm run bench`: runs each benchmark script in its own process (so one's heap does not weigh on the
 * next) and prints their Markdown sections. Copy the figures into BENCHMARKS.md with the machine and date.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";

const scripts = [
  "bench/store.ts",
  "bench/resolver.ts",
  "bench/chat.ts",
  "bench/push.ts",
  "bench/ops.ts",
  "bench/edge.ts",
  "bench/edge-direct.ts",
  "bench/edge-import.ts",
  "bench/report-pages.ts",
  "bench/admin-import.ts",
];

console.log(`# cchc-bot benchmarks — ${new Date().toISOString()}`);
console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);
let failed = 0;
for (const script of scripts) {
  if (!existsSync(script)) continue;
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "--expose-gc", script, ...process.argv.slice(2)],
    {
      stdio: "inherit",
    },
  );
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
