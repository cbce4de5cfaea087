import { describe, expect, it } from "vitest";
import { parseDecimal } from "../../src/csv/index.ts";

describe("parsing a typed decimal", () => {
  it("accepts a decimal point and a Vietnamese decimal comma alike", () => {
    expect(parseDecimal("87.5")).toEqual({ ok: true, value: 87.5 });
    expect(parseDecimal("87,5")).toEqual({ ok: true, value: 87.5 });
    expect(parseDecimal(" 87,032 ")).toEqual({ ok: true, value: 87.032 });
    expect(parseDecimal("-0,25")).toEqual({ ok: true, value: -0.25 });
    expect(parseDecimal("22")).toEqual({ ok: true, value: 22 });
  });

  it("refuses text and an empty cell with a reason", () => {
    expect(parseDecimal("abc")).toEqual({ ok: false, reason: '"abc" không phải là số' });
    expect(parseDecimal("")).toEqual({ ok: false, reason: "ô trống" });
  });

  it("refuses figures whose separators could be thousands groupings rather than guess", () => {
    for (const text of ["1.234,5", "1,234.5", "1.234.567"]) {
      const result = parseDecimal(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain("nhiều dấu phân cách");
    }
  });
});
