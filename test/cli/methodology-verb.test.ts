import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/dispatch.ts";
import { memoryIo } from "../../src/cli/io.ts";

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

describe("methodology list and show", () => {
  it("lists the four built-in methodologies as JSON", async () => {
    const { code, out } = await run("methodology", "list", "--json");
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { id: string; level: string; provinceCode: string }[];
    expect(rows.map((r) => r.id)).toEqual([
      "haiduong-commune-2021",
      "haiduong-commune-2022",
      "phuyen-district-2022",
      "phuyen-commune-2022",
    ]);
    expect(rows.find((r) => r.id === "phuyen-district-2022")).toMatchObject({
      level: "district",
      provinceCode: "54",
    });
  });

  it("lists them for people in Vietnamese", async () => {
    const { out } = await run("methodology", "list");
    expect(out).toContain(
      "haiduong-commune-2022 (phiên bản 2) · Tỉnh Hải Dương · cấp xã · năm đánh giá 2022–2024",
    );
  });

  it("shows one methodology as the JSON it was loaded from", async () => {
    const { code, out } = await run("methodology", "show", "phuyen-district-2022", "--json");
    expect(code).toBe(0);
    const m = JSON.parse(out) as { fields: { code: string; max: number }[] };
    expect(m.fields.map((f) => f.max)).toEqual([18.5, 6, 22, 7, 14, 9.5, 16, 7]);
  });

  it("shows the tree, the bands and the head-rating rules with their assumptions", async () => {
    const { out } = await run("methodology", "show", "haiduong-commune-2022");
    expect(out).toContain("F3 Cải cách thủ tục hành chính: 22 điểm #tthc");
    expect(out).toContain("Nhóm từ 65% đến dưới 80%: từ 65%");
    expect(out).toContain("Giới hạn ở HT khi có lĩnh vực dưới 70%");
    expect(out).toContain("[giả định:");
  });

  it("refuses an unknown id with exit 2 and the list of known ids", async () => {
    const { code, err } = await run("methodology", "show", "nope");
    expect(code).toBe(2);
    expect(err).toContain('Không có phương pháp "nope"');
    expect(err).not.toContain("    at ");
  });

  it("refuses a missing sub-command and an unknown flag with the usage", async () => {
    expect((await run("methodology")).code).toBe(2);
    const { code, err } = await run("methodology", "list", "--yaml");
    expect(code).toBe(2);
    expect(err).toContain("methodology list [--json]");
  });
});
