/**
 * Memory probe of the Worker without wrangler's dev proxy and inspector (`node --import tsx
 * bench/edge-memory.ts [path] [requests]`): the dry-run bundle in plain Miniflare (workerd) over the
 * loopback Hrana test server on a demo-seeded file, `path` asked `requests` times (default 4,000; "/diem"
 * posts the score card command to the Telegram webhook), printing every 1,000 the isolate's heap in use
 * (over the DevTools protocol) and the workerd process's resident memory: the runtime's growth told from
 * the app's. Not run by `npm run bench`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { WebSocket } from "undici";
import { dryRunBundle } from "../test/support/wrangler.ts";
import { diemRequest, edgeFixtures, workerdRss } from "./edge-support.ts";

const path = process.argv[2] ?? "/health";
const requests = Number(process.argv[3] ?? 4000);
const INSPECTOR_PORT = 9400 + (process.pid % 500);

const out = mkdtempSync(join(tmpdir(), "cchc-edge-memory-"));
dryRunBundle(out);
const fixtures = await edgeFixtures(out);
const mf = new Miniflare({
  modules: true,
  scriptPath: join(out, "worker.js"),
  modulesRoot: out,
  compatibilityDate: "2026-04-01",
  bindings: fixtures.bindings,
  inspectorPort: INSPECTOR_PORT,
});

/** The isolate's own heap in use (garbage not yet collected included), asked over the DevTools protocol. */
async function isolateHeap(): Promise<number> {
  const targets = (await (await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(targets[0]?.webSocketDebuggerUrl ?? "");
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let id = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const mine = ++id;
      socket.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, unknown> };
        if (message.id === mine) resolve(message.result ?? {});
      };
      socket.send(JSON.stringify({ id: mine, method }));
    });
  const usage = await call("Runtime.getHeapUsage");
  socket.close();
  return Number(usage.usedSize);
}
try {
  await mf.ready;
  for (let i = 0; i <= requests; i++) {
    // "/diem": the score card through the Telegram webhook, from 20 chats in turn.
    const response =
      path === "/diem"
        ? await mf.dispatchFetch(
            "http://cchc.example/webhook/telegram",
            diemRequest(i + 1, 100_000 + (i % 20)),
          )
        : await mf.dispatchFetch(`http://cchc.example${path}`);
    await response.text();
    if (i % 1000 === 0) {
      const heap = await isolateHeap();
      const rss = workerdRss();
      console.log(
        `${i} requests: isolate heap ${(heap / 2 ** 20).toFixed(1)} MiB, workerd RSS ${Math.round(rss / 2 ** 20)} MiB (${response.status})`,
      );
    }
  }
} finally {
  await mf.dispose();
  await fixtures.close();
  rmSync(out, { recursive: true, force: true });
}
