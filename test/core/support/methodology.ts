import { type Methodology, type MethodologyInput, parseMethodology } from "../../../src/core/index.ts";

const SCALE = [
  { code: "HTXS", label: "Hoàn thành xuất sắc nhiệm vụ" },
  { code: "HTT", label: "Hoàn thành tốt nhiệm vụ" },
  { code: "HT", label: "Hoàn thành nhiệm vụ" },
  { code: "KHT", label: "Không hoàn thành nhiệm vụ" },
];

/** A small valid methodology for rule-level tests; `patch` overrides any top-level key. */
export function testMethodologyJson(patch: Partial<MethodologyInput> = {}): MethodologyInput {
  return {
    id: "test-commune",
    version: "1",
    title: "Phương pháp thử",
    jurisdiction: { province: "Tỉnh Thử", provinceCode: "99" },
    level: "commune",
    assessedYears: { from: 2022, to: 2022 },
    legalBasis: ["QĐ thử"],
    sources: [{ title: "nguồn thử" }],
    maxPoints: 20,
    fields: [
      {
        code: "F1",
        name: "Cải cách thủ tục hành chính",
        shortName: "Cải cách TTHC",
        max: 10,
        tag: "tthc",
        children: [
          {
            code: "F1.1",
            name: "Tỷ lệ hồ sơ đúng hạn",
            max: 4,
            rule: { type: "rateToTarget", rateUnit: "percent", target: 95 },
          },
          {
            code: "F1.2",
            name: "Xin lỗi hồ sơ quá hạn",
            max: 2,
            rule: { type: "proportional", rateUnit: "fraction" },
            notApplicable: "fullPoints",
          },
          { code: "F1.3", name: "Vi phạm quy trình", max: 2, rule: { type: "deduction", perEvent: 0.25 } },
          { code: "F1.4", name: "Công khai TTHC", max: 2, rule: { type: "binary" } },
        ],
      },
      {
        code: "F2",
        name: "Chính quyền điện tử",
        max: 10,
        tag: "egov",
        children: [
          {
            code: "F2.1",
            name: "Hồ sơ trực tuyến",
            max: 4,
            rule: {
              type: "tiered",
              rateUnit: "percent",
              steps: [
                { min: 100, points: 4 },
                { min: 95, points: 2 },
              ],
            },
          },
          {
            code: "F2.2",
            name: "Mức độ hài lòng",
            max: 3,
            rule: { type: "surveyMean", scale: { min: 1, max: 5 } },
          },
          { code: "F2.3", name: "Số hóa hồ sơ", max: 3, rule: { type: "direct" }, notApplicable: "exclude" },
        ],
      },
    ],
    classification: {
      bands: [
        { code: "A", label: "Tốt", min: 90 },
        { code: "B", label: "Khá", min: 70 },
        { code: "C", label: "Trung bình", min: 0 },
      ],
    },
    headRating: {
      scale: SCALE,
      base: [
        { rating: "HTXS", min: 90 },
        { rating: "HTT", min: 80 },
        { rating: "HT", min: 65 },
        { rating: "KHT", min: 0 },
      ],
      caps: [{ when: { anyField: { pctBelow: 70 } }, capAt: "HT", reason: "Có lĩnh vực dưới 70%" }],
      flags: [
        {
          when: { fieldTag: { tag: "tthc", pctBelow: 75 } },
          code: "TTHC_ACCOUNTABILITY",
          text: "người đứng đầu phải kiểm điểm",
        },
      ],
    },
    ...patch,
  };
}

export function testMethodology(patch: Partial<MethodologyInput> = {}): Methodology {
  return parseMethodology(testMethodologyJson(patch));
}

/** Inputs that give every leaf of the test methodology its maximum. */
export const FULL_MARKS = {
  "F1.1": { rate: 97 },
  "F1.2": { rate: 1 },
  "F1.3": { events: 0 },
  "F1.4": { done: true },
  "F2.1": { rate: 100 },
  "F2.2": { surveyMean: 5 },
  "F2.3": 3,
} as const;

/** Seven direct fields, like the Hải Dương files, with a caller-chosen head-rating block. */
export function flatMethodology(
  maxima: readonly number[],
  patch: Partial<MethodologyInput> = {},
): Methodology {
  const total = maxima.reduce((s, m) => s + m, 0);
  return parseMethodology(
    testMethodologyJson({
      maxPoints: total,
      fields: maxima.map((max, i) => ({
        code: `F${i + 1}`,
        name: `Lĩnh vực ${i + 1}`,
        max,
        tag: i === 0 ? "tthc" : i === maxima.length - 1 ? "egov" : `field-${i + 1}`,
        rule: { type: "direct" as const },
      })),
      ...patch,
    }),
  );
}
