/**
 * The Worker entry must bundle for workerd with nothing Node-only reachable from the app, commands or
 * store. `wrangler deploy --dry-run` bundles without an account and without any network call.
 */

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dryRunBundle } from "../support/wrangler.ts";

const outdir = mkdtempSync(join(tmpdir(), "cchc-worker-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("the Cloudflare Workers bundle", () => {
  it("bundles src/entry/worker.ts with no node: import left in it", () => {
    const run = dryRunBundle(outdir);
    expect(run.status, run.stderr).toBe(0);
    const bundle = readFileSync(join(outdir, "worker.js"), "utf8");
    expect(bundle).toContain("/webhook/telegram");
    expect(bundle).not.toMatch(/(?:from|require\(|import\()\s*["']node:/);
    // The officers' API is in it, and its CSV reader is csv-parse's browser build (package.json
    // "imports": #csv-parse-sync), never the Node one, which needs the global Buffer.
    expect(bundle).toContain("/imports/{kind}");
    const sources: string[] = JSON.parse(readFileSync(join(outdir, "worker.js.map"), "utf8")).sources;
    const csvParse = sources.filter((source) => source.includes("/csv-parse/"));
    expect(csvParse.map((source) => source.replace(/^.*\/csv-parse\//, ""))).toEqual(["dist/esm/sync.js"]);
  });
});
