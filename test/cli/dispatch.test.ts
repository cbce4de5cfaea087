import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/dispatch.ts";
import { memoryIo } from "../../src/cli/io.ts";
import type { Verb } from "../../src/cli/verb.ts";

describe("the CLI dispatcher", () => {
  it("lists the verbs and exits 2 on an unknown verb", async () => {
    const io = memoryIo();
    expect(await runCli(["frobnicate"], io)).toBe(2);
    const text = io.stderr.join("\n");
    expect(text).toContain('Không có lệnh "frobnicate"');
    expect(text).toMatch(/methodology\s+Xem/);
    expect(text).toMatch(/score\s+Tính thử/);
  });

  it("prints the same listing on help with exit 0, and exits 2 without a verb", async () => {
    const io = memoryIo();
    expect(await runCli(["help"], io)).toBe(0);
    expect(io.stdout.join("\n")).toContain("npm run cli -- <lệnh>");
    expect(await runCli([], memoryIo())).toBe(2);
  });

  it("shows a verb's usage for --help", async () => {
    const io = memoryIo();
    expect(await runCli(["score", "--help"], io)).toBe(0);
    expect(io.stdout.join("\n")).toContain("--methodology <id>");
  });

  it("turns an unexpected exception into one line and exit 1, never a stack trace", async () => {
    const broken: Verb = {
      name: "broken",
      summary: "hỏng",
      usage: "",
      run: () => Promise.reject(new Error("boom")),
    };
    const io = memoryIo();
    expect(await runCli(["broken"], io, [broken])).toBe(1);
    expect(io.stderr).toEqual(["Lỗi không mong đợi / unexpected error: boom"]);
  });
});
