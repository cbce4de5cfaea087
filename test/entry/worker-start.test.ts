/**
 * The Worker started as `wrangler dev` and a deploy start it, in workerd proper: workerd refuses
 * random values, timers and I/O at a module's top level, which the test pool (modules loaded inside a
 * handler) does not catch. No database here: /health must answer its 503, not the runtime's 500.
 */
import { afterAll, describe, expect, it } from "vitest";
import { type Unstable_DevWorker, unstable_dev } from "wrangler";

let worker: Unstable_DevWorker | undefined;
afterAll(async () => {
  await worker?.stop();
});

describe("the Worker in workerd, as deployed", () => {
  it("loads, and answers /health with its own reason when the database is unreachable", async () => {
    worker = await unstable_dev("src/entry/worker.ts", {
      config: "wrangler.toml",
      vars: { LIBSQL_URL: "http://127.0.0.1:9" },
      logLevel: "none",
      experimental: { disableExperimentalWarning: true, disableDevRegistry: true },
    });
    const response = await worker.fetch("/health");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: expect.any(String) });
  });

  it("answers a refused configuration with its Vietnamese reason", async () => {
    const missing = await unstable_dev("src/entry/worker.ts", {
      config: "wrangler.toml",
      vars: { LIBSQL_URL: "file:data/cchc.db" },
      logLevel: "none",
      experimental: { disableExperimentalWarning: true, disableDevRegistry: true },
    });
    try {
      const response = await missing.fetch("/health");
      expect(response.status).toBe(500);
      const body = (await response.json()) as { error: string; code: string };
      expect(body.code).toBe("CONFIG_INVALID");
      expect(body.error).toContain("Cloudflare Workers không có ổ đĩa");
    } finally {
      await missing.stop();
    }
  });
});
