import { describe, expect, it } from "vitest";
import { roundHalfUp } from "../src/core/round.ts";
import {
  formatDate,
  formatDayOrInstant,
  formatInteger,
  formatNumber,
  formatScore,
  formatSigned,
  vnDayOf,
} from "../src/format/vi.ts";

describe("vi-VN formatting", () => {
  it("rounds ties half-up on the decimal value", () => {
    expect(roundHalfUp(84.985, 2)).toBe(84.99);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(73.344999, 2)).toBe(73.34);
    expect(roundHalfUp(-2.345, 2)).toBe(-2.35);
  });
  it("uses a decimal comma and dot thousands", () => {
    expect(formatNumber(87.032)).toBe("87,03");
    expect(formatNumber(1035.5, 1)).toBe("1.035,5");
    expect(formatInteger(1035)).toBe("1.035");
    expect(formatScore(87.032)).toBe("87,032");
    expect(formatScore(73.34)).toBe("73,34");
    expect(formatSigned(3.12)).toBe("+3,12");
    expect(formatSigned(-8.48)).toBe("-8,48");
  });
  it("shows dates in Vietnam time", () => {
    // 17:30 UTC on 17/03 is already 18/03 in Hà Nội.
    expect(formatDate(new Date("2024-03-17T17:30:00Z"))).toBe("18/03/2024");
  });
});

describe("a TTHC file's as_of", () => {
  it("shows a day as that day and an instant in Vietnam time, never a day as midnight UTC", () => {
    expect(formatDayOrInstant("2024-07-05")).toBe("05/07/2024");
    expect(formatDayOrInstant("2023-12-02T22:14:02+07:00")).toBe("02/12/2023 22:14");
    expect(formatDayOrInstant("hôm qua")).toBeNull();
    // Rows stored before as_of was normalised: read as Vietnamese dates, never as JavaScript's 7 May.
    expect(formatDayOrInstant("05/07/2024")).toBe("05/07/2024");
    expect(vnDayOf("05/07/2024")).toBe("2024-07-05");
    expect(formatDayOrInstant("5/7/2024 08:00")).toBeNull();
    expect(vnDayOf("2024-07-05")).toBe("2024-07-05");
    expect(vnDayOf("2024-07-04T20:00:00Z")).toBe("2024-07-05");
    expect(vnDayOf("x")).toBeNull();
  });
});
