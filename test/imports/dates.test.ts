import { describe, expect, it } from "vitest";
import { isoWeekOf, isoWeekRange, parseDate, parseIsoWeek, parseTime } from "../../src/imports/dates.ts";
import { facts } from "../support/facts.ts";

describe("dates and ISO weeks", () => {
  it("gives Kinh Môn's notices their weeks: 9 to 12 of 2024, Monday to Sunday", () => {
    for (const notice of facts.work_schedule_notices) {
      expect(isoWeekRange({ isoYear: 2024, isoWeek: notice.week })).toEqual({
        from: notice.from,
        to: notice.to,
      });
      expect(isoWeekOf(notice.from)).toEqual({ isoYear: 2024, isoWeek: notice.week });
      expect(isoWeekOf(notice.to)).toEqual({ isoYear: 2024, isoWeek: notice.week });
    }
  });

  it("puts the days around New Year in the week of their Thursday", () => {
    expect(isoWeekOf("2021-01-03")).toEqual({ isoYear: 2020, isoWeek: 53 });
    expect(isoWeekOf("2024-12-30")).toEqual({ isoYear: 2025, isoWeek: 1 });
    expect(parseIsoWeek("2020-W53")).toEqual({ isoYear: 2020, isoWeek: 53 });
    expect(parseIsoWeek("2021-W53")).toBeNull();
    expect(parseIsoWeek("2024-W9")).toEqual({ isoYear: 2024, isoWeek: 9 });
  });

  it("reads the dates and times spreadsheets here contain, and nothing else", () => {
    expect(parseDate("03/3/3024")).toBe("3024-03-03");
    expect(parseDate("18/3/2024")).toBe("2024-03-18");
    expect(parseDate("2024-02-30")).toBeNull();
    expect(parseDate("3/18/2024")).toBeNull();
    expect(parseTime("7h30")).toBe("07:30");
    expect(parseTime("14:00")).toBe("14:00");
    expect(parseTime("24:00")).toBeNull();
  });
});
