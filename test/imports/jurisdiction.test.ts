/**
 * Imports that cannot mislead: a unit outside the methodology's province is refused (the whole file),
 * and without --methodology the only methodology of the units' province, level and year is used, or
 * one problem says why none or which several fit. On the real national register in a libSQL database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ImportProblem, ImportRefusedError, runImport, textInput } from "../../src/imports/index.ts";
import { builtinMethodologies } from "../../src/methodologies/index.ts";
import { type ChatDatabase, setupContext as ctx, openChatDatabase } from "../support/chat-database.ts";

const HEADER = "unit_code,year,criterion_code,score";
/** Phường 1, Thành phố Tuy Hoà, Tỉnh Phú Yên (until 30/06/2025). */
const PHU_YEN_WARD = "22015";
const PHU_YEN_WARD_2 = "22018";
/** Phường Phú Thứ, Kinh Môn, Hải Dương in 2022; the code passed to Phường Nhị Chiểu, Hải Phòng, in 2025. */
const PHU_THU = "10714";
/** Thị xã Sông Cầu, Tỉnh Phú Yên. */
const SONG_CAU = "557";

let db: ChatDatabase;

/** One row per field of the methodology, each at half its maximum. */
function rows(code: string, year: number, methodologyId: string): string[] {
  const m = builtinMethodologies.find((x) => x.id === methodologyId)!;
  return m.fields.map((f) => `${code},${year},${f.code},${f.max / 2}`);
}

async function refused(text: string, methodology?: string): Promise<ImportProblem[]> {
  const before = await db.store.tableChecksums();
  const error = await runImport(
    db.store,
    { kind: "assessments", input: textInput("a.csv", text), methodology },
    ctx,
  ).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRefusedError);
  expect(await db.store.tableChecksums()).toEqual(before);
  return [...(error as ImportRefusedError).problems];
}

async function methodologyOf(code: string, year: number): Promise<string | null> {
  const found = await db.client.execute({
    sql:
      "SELECT a.methodology_id FROM assessments a JOIN units u ON u.id = a.unit_id " +
      "WHERE u.code = ? AND a.year = ? AND (u.valid_from IS NULL OR u.valid_from <= ?) " +
      "AND (u.valid_to IS NULL OR u.valid_to >= ?)",
    args: [code, year, `${year}-12-31`, `${year}-01-01`],
  });
  return found.rows[0] === undefined ? null : String(found.rows[0].methodology_id);
}

beforeAll(async () => {
  db = await openChatDatabase();
});
afterAll(() => db.close());

describe("a unit outside the methodology's province", () => {
  it("refuses a Phú Yên ward under haiduong-commune-2022, once per unit, naming its province", async () => {
    const text = [HEADER, ...rows(PHU_YEN_WARD, 2022, "haiduong-commune-2022")].join("\n");
    const problems = await refused(text, "haiduong-commune-2022");
    expect(problems).toEqual([
      {
        line: 2,
        code: "UNIT_OUTSIDE_JURISDICTION",
        message:
          "Dòng 2: Phường 1 (mã 22015) năm 2022 thuộc Tỉnh Phú Yên, ngoài phạm vi của phương pháp " +
          "haiduong-commune-2022 (Tỉnh Hải Dương); mọi dòng của đơn vị này đều không được nhập",
      },
    ]);
  });

  it("refuses the whole file when one unit of many is outside: all or nothing", async () => {
    const text = [
      HEADER,
      ...rows(PHU_THU, 2022, "haiduong-commune-2022"),
      ...rows(PHU_YEN_WARD_2, 2022, "haiduong-commune-2022"),
    ].join("\n");
    const problems = await refused(text, "haiduong-commune-2022");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 9, code: "UNIT_OUTSIDE_JURISDICTION" });
    expect(problems[0]?.message).toMatch(/^Dòng 9: Phường 2 \(mã 22018\) năm 2022 thuộc Tỉnh Phú Yên/);
    expect(await methodologyOf(PHU_THU, 2022)).toBeNull();
  });

  it("refuses a unit of another level with the methodology's level named", async () => {
    const problems = await refused([HEADER, `${SONG_CAU},2022,F1,5`].join("\n"), "phuyen-commune-2022");
    expect(problems).toEqual([
      expect.objectContaining({
        line: 2,
        code: "UNIT_WRONG_LEVEL",
        message: expect.stringContaining("cấp huyện"),
      }),
    ]);
  });
});

describe("without --methodology", () => {
  it("uses the one methodology of each unit's province and level for the year", async () => {
    const text = [
      HEADER,
      ...rows(PHU_THU, 2022, "haiduong-commune-2022"),
      ...rows(PHU_YEN_WARD, 2022, "phuyen-commune-2022"),
      ...rows(SONG_CAU, 2022, "phuyen-district-2022"),
    ].join("\n");
    const report = await runImport(db.store, { kind: "assessments", input: textInput("a.csv", text) }, ctx);
    expect(report.changes[0]).toMatchObject({ inserted: 3 });
    // 10714 in 2022 is Phú Thứ of Hải Dương, not the Hải Phòng ward that has the code since July 2025.
    expect(await methodologyOf(PHU_THU, 2022)).toBe("haiduong-commune-2022");
    expect(await methodologyOf(PHU_YEN_WARD, 2022)).toBe("phuyen-commune-2022");
    expect(await methodologyOf(SONG_CAU, 2022)).toBe("phuyen-district-2022");
  });

  it("says once that no methodology fits, not once per row", async () => {
    const text = [
      HEADER,
      ...rows(PHU_YEN_WARD, 2023, "phuyen-commune-2022"),
      ...rows(PHU_YEN_WARD_2, 2023, "phuyen-commune-2022"),
    ].join("\n");
    const problems = await refused(text);
    expect(problems).toEqual([
      {
        line: 2,
        code: "NO_METHODOLOGY_FITS",
        message:
          "Dòng 2: không có phương pháp nào cho đơn vị cấp xã của Tỉnh Phú Yên năm 2023; " +
          "hãy nhập phương pháp trước (import methodology) hoặc ghi rõ bằng --methodology",
      },
    ]);
  });

  it("lists the candidates once when two methodologies fit", async () => {
    const copy = {
      ...builtinMethodologies.find((m) => m.id === "haiduong-commune-2022")!,
      id: "haiduong-xa-2022-b",
    };
    await runImport(db.store, { kind: "methodology", input: textInput("b.json", JSON.stringify(copy)) }, ctx);
    const text = [HEADER, ...rows(PHU_THU, 2023, "haiduong-commune-2022")].join("\n");
    const problems = await refused(text);
    expect(problems).toEqual([
      {
        line: 2,
        code: "METHODOLOGY_AMBIGUOUS",
        message:
          "Dòng 2: có 2 phương pháp phù hợp với đơn vị cấp xã của Tỉnh Hải Dương năm 2023 " +
          "(haiduong-commune-2022, haiduong-xa-2022-b); hãy chọn một bằng --methodology hoặc cột methodology_id",
      },
    ]);
    // Naming one settles it.
    const named = await runImport(
      db.store,
      { kind: "assessments", input: textInput("a.csv", text), methodology: "haiduong-xa-2022-b" },
      ctx,
    );
    expect(named.changes[0]).toMatchObject({ inserted: 1 });
  });

  it("takes a nationwide methodology (province code 00) anywhere, after a province's own", async () => {
    const national = {
      ...builtinMethodologies.find((m) => m.id === "phuyen-commune-2022")!,
      id: "toan-quoc-xa-2023",
      jurisdiction: { province: "Toàn quốc", provinceCode: "00" },
      assessedYears: { from: 2023, to: 2023 },
    };
    await runImport(
      db.store,
      { kind: "methodology", input: textInput("n.json", JSON.stringify(national)) },
      ctx,
    );
    // Phú Yên has no methodology of its own for 2023: the nationwide one is taken, without naming it.
    const text = [HEADER, ...rows(PHU_YEN_WARD, 2023, "phuyen-commune-2022")].join("\n");
    await runImport(db.store, { kind: "assessments", input: textInput("a.csv", text) }, ctx);
    expect(await methodologyOf(PHU_YEN_WARD, 2023)).toBe("toan-quoc-xa-2023");
  });

  it("reports a bad unit code on its own row", async () => {
    const problems = await refused([HEADER, "99999,2022,F1,5"].join("\n"));
    expect(problems).toEqual([
      { line: 2, code: "UNKNOWN_UNIT", message: "Dòng 2: không có đơn vị nào mang mã 99999" },
    ]);
  });
});
