/** When a notice may go: quiet hours, office hours, and the chat's wish over office hours. */
import { describe, expect, it } from "vitest";
import { DEFAULT_OFFICE_HOURS, firstAllowed } from "../../src/push/delivery-window.ts";

/** A Vietnam-time instant, "2024-03-18 21:00". */
const vn = (text: string) => new Date(`${text.replace(" ", "T")}:00+07:00`);

describe("firstAllowed", () => {
  const office = DEFAULT_OFFICE_HOURS;

  it.each([
    ["inside office hours: now", "2024-03-18 09:15", "2024-03-18 09:15"],
    ["21:00 on a Monday: 07:00 on Tuesday", "2024-03-18 21:00", "2024-03-19 07:00"],
    ["06:59 on a Monday: 07:00", "2024-03-18 06:59", "2024-03-18 07:00"],
    ["17:30 sharp is closed: next morning", "2024-03-18 17:30", "2024-03-19 07:00"],
    ["Friday 18:00: Monday 07:00", "2024-03-22 18:00", "2024-03-25 07:00"],
    ["Saturday noon: Monday 07:00", "2024-03-23 12:00", "2024-03-25 07:00"],
  ])("an optional notice due %s", (_case, due, expected) => {
    expect(firstAllowed(vn(due), { quietHours: null, office })).toEqual(vn(expected));
  });

  it.each([
    ["in quiet hours past midnight: at their end", "2024-03-18 23:00", "2024-03-19 06:00"],
    ["before midnight's end: at their end", "2024-03-19 05:00", "2024-03-19 06:00"],
    ["outside: now", "2024-03-18 21:00", "2024-03-18 21:00"],
  ])("a notice that is not optional, quiet 22:00–06:00, due %s", (_case, due, expected) => {
    expect(firstAllowed(vn(due), { quietHours: { start: "22:00", end: "06:00" }, office: null })).toEqual(
      vn(expected),
    );
  });

  it("an optional notice waits for both: quiet until 08:00, office from 07:00", () => {
    const rules = { quietHours: { start: "21:00", end: "08:00" }, office };
    expect(firstAllowed(vn("2024-03-18 20:00"), rules)).toEqual(vn("2024-03-19 08:00"));
  });

  it("when quiet hours cover all office hours, the chat's own wish wins", () => {
    const rules = { quietHours: { start: "06:00", end: "18:00" }, office };
    expect(firstAllowed(vn("2024-03-18 09:00"), rules)).toEqual(vn("2024-03-18 18:00"));
  });

  it("ignores stored quiet hours that begin and end at the same time", () => {
    const rules = { quietHours: { start: "22:00", end: "22:00" }, office: null };
    expect(firstAllowed(vn("2024-03-18 22:30"), rules)).toEqual(vn("2024-03-18 22:30"));
  });
});
