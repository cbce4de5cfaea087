import { beforeAll, describe, expect, it } from "vitest";
import { LINEAGE_SUPPLEMENT, type LineageSupplement } from "../../src/register/lineage-supplement.ts";
import { loadPackageData } from "../../src/register/load-package.ts";
import { buildNationalRegister } from "../../src/register/national.ts";
import type { NationalRegister, RegisterRow } from "../../src/register/types.ts";

let data: unknown;
let register: NationalRegister;
let packageOnly: NationalRegister;
const NONE: LineageSupplement = { source: "none", groups: [] };

beforeAll(() => {
  data = loadPackageData();
  register = buildNationalRegister(data);
  packageOnly = buildNationalRegister(data, NONE);
});

const unit = (key: string): RegisterRow => {
  const row = register.units.find((u) => u.key === key);
  if (row === undefined) throw new Error(`no unit ${key}`);
  return row;
};

/** The old commune of `district` (Tỉnh `province`) named `name`, before 01/07/2025. */
function oldCommune(province: string, district: string, name: string): RegisterRow {
  const districtRow = register.units.find(
    (u) => u.level === "district" && u.parentKey === `old:province:${province}` && u.name === district,
  );
  const rows = register.units.filter((u) => u.parentKey === districtRow?.key && u.name === name);
  expect(rows).toHaveLength(1);
  return rows[0] as RegisterRow;
}

/** [successor name, its province, kind, item (khoản) the legal basis names] for each lineage row. */
function successorsOf(old: RegisterRow): [string, string | null, string, string | undefined][] {
  return register.lineage
    .filter((l) => l.predecessorKey === old.key)
    .map((l) => {
      const s = unit(l.successorKey);
      return [s.name, s.parentKey, l.kind, l.legalBasis.match(/khoản (\d+) Điều 1/)?.[1]] as [
        string,
        string | null,
        string,
        string | undefined,
      ];
    })
    .sort((a, b) => a[0].localeCompare(b[0]));
}

describe("the lineage supplement in the national register", () => {
  it("splits old Xã Tân Hồng (Bình Giang) into Xã Đường An and Xã Thượng Hồng, both partial, per NQ 1669 khoản 87–88", () => {
    const tanHong = oldCommune("30", "Huyện Bình Giang", "Xã Tân Hồng");
    expect(tanHong).toMatchObject({ code: "10972", validTo: "2025-06-30" });
    expect(successorsOf(tanHong)).toEqual([
      ["Xã Đường An", "new:province:31", "partial", "87"],
      ["Xã Thượng Hồng", "new:province:31", "partial", "88"],
    ]);
    const rows = register.lineage.filter((l) => l.predecessorKey === tanHong.key);
    for (const row of rows) {
      expect(row.legalBasis).toContain("Nghị quyết 1669/NQ-UBTVQH15");
      expect(row.legalBasis).toContain("khoản 87, 88");
      expect(row.source).toContain("dvhcvn/20250701");
    }
    // The package alone had only Đường An.
    expect(packageOnly.lineage.filter((l) => l.predecessorKey === tanHong.key)).toEqual([
      expect.objectContaining({ successorKey: "new:commune:10972", kind: "full" }),
    ]);
  });

  // Expectations written from the text of the resolutions (input/docs/1669_NQ-UBTVQH15.md and
  // 1660_NQ-UBTVQH15.md of dvhcvn/20250701), not from the supplement's data.
  it("agrees with NQ 1669/NQ-UBTVQH15 on Thống Nhất, Văn Đức, Thượng Quận and Long Xuyên", () => {
    // k31: "một phần diện tích tự nhiên của xã Thống Nhất thành phường mới … phường Thạch Khôi";
    // k90: "phần còn lại của xã Thống Nhất sau khi sắp xếp theo quy định tại khoản 31 … xã Yết Kiêu".
    expect(successorsOf(oldCommune("30", "Huyện Gia Lộc", "Xã Thống Nhất"))).toEqual([
      ["Phường Thạch Khôi", "new:province:31", "partial", "31"],
      ["Xã Yết Kiêu", "new:province:31", "partial", "90"],
    ]);
    // k34: "một phần diện tích tự nhiên của phường Văn Đức … phường Chu Văn An"; k38: "một phần … của
    // phường Văn Đức … phường Trần Nhân Tông"; k43: "phần còn lại của phường Văn Đức … phường Bắc An Phụ".
    expect(successorsOf(oldCommune("30", "Thành phố Chí Linh", "Phường Văn Đức"))).toEqual([
      ["Phường Bắc An Phụ", "new:province:31", "partial", "43"],
      ["Phường Chu Văn An", "new:province:31", "partial", "34"],
      ["Phường Trần Nhân Tông", "new:province:31", "partial", "38"],
    ]);
    // k42: "một phần … của xã Thượng Quận … phường Trần Liễu"; k109: "phần còn lại của xã Thượng Quận
    // sau khi sắp xếp theo quy định tại khoản 42 … xã Phú Thái".
    expect(successorsOf(oldCommune("30", "Thị xã Kinh Môn", "Xã Thượng Quận"))).toEqual([
      ["Phường Trần Liễu", "new:province:31", "partial", "42"],
      ["Xã Phú Thái", "new:province:31", "partial", "109"],
    ]);
    // k86: "toàn bộ … của các xã Tân Việt (huyện Bình Giang), Long Xuyên, Hồng Khê, Cổ Bì … xã Bình
    // Giang". (k40's Long Xuyên is the phường of Thị xã Kinh Môn: the source mixed the two up.)
    expect(successorsOf(oldCommune("30", "Huyện Bình Giang", "Xã Long Xuyên"))).toEqual([
      ["Xã Bình Giang", "new:province:31", "full", "86"],
    ]);
    expect(successorsOf(oldCommune("30", "Thị xã Kinh Môn", "Phường Long Xuyên"))).toEqual([
      ["Phường Kinh Môn", "new:province:31", "full", "40"],
    ]);
  });

  it("agrees with NQ 1660/NQ-UBTVQH15 (Đắk Lắk) on Xuân Thọ 2 of Thị xã Sông Cầu", () => {
    // k55: "toàn bộ … của các xã Xuân Lâm, Xuân Thọ 1 và Xuân Thọ 2 thành xã mới … xã Xuân Thọ".
    const xuanTho2 = oldCommune("54", "Thị xã Sông Cầu", "Xã Xuân Thọ 2");
    expect(successorsOf(xuanTho2)).toEqual([["Xã Xuân Thọ", "new:province:66", "full", "55"]]);
    expect(register.lineage.find((l) => l.predecessorKey === xuanTho2.key)?.legalBasis).toBe(
      "Nghị quyết 1660/NQ-UBTVQH15, khoản 55 Điều 1",
    );
  });

  it("covers every former commune of the demo's five districts, with the supplement as the source", () => {
    const districts: [string, string][] = [
      ["30", "Huyện Gia Lộc"],
      ["30", "Huyện Bình Giang"],
      ["30", "Thị xã Kinh Môn"],
      ["30", "Thành phố Chí Linh"],
      ["54", "Thị xã Sông Cầu"],
    ];
    for (const [province, name] of districts) {
      const district = register.units.find(
        (u) => u.level === "district" && u.parentKey === `old:province:${province}` && u.name === name,
      );
      const communes = register.units.filter((u) => u.parentKey === district?.key);
      expect(communes.length).toBeGreaterThan(10);
      for (const commune of communes) {
        const rows = register.lineage.filter((l) => l.predecessorKey === commune.key);
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((l) => l.source === LINEAGE_SUPPLEMENT.source)).toBe(true);
        expect(rows.every((l) => l.kind === (rows.length > 1 ? "partial" : "full"))).toBe(true);
      }
    }
  });

  it("adds 18 links and turns 17 package rows partial, changing nothing outside its 83 communes", () => {
    const supplemented = register.lineage.filter((l) => l.source !== undefined);
    expect(supplemented).toHaveLength(101);
    expect(supplemented.filter((l) => l.kind === "partial")).toHaveLength(35);
    expect(new Set(supplemented.map((l) => l.predecessorKey)).size).toBe(83);
    expect(register.lineage.length - packageOnly.lineage.length).toBe(18);
    const covered = new Set(supplemented.map((l) => l.predecessorKey));
    expect(register.lineage.filter((l) => !covered.has(l.predecessorKey))).toEqual(
      packageOnly.lineage.filter((l) => !covered.has(l.predecessorKey)),
    );
    expect(register.skipped).toEqual(packageOnly.skipped);
  });

  it("skips and reports a successor the register does not have, or has under another name, never inventing a unit", () => {
    const group = (
      newProvinceCode: string,
      entries: LineageSupplement["groups"][number]["entries"],
    ): LineageSupplement => ({
      source: "test",
      groups: [
        {
          oldProvinceCode: "30",
          oldProvince: "Tỉnh Hải Dương",
          newProvinceCode,
          resolution: "1669/NQ-UBTVQH15",
          entries,
        },
      ],
    });
    const built = buildNationalRegister(
      data,
      group("31", [
        // 10972 is Xã Đường An now: a code is not an identity.
        [
          "10972",
          "Xã Tân Hồng",
          "Huyện Bình Giang",
          [
            ["10972", "Xã Tân Hồng", 87],
            ["99999", "Xã Không Có", 88],
          ],
        ],
        // The old code exists, but not with this name.
        ["10963", "Xã Tân Việt", "Huyện Bình Giang", [["10966", "Xã Bình Giang", 86]]],
        ["10996", "Xã Bình Xuyên", "Huyện Bình Giang", [["10993", "Xã Thượng Hồng", 88]]],
      ]),
    );
    expect(built.units).toEqual(packageOnly.units);
    const reasons = built.skipped.filter((s) => s.reason.startsWith("lineage-supplement: "));
    expect(reasons.map((s) => s.row)).toEqual([1, 1, 2]);
    expect(reasons[0]?.reason).toContain('mã này là "Xã Đường An"');
    expect(reasons[1]?.reason).toContain("không có mã này");
    expect(reasons[2]?.reason).toContain('"Xã Long Xuyên, Huyện Bình Giang"');
    // Nothing placed for Tân Hồng: the package's row stays as it was. Long Xuyên is untouched too.
    for (const key of ["old:commune:10972", "old:commune:10963"]) {
      expect(built.lineage.filter((l) => l.predecessorKey === key)).toEqual(
        packageOnly.lineage.filter((l) => l.predecessorKey === key),
      );
    }
    // Bình Xuyên's row is confirmed and sourced from the supplement.
    expect(built.lineage.filter((l) => l.predecessorKey === "old:commune:10996")).toEqual([
      expect.objectContaining({ successorKey: "new:commune:10993", kind: "full", source: "test" }),
    ]);

    // Xã Thượng Hồng (10993) exists, but in Hải Phòng (31), not in Đắk Lắk (66).
    const wrongProvince = buildNationalRegister(
      data,
      group("66", [["10996", "Xã Bình Xuyên", "Huyện Bình Giang", [["10993", "Xã Thượng Hồng", 88]]]]),
    );
    expect(wrongProvince.skipped.filter((s) => s.reason.startsWith("lineage-supplement: "))).toEqual([
      { row: 1, reason: expect.stringContaining("(new:province:31)") },
    ]);
  });

  it("keeps a package successor the supplement does not name, and makes the predecessor partial", () => {
    const built = buildNationalRegister(data, {
      source: "test",
      groups: [
        {
          oldProvinceCode: "30",
          oldProvince: "Tỉnh Hải Dương",
          newProvinceCode: "31",
          resolution: "1669/NQ-UBTVQH15",
          // The package says Tân Hồng → Đường An; this supplement names only Thượng Hồng.
          entries: [["10972", "Xã Tân Hồng", "Huyện Bình Giang", [["10993", "Xã Thượng Hồng", 88]]]],
        },
      ],
    });
    expect(built.lineage.filter((l) => l.predecessorKey === "old:commune:10972")).toEqual([
      expect.objectContaining({
        successorKey: "new:commune:10972",
        kind: "partial",
        legalBasis: expect.stringContaining("1654–1687"),
      }),
      expect.objectContaining({ successorKey: "new:commune:10993", kind: "partial", source: "test" }),
    ]);
  });
});
