import { defineConfig } from "vitest/config";

/** Tests that measure time (the sender's pace, from the Bot API double's receive times) run last, alone. */
const TIMED = ["test/push/child-sender.test.ts"];

const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: "suite", include: ["test/**/*.test.ts"], exclude: TIMED } },
      {
        test: { ...shared, name: "timed", include: TIMED, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
