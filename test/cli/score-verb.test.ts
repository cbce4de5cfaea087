import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/dispatch.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { utf16le, windows1258 } from "../support/legacy-encodings.ts";

const FIXTURES = "test/fixtures";
const score = ["score", "--methodology", "phuyen-district-2022"];

async function run(argv: string[], files: Record<string, string> = {}) {
  const io = memoryIo(files);
  const code = await runCli(argv, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

function block(out: string, unit: string): string {
  return out.split("\n\n").find((b) => b.split("\n")[0]?.endsWith(`. ${unit}`)) ?? "";
}

describe("score: a trial computation of a CSV sheet", () => {
  it("prints Sông Cầu's total, %, rank, rank change, group and weakest criteria in Vietnamese", async () => {
    const { code, out, err } = await run([
      ...score,
      "--scores",
      `${FIXTURES}/phu-yen-districts-2022.csv`,
      "--previous",
      `${FIXTURES}/phu-yen-districts-2021.csv`,
    ]);
    expect([code, err]).toEqual([0, ""]);
    const songCau = block(out, "Sông Cầu");
    expect(songCau).toContain(
      "Tổng điểm: 73,34/100 · Chỉ số: 73,34% · Hạng: 3/9 (tăng 3 bậc; +8,48 điểm so với năm trước)",
    );
    expect(songCau).toContain("Nhóm: Khá");
    expect(songCau).toContain(
      "Thấp nhất theo % điểm tối đa: F7 Chính quyền điện tử 52,6% · F3 Cải cách TTHC 54,5% · F6 Cải cách tài chính công 57,9%",
    );
    expect(songCau).toContain("Mất nhiều điểm nhất: F3 Cải cách TTHC 10,00");
  });

  it("prints the head rating with the cap reason, and the accountability flag for a year its rule covers", async () => {
    const sheet = [
      "unit,criterion_code,score",
      ...Object.entries({ F1: 12, F2: 10, F3: 12, F4: 8, F5: 14, F6: 10, F7: 24 }).map(
        ([c, v]) => `Xã Thử,${c},${v}`,
      ),
    ].join("\n");
    const { code, out } = await run(
      ["score", "--methodology", "haiduong-commune-2022", "--scores", "mem.csv", "--year", "2023"],
      {
        "mem.csv": sheet,
      },
    );
    const without2023 = await run(
      ["score", "--methodology", "haiduong-commune-2022", "--scores", "mem.csv"],
      {
        "mem.csv": sheet,
      },
    );
    expect(without2023.out).not.toContain("- Lưu ý:");
    expect(code).toBe(0);
    expect(out).toContain("Người đứng đầu: Hoàn thành nhiệm vụ (theo tỷ lệ: Hoàn thành xuất sắc nhiệm vụ)");
    expect(out).toContain("- Giới hạn: Có lĩnh vực đạt dưới 70% số điểm quy định");
    expect(out).toContain("- Lưu ý: Lĩnh vực Cải cách TTHC đạt 54,5% (< 75%): người đứng đầu phải kiểm điểm");
    expect(out).toContain("Hạng: 1/1 (chưa có kết quả năm trước)");
  });

  it("prints machine-readable results with --json", async () => {
    const { code, out } = await run([
      ...score,
      "--scores",
      `${FIXTURES}/phu-yen-districts-2022.csv`,
      "--json",
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(out) as {
      count: number;
      units: { unit: string; rank: number; points: number; group: { label: string } }[];
    };
    expect(result.count).toBe(9);
    expect(result.units.find((u) => u.unit === "Sông Cầu")).toMatchObject({
      rank: 3,
      points: 73.34,
      group: { label: "Khá" },
    });
  });

  it("refuses bad rows with exit 2 and one Vietnamese line per problem, numbered by file line", async () => {
    const { code, out, err } = await run([...score, "--scores", `${FIXTURES}/scores-with-errors.csv`]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err.split("\n")).toEqual([
      "Dòng 7: điểm 25 vượt điểm tối đa 22 của tiêu chí F3 (đơn vị Sông Cầu)",
      'Dòng 9: điểm "abc" không phải là số (đơn vị Sông Cầu, tiêu chí F8)',
      "Dòng 10: mã tiêu chí F9 không có trong phương pháp phuyen-district-2022 (đơn vị Sông Cầu)",
      "Dòng 11: điểm -1 của tiêu chí F1 là số âm (đơn vị Tuy An)",
      'Đơn vị Tuy An (dòng 11–17): thiếu điểm tiêu chí F8 "Tác động của CCHC"',
      "Dòng 18: tiêu chí F7 của đơn vị Tuy An đã có ở dòng 17",
      "Không tính điểm: 6 lỗi trong dữ liệu đầu vào.",
    ]);
  });

  it("refuses a file that is not a score sheet, naming the missing columns", async () => {
    const { code, err } = await run([...score, "--scores", "x.csv"], { "x.csv": "a;b\n1;2\n" });
    expect(code).toBe(2);
    expect(err).toContain("Dòng 1: thiếu cột unit, criterion_code, score");
  });

  it("refuses a sheet Excel saved as Windows-1258 or UTF-16, saying how to save it as CSV UTF-8", async () => {
    const sheet = await readFile(`${FIXTURES}/phu-yen-districts-2022.csv`, "utf8");
    const dir = await mkdtemp(join(tmpdir(), "cchc-score-"));
    try {
      await writeFile(join(dir, "excel.csv"), windows1258(sheet));
      await writeFile(join(dir, "unicode.csv"), utf16le(sheet));
      const excel = await run([...score, "--scores", join(dir, "excel.csv")]);
      expect([excel.code, excel.out]).toEqual([2, ""]);
      expect(excel.err).toBe(
        'Dòng 2: tệp không phải UTF-8 (có ký tự không đọc được). Trong Excel, chọn Lưu thành → "CSV UTF-8 (Comma delimited) (*.csv)" rồi gửi lại.',
      );
      const unicode = await run([...score, "--scores", join(dir, "unicode.csv")]);
      expect(unicode.code).toBe(2);
      expect(unicode.err).toMatch(/^Dòng 1: tệp được lưu dạng UTF-16 \("Unicode Text"\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reports problems in the previous year's file as such", async () => {
    const { code, err } = await run(
      [...score, "--scores", `${FIXTURES}/phu-yen-districts-2022.csv`, "--previous", "prev.csv"],
      { "prev.csv": "unit,criterion_code,score\nSông Cầu,F3,30\n" },
    );
    expect(code).toBe(2);
    expect(err).toContain(
      "Tệp năm trước (prev.csv): Dòng 2: điểm 30 vượt điểm tối đa 22 của tiêu chí F3 (đơn vị Sông Cầu)",
    );
  });

  it("refuses missing flags and unknown methodologies with exit 2", async () => {
    expect((await run(["score", "--scores", "a.csv"])).err).toContain("Thiếu --methodology");
    expect((await run(["score", "--methodology", "phuyen-district-2022"])).err).toContain("Thiếu --scores");
    const unknown = await run(["score", "--methodology", "nope", "--scores", "a.csv"]);
    expect([unknown.code, unknown.err.split("\n")[0]]).toEqual([
      2,
      expect.stringContaining('Không có phương pháp "nope"'),
    ]);
  });
});
