/**
 * The data verbs in-process on a file database: import (units, assessments, a refused file, a file not
 * in UTF-8, a dry run),
 * publish and unpublish. Refusals exit 2 with one line per problem and nothing on stdout.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/dispatch.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { createStore } from "../../src/store/index.ts";
import { ASSESSMENT_HEADER, kinhMonRows } from "../support/kinh-mon-units.ts";
import { utf16le, windows1258 } from "../support/legacy-encodings.ts";

const UNITS = [
  "code,name,kind,parent_code,valid_from,valid_to,predecessor_codes",
  "30,Tỉnh Hải Dương,tỉnh,,,2025-06-30,",
  "292,Thị xã Kinh Môn,thị xã,30,,2025-06-30,",
  "10675,Phường An Lưu,phường,292,,2025-06-30,",
  "10723,Phường An Sinh,phường,292,,2025-06-30,",
  "10714,Phường Phú Thứ,phường,292,,2025-06-30,",
].join("\n");
const SCORES = [ASSESSMENT_HEADER, ...["An Lưu", "An Sinh", "Phú Thứ"].flatMap((n) => kinhMonRows(n))].join(
  "\n",
);

describe("import, publish and unpublish verbs", () => {
  let dir: string;
  let url: string;
  const file = (name: string) => join(dir, name);
  const run = async (...argv: string[]) => {
    const io = memoryIo();
    const code = await runCli([...argv, "--url", url], io);
    return { code, out: io.stdout.join("\n"), err: io.stderr };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cchc-import-cli-"));
    url = `file:${join(dir, "cchc.db")}`;
    await writeFile(file("units.csv"), UNITS);
    await writeFile(file("scores.csv"), SCORES);
    await writeFile(file("bad.csv"), `${SCORES}\n10675,2021,F3,23\n99999,2021,F1,1`);
    // As Excel on Vietnamese Windows saves "CSV" (Windows-1258) and "Unicode Text" (UTF-16).
    const more = `${UNITS}\n10999,Phường Hiệp Sơn,phường,292,,2025-06-30,`;
    await writeFile(file("units-excel.csv"), windows1258(more));
    await writeFile(file("units-unicode.csv"), utf16le(more));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("imports units, saying what it added", async () => {
    const { code, out } = await run("import", "units", file("units.csv"));
    expect(code).toBe(0);
    expect(out).toContain("Đã nhập units từ units.csv");
    expect(out).toContain("đơn vị: thêm 5, cập nhật 0, không đổi 0");
  });

  it("refuses a file that is not UTF-8 with one line saying how to save it, and writes nothing", async () => {
    const checksums = async () => {
      const client = openEmbedded(url);
      try {
        return await createStore(client).tableChecksums();
      } finally {
        client.close();
      }
    };
    const before = await checksums();
    const excel = await run("import", "units", file("units-excel.csv"));
    expect(excel).toMatchObject({ code: 2, out: "" });
    expect(excel.err).toEqual([
      'Dòng 2: tệp không phải UTF-8 (có ký tự không đọc được). Trong Excel, chọn Lưu thành → "CSV UTF-8 (Comma delimited) (*.csv)" rồi gửi lại.',
      "Không nhập tệp: 1 lỗi; cơ sở dữ liệu không thay đổi.",
    ]);
    const unicode = await run("import", "units", file("units-unicode.csv"));
    expect(unicode).toMatchObject({ code: 2, out: "" });
    expect(unicode.err).toEqual([
      'Dòng 1: tệp được lưu dạng UTF-16 ("Unicode Text"), không phải UTF-8 (có ký tự rỗng giữa các chữ). Trong Excel, chọn Lưu thành → "CSV UTF-8 (Comma delimited) (*.csv)" rồi gửi lại.',
      "Không nhập tệp: 1 lỗi; cơ sở dữ liệu không thay đổi.",
    ]);
    expect(await checksums()).toEqual(before);
  });

  it("refuses a bad file with exit code 2, one line per problem and nothing written", async () => {
    const { code, out, err } = await run(
      "import",
      "assessments",
      file("bad.csv"),
      "--methodology",
      "haiduong-commune-2021",
    );
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toEqual([
      "Dòng 23: điểm 23 vượt điểm tối đa 22 của tiêu chí F3 (đơn vị Phường An Lưu)",
      "Dòng 24: không có đơn vị nào mang mã 99999",
      "Không nhập tệp: 2 lỗi; cơ sở dữ liệu không thay đổi.",
    ]);
  });

  it("dry-runs, then imports the scores", async () => {
    const dry = await run(
      "import",
      "assessments",
      file("scores.csv"),
      "--methodology",
      "haiduong-commune-2021",
      "--dry-run",
    );
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("điểm tiêu chí: thêm 21");
    expect(dry.out).toContain("Chạy thử: chưa ghi gì");
    const real = await run(
      "import",
      "assessments",
      file("scores.csv"),
      "--methodology",
      "haiduong-commune-2021",
    );
    expect(real.out).toContain("điểm tiêu chí: thêm 21");
  });

  it("publishes and announces the scope, refuses a second publication, and no longer withdraws it", async () => {
    const first = await run("publish", "--scope", "292", "--year", "2021", "--date", "2022-03-04");
    expect(first.code).toBe(0);
    expect(first.out).toContain("Đã công bố Thị xã Kinh Môn năm 2021 (ngày 04/03/2022");
    expect(first.out).toContain("1. Phường An Lưu · 91,62%");
    // No chat is linked yet: the announcement is queued to nobody, and the publication is announced.
    expect(first.out).toMatch(/Thông báo kết quả \(result-announcement:2021:\d+\): 0 tin vào hàng đợi\./);
    expect(first.out).toContain("Kết quả gửi: không có người nhận.");
    const again = await run("publish", "--scope", "292", "--year", "2021", "--date", "2022-03-04");
    expect(again).toMatchObject({ code: 2, out: "" });
    expect(again.err).toEqual([
      // Announced already: it does not send the officer to an unpublish that would be refused.
      "Kết quả năm 2021 của Thị xã Kinh Môn đã công bố ngày 04/03/2022; kết quả đã được thông báo tới người theo dõi nên không rút công bố được nữa; nếu cần đính chính, hãy báo quản trị hệ thống.",
    ]);
    const withdrawn = await run("unpublish", "--scope", "292", "--year", "2021");
    expect(withdrawn).toMatchObject({ code: 2, out: "" });
    expect(withdrawn.err[0]).toMatch(
      /^Kết quả năm 2021 của Thị xã Kinh Môn đã được thông báo tới người theo dõi lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}; không thể rút công bố\.$/,
    );
  });

  it("refuses a missing file and an unknown kind as usage errors", async () => {
    const missing = await run("import", "tthc", file("nope.csv"));
    expect(missing).toMatchObject({ code: 2, out: "" });
    expect(missing.err).toEqual([`Không mở được tệp ${file("nope.csv")}.`]);
    const kind = await run("import", "scores", file("scores.csv"));
    expect(kind.code).toBe(2);
    expect(kind.err[0]).toContain('Loại dữ liệu "scores" không hợp lệ.');
  });
});
