/**
 * Which methodology may score a unit: the one of its province and level for the assessed year. The
 * province is the one the unit belonged to while it had that code (codes were reused in July 2025),
 * found by walking up the parents of that unit version, never of today's namesake.
 */
import type { UnitLevel, UnitRecord } from "../domain/unit.ts";
import { builtinMethodologies } from "../methodologies/index.ts";
import type { StoreRepos } from "../store/index.ts";
import { levelName } from "./unit-codes.ts";

/**
 * A methodology of province code "00" applies in every province (a national template, or the benchmarks'
 * synthetic one); a province's own methodology is preferred to it when one fits.
 */
export const NATIONWIDE = "00";

/** The province a unit version belongs to (itself for a province), or null when its chain is broken. */
export function provinceOf(unit: UnitRecord, byId: ReadonlyMap<number, UnitRecord>): UnitRecord | null {
  let current: UnitRecord | undefined = unit;
  // Three levels at most; the bound only guards against a cycle in a damaged register.
  for (let hops = 0; current !== undefined && hops < 4; hops++) {
    if (current.level === "province") return current;
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return null;
}

export interface MethodologyCandidate {
  id: string;
  title: string;
}

export type Fit =
  | { ok: true; id: string }
  | { ok: false; code: "NO_METHODOLOGY_FITS" | "METHODOLOGY_AMBIGUOUS"; reason: string };

interface Known extends MethodologyCandidate {
  provinceCode: string;
  level: UnitLevel;
  from: number;
  to: number;
}

/** The stored and built-in methodologies, read once per file; one fit per province, level and year. */
export class MethodologyFinder {
  private known: Known[] | null = null;
  private readonly fits = new Map<string, Fit>();

  constructor(private readonly repos: StoreRepos) {}

  private async list(): Promise<Known[]> {
    if (this.known !== null) return this.known;
    const byId = new Map<string, Known>();
    for (const m of builtinMethodologies) {
      byId.set(m.id, {
        id: m.id,
        title: m.title,
        provinceCode: m.jurisdiction.provinceCode,
        level: m.level,
        from: m.assessedYears.from,
        to: m.assessedYears.to,
      });
    }
    // A stored methodology of a built-in id replaces it: it is what an import by that id would use.
    for (const m of await this.repos.methodologies.list()) {
      byId.set(m.id, {
        id: m.id,
        title: m.title,
        provinceCode: m.provinceCode,
        level: m.level,
        from: m.yearFrom,
        to: m.yearTo,
      });
    }
    this.known = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
    return this.known;
  }

  async fit(province: UnitRecord, level: UnitLevel, year: number): Promise<Fit> {
    const key = `${province.code}|${level}|${year}`;
    const cached = this.fits.get(key);
    if (cached !== undefined) return cached;
    const applies = (m: Known, code: string) =>
      m.provinceCode === code && m.level === level && m.from <= year && year <= m.to;
    const all = await this.list();
    const own = all.filter((m) => applies(m, province.code));
    const fitting = own.length > 0 ? own : all.filter((m) => applies(m, NATIONWIDE));
    const what = `đơn vị ${levelName(level)} của ${province.name} năm ${year}`;
    let fit: Fit;
    if (fitting.length === 1) fit = { ok: true, id: (fitting[0] as Known).id };
    else if (fitting.length === 0) {
      fit = {
        ok: false,
        code: "NO_METHODOLOGY_FITS",
        reason:
          `không có phương pháp nào cho ${what}; hãy nhập phương pháp trước (import methodology) ` +
          "hoặc ghi rõ bằng --methodology",
      };
    } else {
      fit = {
        ok: false,
        code: "METHODOLOGY_AMBIGUOUS",
        reason:
          `có ${fitting.length} phương pháp phù hợp với ${what} (${fitting.map((m) => m.id).join(", ")}); ` +
          "hãy chọn một bằng --methodology hoặc cột methodology_id",
      };
    }
    this.fits.set(key, fit);
    return fit;
  }
}
