import { describe, expect, it } from "vitest";
import { createResolver, type ResolveResult } from "../../src/resolve/index.ts";
import { ids, sampleUnits } from "../support/units.ts";

const resolver = createResolver(sampleUnits);

function unitId(result: ResolveResult): number | undefined {
  return result.kind === "unit" ? result.unit.id : undefined;
}

function optionIds(result: ResolveResult): number[] {
  return result.kind === "choice" ? result.options.map((option) => option.unit.id) : [];
}

describe("createResolver over a small register", () => {
  it("finds the current unit when no year is asked", () => {
    const result = resolver.resolve("Tân Hồng");
    expect(unitId(result)).toBe(ids.tanHongDongThap);
    expect(result.kind === "unit" && result.match.path).toBe("Xã Tân Hồng, Tỉnh Đồng Tháp");
    expect(result.kind === "unit" && result.match.validity).toBe("từ 01/07/2025");
    expect(result.kind === "unit" && result.former).toBeUndefined();
  });

  it("offers a choice among the units of the asked year, the asker's district first", () => {
    const result = resolver.resolve("tan hong", { year: 2022, near: { districtIds: [ids.binhGiang] } });
    expect(result.kind).toBe("choice");
    expect(optionIds(result)[0]).toBe(ids.tanHongBinhGiang);
    expect(optionIds(result)).toEqual(
      expect.arrayContaining([ids.tanHongBinhGiang, ids.tanHongTuSon, ids.huyenTanHong]),
    );
  });

  it("puts the asker's province before other provinces", () => {
    const result = resolver.resolve("tan hong", { year: 2022, near: { provinceIds: [ids.bacNinhOld] } });
    expect(optionIds(result)[0]).toBe(ids.tanHongTuSon);
  });

  it("uses district and province qualifiers typed after the name", () => {
    for (const text of [
      "tan hong binh giang",
      "Tân Hồng, Bình Giang, Hải Dương",
      "Tân Hồng, H. Bình Giang, T. Hải Dương",
    ]) {
      expect(unitId(resolver.resolve(text, { year: 2022 })), text).toBe(ids.tanHongBinhGiang);
    }
    expect(unitId(resolver.resolve("Bình Giang, Tân Hồng", { year: 2022 }))).toBe(ids.tanHongBinhGiang);
  });

  it("says a former unit is former and names its successor", () => {
    const result = resolver.resolve("Tân Hồng Bình Giang", { year: 2022 });
    expect(result.kind).toBe("unit");
    if (result.kind !== "unit") return;
    expect(result.note).toBe("Xã Tân Hồng (cũ), nay thuộc Xã Đường An");
    expect(result.former).toEqual({
      successors: [expect.objectContaining({ id: ids.duongAn })],
      outsideAskedYear: false,
    });
    expect(result.match.validity).toBe("đến 30/06/2025");
    expect(result.match.path).toBe("Xã Tân Hồng, Huyện Bình Giang, Tỉnh Hải Dương");
  });

  it("falls back to a former unit when only it matches, and flags the year", () => {
    const result = resolver.resolve("Sa Rài", { year: 2026 });
    expect(unitId(result)).toBe(ids.saRai);
    expect(result.kind === "unit" && result.former?.outsideAskedYear).toBe(true);
    expect(result.kind === "unit" && result.note).toBe("Thị trấn Sa Rài (cũ), nay thuộc Xã Tân Hồng");
  });

  it("notes a new unit asked for a year before it existed", () => {
    const result = resolver.resolve("Đường An", { year: 2022 });
    expect(unitId(result)).toBe(ids.duongAn);
    expect(result.kind === "unit" && result.note).toBe("Xã Đường An chỉ có từ 01/07/2025.");
  });

  it("prefers the kind a typed prefix names", () => {
    expect(unitId(resolver.resolve("P. Tân Hồng", { year: 2022 }))).toBe(ids.tanHongTuSon);
    expect(unitId(resolver.resolve("xa tan hong", { year: 2022 }))).toBe(ids.tanHongBinhGiang);
    expect(unitId(resolver.resolve("huyen tan hong", { year: 2022 }))).toBe(ids.huyenTanHong);
  });

  it("reads a type word that is also a name word both ways", () => {
    expect(unitId(resolver.resolve("quan son", { year: 2022 }))).toBe(14);
    expect(unitId(resolver.resolve("Huyện Quan Sơn", { year: 2022 }))).toBe(14);
  });

  it("reads numbered wards with glued prefixes", () => {
    for (const text of ["Phường 12, Quận Gò Vấp", "p12 q. go vap", "P.12 Gò Vấp"]) {
      expect(unitId(resolver.resolve(text, { year: 2022 })), text).toBe(ids.phuong12GoVap);
    }
  });

  it("tolerates one typo in a 4–7 letter name and two in a longer one", () => {
    expect(unitId(resolver.resolve("tan hongg"))).toBe(ids.tanHongDongThap);
    expect(unitId(resolver.resolve("tna hong"))).toBe(ids.tanHongDongThap);
    expect(unitId(resolver.resolve("thong nhta gia loc", { year: 2022 }))).toBe(ids.thongNhatGiaLoc);
    expect(unitId(resolver.resolve("thuc khangg", { year: 2022 }))).toBe(26);
    expect(unitId(resolver.resolve("thuuc khangg", { year: 2022 }))).toBe(26);
    expect(resolver.resolve("tanx hongg").kind).toBe("none");
  });

  it("refuses typos in names under four letters", () => {
    expect(resolver.resolve("p13 go vap", { year: 2022 }).kind).toBe("none");
  });

  it("limits a choice and reports the total", () => {
    const result = resolver.resolve("thong nhat", { year: 2025, limit: 2 });
    expect(result.kind).toBe("choice");
    if (result.kind !== "choice") return;
    expect(result.options).toHaveLength(2);
    expect(result.total).toBe(3);
  });

  it("keeps only the asked levels", () => {
    expect(unitId(resolver.resolve("tan hong", { year: 2022, levels: ["district"] }))).toBe(ids.huyenTanHong);
    const communes = resolver.resolve("tan hong", { year: 2022, levels: ["commune"] });
    expect(optionIds(communes).sort()).toEqual([ids.tanHongBinhGiang, ids.tanHongTuSon]);
  });

  it("resolves a five-digit code in the asked year, since codes were reused", () => {
    expect(unitId(resolver.resolve("29926", { year: 2022 }))).toBe(ids.saRai);
    expect(unitId(resolver.resolve("29926"))).toBe(ids.tanHongDongThap);
    expect(resolver.byCode("10972", { year: 2022 }).map((match) => match.unit.id)).toEqual([
      ids.tanHongBinhGiang,
      ids.duongAn,
    ]);
    expect(resolver.byId(ids.duongAn)?.path).toBe("Xã Đường An, Thành phố Hải Phòng");
    expect(resolver.byId(999)).toBeUndefined();
  });

  it("suggests the closest names when nothing matches", () => {
    const result = resolver.resolve("tan hongxx binh giang", { year: 2022 });
    expect(result.kind).toBe("none");
    if (result.kind !== "none") return;
    expect(result.suggestions.map((match) => match.unit.id)).toContain(ids.tanHongBinhGiang);
  });

  it("refuses empty, decorative and overlong input without throwing", () => {
    expect(resolver.resolve("")).toMatchObject({ kind: "invalid", reason: "empty" });
    expect(resolver.resolve("  🏛️\u200b ")).toMatchObject({ kind: "invalid", reason: "empty" });
    expect(resolver.resolve("xã")).toMatchObject({ kind: "invalid", reason: "empty" });
    expect(resolver.resolve("a".repeat(10_000))).toMatchObject({ kind: "invalid", reason: "too_long" });
    expect(resolver.resolve(undefined as unknown as string)).toMatchObject({ kind: "invalid" });
  });

  it("reports its size", () => {
    expect(resolver.size).toBe(sampleUnits.length);
  });
});
