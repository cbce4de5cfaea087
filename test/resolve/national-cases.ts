/** How people type unit names, with what the national register should answer: shared by the resolver's tests. */
import type { UnitLevel } from "../../src/domain/unit.ts";
import type { ResolveOptions } from "../../src/resolve/index.ts";

export type Expected =
  | { unit: string; name?: string; level?: UnitLevel; note?: string; outsideAskedYear?: boolean }
  | { choice: string[]; first?: string; atLeast?: number }
  | { none: true; suggests?: string }
  | { invalid: "empty" | "too_long" };

export interface Case {
  text: string;
  options?: ResolveOptions;
  expected: Expected;
}

const nfd = (text: string) => text.normalize("NFD");
const y2022 = { year: 2022 };

export const cases: Record<string, Case[]> = {
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
