import { describe, expect, it } from "vitest";
import { takeWeek } from "../../commands/support/args.ts";
import { addWeeks, isoWeekOf, weekDates, weekExists } from "../../commands/support/iso-week.ts";
import { takePeriod } from "../../commands/support/periods.ts";
import { readYear } from "../../commands/support/years.ts";

const now = new Date("2024-03-20T09:00:00+07:00");
const year = (text: string) => readYear(text, now).readings;

describe("years, weeks and periods typed around a unit name", () => {
  it("takes a year before, after or inside the name", () => {
    expect(year("tan hong 2022")).toEqual([{ value: 2022, rest: "tan hong" }]);
    expect(year("2022 tan hong")).toEqual([{ value: 2022, rest: "tan hong" }]);
    expect(year("năm 2021 Tân Hồng, Bình Giang")).toEqual([{ value: 2021, rest: "Tân Hồng, Bình Giang" }]);
    expect(year("Tân Hồng")).toEqual([{ value: null, rest: "Tân Hồng" }]);
    expect(year("10972")[0]!.value).toBeNull();
    expect(year("phuong 12 go vap")).toEqual([{ value: null, rest: "phuong 12 go vap" }]);
  });

  it("reads a name ending in Nam both ways, the name first; “năm” with its accent is the year word", () => {
    expect(year("Quảng Nam 2022")).toEqual([
      { value: 2022, rest: "Quảng Nam" },
      { value: 2022, rest: "Quảng" },
    ]);
    expect(year("Tân Hồng năm 2022")).toEqual([{ value: 2022, rest: "Tân Hồng" }]);
    expect(year("nam 2022 tan hong")).toEqual([{ value: 2022, rest: "tan hong" }]);
    expect(year("Chi Lăng Nam")).toEqual([{ value: null, rest: "Chi Lăng Nam" }]);
  });

  it("counts relative and short years from the message's time", () => {
    expect(year("Tân Hồng năm nay")).toEqual([{ value: 2024, rest: "Tân Hồng" }]);
    expect(year("năm ngoái Tân Hồng")).toEqual([{ value: 2023, rest: "Tân Hồng" }]);
    expect(year("tan hong nam truoc")).toEqual([{ value: 2023, rest: "tan hong" }]);
    expect(year("năm kia")).toEqual([{ value: 2022, rest: "" }]);
    expect(year("Tân Hồng '21")).toEqual([{ value: 2021, rest: "Tân Hồng" }]);
    expect(year("Tân Hồng năm 21")).toEqual([{ value: 2021, rest: "Tân Hồng" }]);
    expect(year("Tân Hồng 21")).toEqual([
      { value: null, rest: "Tân Hồng 21" },
      { value: 2021, rest: "Tân Hồng" },
    ]);
    expect(year("Phường 12 Quận 4")[0]!.value).toBeNull();
    expect(year("Tân Hồng 99")).toEqual([{ value: null, rest: "Tân Hồng 99" }]);
  });

  it("takes relative, numbered and dated weeks", () => {
    const week = (text: string) => takeWeek(text, now);
    expect(week("").readings).toEqual([{ value: null, rest: "" }]);
    expect(week("12").readings).toEqual([{ value: { kind: "number", week: 12, year: null }, rest: "" }]);
    expect(week("tuần 12/2024 Kinh Môn").readings).toEqual([
      { value: { kind: "number", week: 12, year: 2024 }, rest: "Kinh Môn" },
    ]);
    expect(week("tuần sau").readings).toEqual([{ value: { kind: "relative", offset: 1 }, rest: "" }]);
    expect(week("Tuần trước").readings).toEqual([{ value: { kind: "relative", offset: -1 }, rest: "" }]);
    expect(week("sau").readings).toEqual([{ value: { kind: "relative", offset: 1 }, rest: "" }]);
    expect(week("Kinh Môn").readings).toEqual([{ value: null, rest: "Kinh Môn" }]);
    expect(week("18/3/2024 Kinh Môn").readings).toEqual([
      { value: { kind: "week", week: { isoYear: 2024, isoWeek: 12 } }, rest: "Kinh Môn" },
    ]);
    expect(week("ngày 1/1/2021").readings[0]!.value).toEqual({
      kind: "week",
      week: { isoYear: 2020, isoWeek: 53 },
    });
    expect(week("Phường 12").readings.map((r) => r.rest)).toEqual(["Phường 12", "Phường"]);
  });

  it("refuses impossible weeks and dates instead of reading them as a name", () => {
    expect(takeWeek("60/2024", now).error).toContain("Không có tuần 60");
    expect(takeWeek("tuần 0", now).error).toContain("Không có tuần 0");
    expect(takeWeek("31/2/2024 Kinh Môn", now).error).toContain("Ngày 31/2/2024 không có");
  });

  it("takes a reporting period: year, quarter, month, and refuses one that cannot be", () => {
    const period = (text: string) => takePeriod(text, now);
    expect(period("Bắc An 2023").readings[0]!.value).toMatchObject({ from: "2023-01-01", to: "2023-12-31" });
    expect(period("quý 3/2023 Bắc An").readings).toEqual([
      { value: { from: "2023-07-01", to: "2023-09-30", label: "quý 3/2023" }, rest: "Bắc An" },
    ]);
    expect(period("Bắc An quý 3 năm 2023").readings[0]).toMatchObject({ rest: "Bắc An" });
    expect(period("tháng 2/2024").readings[0]!.value).toMatchObject({ from: "2024-02-01", to: "2024-02-29" });
    expect(period("tháng 2").readings[0]!.value).toMatchObject({ label: "tháng 2/2024" });
    expect(period("Tân Hồng").readings[0]!.value).toBeNull();
    expect(period("Toàn Thắng 2022").readings[0]).toMatchObject({ rest: "Toàn Thắng" });
    expect(period("Bắc An quý 7/2023").error).toContain("Không có quý 7");
    expect(period("Bắc An tháng 13/2023").error).toContain("Không có tháng 13");
    expect(period("Bắc An 45/2023").error).toContain("Không có tháng 45");
    expect(period("Bắc An 2023/9").error).toContain("Không đọc được kỳ “2023/9”");
  });
});

describe("ISO weeks", () => {
  it("numbers the demo's Kinh Môn weeks as the notices do", () => {
    expect(isoWeekOf("2024-03-18")).toEqual({ isoYear: 2024, isoWeek: 12 });
    expect(isoWeekOf("2024-03-24")).toEqual({ isoYear: 2024, isoWeek: 12 });
    expect(weekDates({ isoYear: 2024, isoWeek: 9 })).toEqual({ monday: "2024-02-26", sunday: "2024-03-03" });
  });

  it("crosses years and knows which years have a week 53", () => {
    expect(isoWeekOf("2021-01-03")).toEqual({ isoYear: 2020, isoWeek: 53 });
    expect(addWeeks({ isoYear: 2024, isoWeek: 52 }, 1)).toEqual({ isoYear: 2025, isoWeek: 1 });
    expect(weekExists({ isoYear: 2020, isoWeek: 53 })).toBe(true);
    expect(weekExists({ isoYear: 2024, isoWeek: 53 })).toBe(false);
  });
});
