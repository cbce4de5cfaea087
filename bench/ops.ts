/**
 * Operations benchmark (run by `npm run bench`, or alone: `node --import tsx bench/ops.ts`):
 * - hostile bodies: `npm start` itself in a child process (a new embedded database, the demo data), ten
 *   clients posting 50 MB bodies to the public chat API over and over (declared lengths, then streamed),
 *   while /health is asked every 20 ms; the service's resident memory (read from /proc) and /health's
 *   latency during it;
 * - backup: the national sample dataset (bench/national-dataset.ts, built in a process of its own)
 *   copied and verified by `backupDatabase`, its time and size.
 * Prints a Markdown section for BENCHMARKS.md.
 */
import { type ChildProcess, fork, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../src/db/open.ts";
import { backupDatabase } from "../src/ops/backup.ts";
import { readMigrations } from "../src/store/migrations-fs.ts";
import { percentiles } from "./load.ts";
import { DATASET_FILE } from "./national-dataset.ts";

const CLIENTS = 10;
const BODY_BYTES = Number(process.env.BENCH_BODY_BYTES ?? 50 * 2 ** 20);
const RUN_MS = 6000;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function startService(dir: string, port: number): Promise<ChildProcess> {
  // As package.json's start script runs it (a young generation of 4 MiB: see BENCHMARKS.md).
  const child = spawn(process.execPath, ["--max-semi-space-size=4", "--import", "tsx", "src/entry/node.ts"], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      LIBSQL_URL: `file:${join(dir, "service.db")}`,
      SCHEDULER: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  for (let waited = 0; !output.includes(`http://localhost:${port}/`); waited += 100) {
    if (waited > 60_000) throw new Error(`service did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

/** One post of a 50 MB body (declared, or streamed in chunks); resolves with the status, or 0 if cut off. */
function post(port: number, declared: boolean): Promise<number> {
  return new Promise((resolve) => {
    let status = 0;
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/chat",
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(declared ? { "content-length": String(BODY_BYTES) } : {}),
        },
      },
      (res) => {
        status = res.statusCode ?? 0;
        res.resume();
        res.on("end", () => resolve(status));
      },
    );
    req.on("error", () => resolve(status));
    const chunk = Buffer.alloc(2 ** 20, 0x61);
    let sent = 0;
    const write = () => {
      while (sent < BODY_BYTES && status === 0) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}

function health(port: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path: "/health" }, (res) => {
      res.resume();
      res.on("end", () => resolve(performance.now() - started));
    });
    req.on("error", () => resolve(Number.NaN));
    req.end();
  });
}

/** The clients run in a process of their own: writing 500 MB a second would slow this one's probes. */
async function runClients(port: number, declared: boolean, ms: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  const until = Date.now() + ms;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) {
        const status = await post(port, declared);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return statuses;
}

async function hostile(dir: string, declared: boolean) {
  const port = 21_000 + Math.floor(Math.random() * 20_000);
  const service = await startService(dir, port);
  try {
    for (let i = 0; i < 20; i++) await health(port); // warm
    const quiet: number[] = [];
    for (let i = 0; i < 50; i++) {
      quiet.push(await health(port));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const before = rssOf(service.pid!);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(service.pid!));
    }, 50);
    const latencies: number[] = [];
    const until = Date.now() + RUN_MS;
    const load = fork("bench/ops.ts", ["clients", String(port), String(declared), String(RUN_MS)], {
      execArgv: ["--import", "tsx"],
    });
    const statuses = new Promise<Map<number, number>>((resolve) =>
      load.once("message", (message) => resolve(new Map(message as [number, number][]))),
    );
    while (Date.now() < until) {
      latencies.push(await health(port));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const answers = await statuses;
    clearInterval(sampler);
    const after = rssOf(service.pid!);
    return {
      before,
      peak,
      after,
      quiet: percentiles(quiet),
      health: percentiles(latencies.filter(Number.isFinite)),
      statuses: answers,
    };
  } finally {
    service.kill("SIGTERM");
    await new Promise((resolve) => service.once("exit", resolve));
    await rm(join(dir, "service.db"), { force: true });
    await rm(join(dir, "service.db-wal"), { force: true });
    await rm(join(dir, "service.db-shm"), { force: true });
  }
}

if (process.argv[2] === "clients") {
  const [port, declared, ms] = process.argv.slice(3);
  const statuses = await runClients(Number(port), declared === "true", Number(ms));
  process.send?.([...statuses]);
  process.exit(0);
}

const dir = await mkdtemp(join(tmpdir(), "cchc-bench-ops-"));
try {
  const declared = await hostile(dir, true);
  const streamed = await hostile(dir, false);
  const build = spawnSync(process.execPath, ["--import", "tsx", "bench/national-dataset.ts", dir], {
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(build.stderr);
  const client = await openDatabase({ url: `file:${join(dir, DATASET_FILE)}` });
  const source = (await stat(join(dir, DATASET_FILE))).size;
  const backup = await backupDatabase(client, join(dir, "backup.db"), await readMigrations());
  client.close();

  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const statusText = (m: Map<number, number>) =>
    [...m].map(([status, n]) => `${n} × ${status === 0 ? "cut off" : status}`).join(", ");
  const row = (label: string, r: Awaited<ReturnType<typeof hostile>>) =>
    `| ${label} | RSS ${mib(r.before)} → peak ${mib(r.peak)} (**+${mib(r.peak - r.before)}**), ${mib(r.after)} after; /health p50 ${ms(r.health.p50)}, **p99 ${ms(r.health.p99)}** over ${r.health.count} probes (quiet before: p50 ${ms(r.quiet.p50)}, p99 ${ms(r.quiet.p99)}); answers: ${statusText(r.statuses)} | RSS + < 50 MiB, /health p99 < 100 ms |`;
  console.log("## Operations\n");
  console.log("| measure | value | target |");
  console.log("|---|---|---|");
  console.log(
    row(
      `${CLIENTS} clients posting 50 MB bodies with a declared length to /api/chat for ${RUN_MS / 1000} s`,
      declared,
    ),
  );
  console.log(row(`the same, streamed (chunked, no length)`, streamed));
  console.log(
    `| backup of the national sample database (${mib(source)} file, ${Object.values(backup.counts)
      .reduce((a, b) => a + b, 0)
      .toLocaleString(
        "en-US",
      )} rows): VACUUM INTO, integrity and foreign-key checks, row counts | ${(backup.ms / 1000).toFixed(1)} s, ${mib(backup.bytes)} | |`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
