import { describe, expect, it } from "vitest";
import { takePeriod, takeWeek, takeYear } from "../../commands/support/args.ts";
import { addWeeks, isoWeekOf, weekDates, weekExists } from "../../commands/support/iso-week.ts";

describe("years, weeks and periods typed around a unit name", () => {
  it("takes a year before, after or inside the name", () => {
    expect(takeYear("tan hong 2022")).toEqual({ value: 2022, rest: "tan hong" });
    expect(takeYear("2022 tan hong")).toEqual({ value: 2022, rest: "tan hong" });
    expect(takeYear("năm 2021 Tân Hồng, Bình Giang")).toEqual({ value: 2021, rest: "Tân Hồng, Bình Giang" });
    expect(takeYear("Tân Hồng")).toEqual({ value: null, rest: "Tân Hồng" });
    expect(takeYear("10972").value).toBeNull();
    expect(takeYear("phuong 12 go vap").value).toBeNull();
  });

  it("takes relative and numbered weeks", () => {
    expect(takeWeek("")).toEqual({ value: null, rest: "" });
    expect(takeWeek("12")).toEqual({ value: { kind: "number", week: 12, year: null }, rest: "" });
    expect(takeWeek("tuần 12/2024 Kinh Môn")).toEqual({
      value: { kind: "number", week: 12, year: 2024 },
      rest: "Kinh Môn",
    });
    expect(takeWeek("tuần sau")).toEqual({ value: { kind: "relative", offset: 1 }, rest: "" });
    expect(takeWeek("Tuần trước")).toEqual({ value: { kind: "relative", offset: -1 }, rest: "" });
    expect(takeWeek("sau")).toEqual({ value: { kind: "relative", offset: 1 }, rest: "" });
    expect(takeWeek("Kinh Môn").value).toBeNull();
  });

  it("takes a reporting period: year, quarter, month", () => {
    expect(takePeriod("Bắc An 2023").value).toMatchObject({ from: "2023-01-01", to: "2023-12-31" });
    expect(takePeriod("quý 3/2023 Bắc An")).toEqual({
      value: { from: "2023-07-01", to: "2023-09-30", label: "quý 3/2023" },
      rest: "Bắc An",
    });
    expect(takePeriod("tháng 2/2024").value).toMatchObject({ from: "2024-02-01", to: "2024-02-29" });
    expect(takePeriod("Tân Hồng").value).toBeNull();
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
