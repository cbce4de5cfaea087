/**
 * Synthetic national-scale inputs shared by the benchmarks: a methodology of `fields` × `leavesPerField`
 * direct leaves, and an assessments CSV giving every listed unit a deterministic score per leaf and year.
 * Sample data only; nothing here is a real methodology or a real score.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";

export const YEARS = [2019, 2020, 2021, 2022, 2023, 2024] as const;

export interface SyntheticShape {
  id: string;
  title: string;
  fields: number;
  leavesPerField: number;
  leafMax: number;
}

/** Fields of direct leaves, bands at 90% and 80%, assessed over `YEARS`, 100 points in all. */
export function syntheticMethodology(shape: SyntheticShape) {
  return {
    id: shape.id,
    version: "1",
    title: shape.title,
    jurisdiction: { province: "Toàn quốc (đo hiệu năng)", provinceCode: "00" },
    level: "commune",
    assessedYears: { from: YEARS[0], to: YEARS[YEARS.length - 1] },
    legalBasis: [],
    sources: [],
    maxPoints: 100,
    fields: Array.from({ length: shape.fields }, (_, f) => ({
      code: `F${f + 1}`,
      name: `Lĩnh vực ${f + 1}`,
      max: shape.leafMax * shape.leavesPerField,
      children: Array.from({ length: shape.leavesPerField }, (_, l) => ({
        code: `F${f + 1}.${l + 1}`,
        name: `Tiêu chí ${f + 1}.${l + 1}`,
        max: shape.leafMax,
        rule: { type: "direct" },
      })),
    })),
    classification: {
      bands: [
        { code: "A", label: "Từ 90%", min: 90 },
        { code: "B", label: "Từ 80% đến dưới 90%", min: 80 },
        { code: "C", label: "Dưới 80%", min: 0 },
      ],
    },
  };
}

export function leafCodes(shape: SyntheticShape): string[] {
  return syntheticMethodology(shape).fields.flatMap((f) => f.children.map((c) => c.code));
}

/**
 * Writes `unit_code,year,criterion_code,score` for every unit × year × leaf, streamed; `score` is
 * given the unit's, year's and leaf's positions. Returns the number of rows.
 */
export async function writeScoresCsv(
  path: string,
  unitCodes: readonly string[],
  leaves: readonly string[],
  score: (unit: number, year: number, leaf: number) => number,
): Promise<number> {
  const out = createWriteStream(path, { encoding: "utf8" });
  out.write("unit_code,year,criterion_code,score\n");
  let rows = 0;
  for (const [u, code] of unitCodes.entries()) {
    const lines: string[] = [];
    for (const year of YEARS) {
      for (const [l, leaf] of leaves.entries()) lines.push(`${code},${year},${leaf},${score(u, year, l)}`);
    }
    rows += lines.length;
    if (!out.write(`${lines.join("\n")}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return rows;
}
