import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.ts";
import { loadPackageData } from "../../src/register/load-package.ts";
import { buildNationalRegister } from "../../src/register/national.ts";
import { toResolvableUnits } from "../../src/register/resolvable.ts";
import type { NationalRegister, RegisterRow } from "../../src/register/types.ts";

let register: NationalRegister;
const byKey = (key: string): RegisterRow => {
  const row = register.units.find((u) => u.key === key);
  if (row === undefined) throw new Error(`no unit ${key}`);
  return row;
};

beforeAll(() => {
  register = buildNationalRegister(loadPackageData());
});

describe("buildNationalRegister", () => {
  it("has the 34 provinces and 3,321 communes valid from 01/07/2025", () => {
    const current = register.units.filter((u) => u.key.startsWith("new:"));
    expect(current.filter((u) => u.level === "province")).toHaveLength(34);
    expect(current.filter((u) => u.level === "commune")).toHaveLength(3321);
    expect(current.every((u) => u.validFrom === "2025-07-01" && u.validTo === null)).toBe(true);
  });

  it("has the pre-reform provinces, districts and at least 10,000 communes, valid until 30/06/2025", () => {
    const old = register.units.filter((u) => u.key.startsWith("old:"));
    expect(old.filter((u) => u.level === "province")).toHaveLength(63);
    expect(old.filter((u) => u.level === "district").length).toBeGreaterThanOrEqual(690);
    expect(old.filter((u) => u.level === "commune").length).toBeGreaterThanOrEqual(10_000);
    expect(old.every((u) => u.validFrom === null && u.validTo === "2025-06-30")).toBe(true);
  });

  it("keeps old Xã Tân Hồng (10972, Huyện Bình Giang, Tỉnh Hải Dương) apart from the Xã Đường An that reuses its code, and splits it", () => {
    const oldTanHong = byKey("old:commune:10972");
    expect(oldTanHong).toMatchObject({ name: "Xã Tân Hồng", kind: "xã", validTo: "2025-06-30" });
    const district = byKey(oldTanHong.parentKey ?? "");
    expect(district).toMatchObject({ name: "Huyện Bình Giang", code: "296", kind: "huyện" });
    expect(byKey(district.parentKey ?? "")).toMatchObject({
      name: "Tỉnh Hải Dương",
      code: "30",
      kind: "tỉnh",
    });

    expect(byKey("new:commune:10972")).toMatchObject({ name: "Xã Đường An", parentKey: "new:province:31" });
    // The package keeps only Đường An; the lineage supplement adds Thượng Hồng (NQ 1669, khoản 87–88).
    expect(register.lineage.filter((l) => l.predecessorKey === "old:commune:10972")).toEqual([
      expect.objectContaining({
        successorKey: "new:commune:10972",
        kind: "partial",
        effectiveDate: "2025-07-01",
      }),
      expect.objectContaining({
        successorKey: "new:commune:10993",
        kind: "partial",
        effectiveDate: "2025-07-01",
      }),
    ]);
  });

  it("treats the current Xã Tân Hồng (29926, Đồng Tháp) as a different unit from the old one", () => {
    const current = byKey("new:commune:29926");
    expect(current).toMatchObject({ name: "Xã Tân Hồng", parentKey: "new:province:82" });
    expect(byKey("new:province:82").name).toBe("Tỉnh Đồng Tháp");
    expect(current.key).not.toBe("old:commune:10972");
    // Its predecessors are former Thị trấn Sa Rài, Xã Bình Phú and Xã Tân Công Chí of Huyện Tân Hồng.
    const predecessors = register.lineage
      .filter((l) => l.successorKey === current.key)
      .map((l) => l.predecessorKey);
    expect(predecessors.map((k) => byKey(k).name).sort()).toEqual([
      "Thị trấn Sa Rài",
      "Xã Bình Phú",
      "Xã Tân Công Chí",
    ]);
  });

  it("gives the demo's districts their GSO codes", () => {
    const district = (province: string, name: string) =>
      register.units.find(
        (u) => u.level === "district" && u.parentKey === `old:province:${province}` && u.name === name,
      );
    expect(district("30", "Huyện Gia Lộc")?.code).toBe("297");
    expect(district("30", "Huyện Bình Giang")?.code).toBe("296");
    expect(district("30", "Thành phố Chí Linh")?.code).toBe("290");
    expect(district("30", "Thị xã Kinh Môn")?.code).toBe("292");
    expect(district("54", "Thị xã Sông Cầu")?.code).toBe("557");
    expect(district("54", "Thành phố Tuy Hoà")?.code).toBe("555");
    expect(register.units.filter((u) => u.parentKey === "old:province:54")).toHaveLength(9);
  });

  it("derives a stable, documented code for districts GSO codes could not be sourced for", () => {
    const derived = register.units.filter((u) => u.level === "district" && !/^\d{3}$/.test(u.code));
    expect(derived.map((u) => u.code).sort()).toEqual([
      "24-thi-xa-chu",
      "46-quan-phu-xuan",
      "46-quan-thuan-hoa",
      "77-huyen-long-dat",
    ]);
    expect(derived.every((u) => u.source.includes("tự đặt"))).toBe(true);
  });

  it("takes kinds from name prefixes", () => {
    expect(byKey("new:province:01")).toMatchObject({
      name: "Thành phố Hà Nội",
      kind: "thành phố trung ương",
    });
    expect(byKey("new:province:04")).toMatchObject({ name: "Tỉnh Cao Bằng", kind: "tỉnh" });
    expect(byKey("old:commune:10945")).toMatchObject({ name: "Thị trấn Kẻ Sặt", kind: "thị trấn" });
    const specialZones = register.units.filter((u) => u.kind === "đặc khu");
    expect(specialZones).toHaveLength(13);
  });

  it("reports the rows it cannot use, including Đặc khu Lý Sơn, which has no old name", () => {
    expect(register.skipped.some((s) => s.reason.includes("Đặc khu Lý Sơn"))).toBe(true);
    expect(register.skipped.every((s) => s.row >= 1 && s.reason.startsWith("ward_mappings: "))).toBe(true);
    const withoutCode = register.skipped.filter((s) => s.reason.includes("không có mã TCTK"));
    expect(withoutCode.length).toBeGreaterThan(0);
    expect(register.skipped.length).toBe(943);
  });

  it("links every old unit to the new units it went into", () => {
    const keys = new Set(register.units.map((u) => u.key));
    expect(register.lineage.every((l) => keys.has(l.predecessorKey) && keys.has(l.successorKey))).toBe(true);
    const linked = new Set(register.lineage.map((l) => l.predecessorKey));
    expect(register.units.filter((u) => u.key.startsWith("old:") && !linked.has(u.key))).toEqual([]);
    expect(register.lineage.find((l) => l.predecessorKey === "old:province:30")).toMatchObject({
      successorKey: "new:province:31",
      kind: "full",
    });
  });

  it("has unique keys, no code reused within a level and period, and parents before children", () => {
    const seen = new Set<string>();
    for (const u of register.units) {
      expect(seen.has(u.key)).toBe(false);
      if (u.parentKey !== null) expect(seen.has(u.parentKey)).toBe(true);
      seen.add(u.key);
    }
    const codes = register.units.map((u) => `${u.level}|${u.code}|${u.validTo ?? "open"}`);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("is deterministic", () => {
    expect(buildNationalRegister(loadPackageData())).toEqual(register);
  });

  it("refuses data that is not the package's, with a code", () => {
    expect(() => buildNationalRegister({})).toThrow(AppError);
    expect(() => buildNationalRegister([{ type: "header" }])).toThrow(
      expect.objectContaining({ code: "REGISTER_PACKAGE_INVALID" }),
    );
  });
});

describe("toResolvableUnits", () => {
  it("numbers units from 1 and gives ancestors nearest first and successors", () => {
    const units = toResolvableUnits(register);
    expect(units).toHaveLength(register.units.length);
    expect(units[0]?.id).toBe(1);
    const index = register.units.findIndex((u) => u.key === "old:commune:10972");
    const oldTanHong = units[index];
    expect(oldTanHong).toMatchObject({ id: index + 1, name: "Xã Tân Hồng", validTo: "2025-06-30" });
    expect(oldTanHong?.ancestors.map((a) => a.name)).toEqual(["Huyện Bình Giang", "Tỉnh Hải Dương"]);
    expect(oldTanHong?.successors).toEqual([
      expect.objectContaining({ name: "Xã Đường An", code: "10972", kind: "partial" }),
      expect.objectContaining({ name: "Xã Thượng Hồng", code: "10993", kind: "partial" }),
    ]);
    const successorId = oldTanHong?.successors[0]?.id ?? 0;
    expect(units[successorId - 1]?.name).toBe("Xã Đường An");
  });

  it("accepts a hand-made register", () => {
    const units = toResolvableUnits({
      units: [
        {
          key: "p",
          code: "01",
          name: "Tỉnh A",
          kind: "tỉnh",
          level: "province",
          parentKey: null,
          validFrom: null,
          validTo: null,
          source: "t",
        },
        {
          key: "c",
          code: "00001",
          name: "Xã B",
          kind: "xã",
          level: "commune",
          parentKey: "p",
          validFrom: null,
          validTo: null,
          source: "t",
        },
      ],
      lineage: [],
    });
    expect(units[1]).toMatchObject({
      id: 2,
      parentId: 1,
      ancestors: [{ id: 1, name: "Tỉnh A", kind: "tỉnh", code: "01" }],
    });
  });
});
