import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/** Tests that measure time (the sender's pace, from the Bot API double's receive times) run last, alone. */
const TIMED = ["test/push/child-sender.test.ts"];
/** Tests inside workerd, the Workers runtime: their own project, with a Node globalSetup for the servers. */
const WORKERD = ["test/workerd/**/*.test.ts"];

const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: "suite", include: ["test/**/*.test.ts"], exclude: [...TIMED, ...WORKERD] } },
      {
        test: { ...shared, name: "timed", include: TIMED, sequence: { groupOrder: 1 } },
      },
      {
        plugins: [
          // The bindings are the loopback servers the globalSetup started (Hrana, Bot API doubles).
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: { ...inject("edge").bindings, OUTBOX_DRAIN_SUBREQUESTS: "50" } },
          })),
        ],
        test: {
          ...shared,
          name: "workerd",
          include: WORKERD,
          globalSetup: ["test/workerd/global-setup.ts"],
          // One database and one pair of Bot API doubles for all files: read and reset without races.
          fileParallelism: false,
        },
      },
    ],
  },
});
