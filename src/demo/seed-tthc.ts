/**
 * TTHC case counts for the demo: the two figures the commune portals printed (Bắc An to December 2023,
 * Tân Hồng to September 2023), plus the same span of the two years before, generated and flagged
 * sample, so "so với cùng kỳ" has something to compare with.
 */
import type { TthcStats } from "../store/index.ts";

interface Period {
  start: string;
  end: string;
  /** Trước hạn, đúng hạn, trễ hạn, đang trong hạn, đang quá hạn, thư xin lỗi; null: not published. */
  counts: [number | null, number, number, number | null, number | null, number | null];
  asOf: string | null;
  source: string;
  sample: boolean;
}

const BAC_AN_PORTAL =
  "Trang thông tin điện tử xã Bắc An, mục Kết quả giải quyết TTHC (bên bài “Xã Bắc An: Xếp thứ 5 toàn thành phố " +
  "về chỉ số cải cách hành chính năm 2021”), cập nhật 02/12/2023 22:14:02: số hồ sơ xử lý 1.035, trước và đúng hạn 1.034 (công bố gộp, ghi vào đúng hạn), " +
  "trễ hạn 1; không công bố số tiếp nhận, đang giải quyết và thư xin lỗi";
const TAN_HONG_PORTAL =
  "Trang thông tin điện tử xã Tân Hồng, mục Kết quả giải quyết TTHC (bên bài “Xã Tân Hồng 03 năm liền dẫn đầu " +
  "về Chỉ số cải cách hành chính”), cập nhật 22/09/2023 04:20:45: số hồ sơ xử lý 840, trước và đúng hạn 840 (công bố gộp, ghi vào đúng hạn), trễ hạn 0; " +
  "không công bố số tiếp nhận, đang giải quyết và thư xin lỗi";
const SAMPLE = "Số liệu minh họa do cchc-bot tạo (cùng kỳ các năm trước), không phải số liệu công bố";

/** By fixture unit name ("Bắc An", "Tân Hồng"). */
export const DEMO_TTHC: Readonly<Record<string, readonly Period[]>> = {
  "Bắc An": [
    {
      start: "2023-01-01",
      end: "2023-12-02",
      counts: [null, 1034, 1, null, null, null],
      asOf: "2023-12-02T22:14:02+07:00",
      source: BAC_AN_PORTAL,
      sample: false,
    },
    {
      start: "2022-01-01",
      end: "2022-12-02",
      counts: [121, 843, 4, 2, 0, 4],
      asOf: null,
      source: SAMPLE,
      sample: true,
    },
    {
      start: "2021-01-01",
      end: "2021-12-02",
      counts: [88, 815, 6, 3, 0, 5],
      asOf: null,
      source: SAMPLE,
      sample: true,
    },
  ],
  "Tân Hồng": [
    {
      start: "2023-01-01",
      end: "2023-09-22",
      counts: [null, 840, 0, null, null, null],
      asOf: "2023-09-22T04:20:45+07:00",
      source: TAN_HONG_PORTAL,
      sample: false,
    },
    {
      start: "2022-01-01",
      end: "2022-09-22",
      counts: [95, 683, 1, 2, 0, 1],
      asOf: null,
      source: SAMPLE,
      sample: true,
    },
    {
      start: "2021-01-01",
      end: "2021-09-22",
      counts: [60, 636, 3, 3, 0, 3],
      asOf: null,
      source: SAMPLE,
      sample: true,
    },
  ],
};

/**
 * The rows of one unit; received is what the parts add up to, as the report forms require, and
 * unknown when a part is.
 */
export function tthcRows(unitId: number, periods: readonly Period[]): TthcStats[] {
  return periods.map((p) => {
    const [early, onTime, late, pendingInTime, pendingOverdue, apologies] = p.counts;
    const received =
      early === null || pendingInTime === null || pendingOverdue === null
        ? null
        : early + onTime + late + pendingInTime + pendingOverdue;
    return {
      unitId,
      periodStart: p.start,
      periodEnd: p.end,
      received,
      resolvedEarly: early,
      resolvedOnTime: onTime,
      resolvedLate: late,
      pendingInTime,
      pendingOverdue,
      apologiesSent: apologies,
      asOf: p.asOf,
      source: p.source,
      sample: p.sample,
    };
  });
}
