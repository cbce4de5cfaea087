/** End to end through a real process: the npm script's entry, exit codes and streams. Few and slow on purpose. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function cli(...args: string[]) {
  const run = spawnSync("npx", ["tsx", "src/cli/main.ts", ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe("the cli as a process", () => {
  it("scores the Phú Yên sheet and exits 0", () => {
    const { code, out } = cli(
      "score",
      "--methodology",
      "phuyen-district-2022",
      "--scores",
      "test/fixtures/phu-yen-districts-2022.csv",
      "--previous",
      "test/fixtures/phu-yen-districts-2021.csv",
    );
    expect(code).toBe(0);
    expect(out).toContain(
      "Tổng điểm: 73,34/100 · Chỉ số: 73,34% · Hạng: 3/9 (tăng 3 bậc; +8,48 điểm so với năm trước)",
    );
  });

  it("exits 2 with row-numbered errors and no stack trace on a bad sheet", () => {
    const { code, out, err } = cli(
      "score",
      "--methodology",
      "phuyen-district-2022",
      "--scores",
      "test/fixtures/scores-with-errors.csv",
    );
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("Dòng 7: điểm 25 vượt điểm tối đa 22 của tiêu chí F3 (đơn vị Sông Cầu)");
    expect(err).not.toMatch(/\n\s+at /);
  });
});
