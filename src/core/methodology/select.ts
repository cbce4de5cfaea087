import { ScoringError } from "../errors.ts";
import type { Methodology } from "./schema.ts";

export function findMethodology(list: readonly Methodology[], id: string): Methodology {
  const found = list.find((m) => m.id === id);
  if (!found) {
    throw new ScoringError(
      "UNKNOWN_METHODOLOGY",
      `Không có phương pháp "${id}". Các phương pháp hiện có: ${list.map((m) => m.id).join(", ")}`,
      { methodology: id },
    );
  }
  return found;
}

export interface MethodologyQuery {
  provinceCode: string;
  level: Methodology["level"];
  year: number;
}

/** The methodology valid for a province, level and assessed year; the most recent `from` wins an overlap. */
export function selectMethodology(list: readonly Methodology[], query: MethodologyQuery): Methodology {
  const candidates = list
    .filter(
      (m) =>
        m.jurisdiction.provinceCode === query.provinceCode &&
        m.level === query.level &&
        m.assessedYears.from <= query.year &&
        query.year <= m.assessedYears.to,
    )
    .sort((a, b) => b.assessedYears.from - a.assessedYears.from);
  const chosen = candidates[0];
  if (!chosen) {
    const level = query.level === "commune" ? "cấp xã" : "cấp huyện";
    throw new ScoringError(
      "NO_METHODOLOGY_FOR_YEAR",
      `Không có phương pháp chấm điểm ${level} của tỉnh mã ${query.provinceCode} cho năm đánh giá ${query.year}`,
      { ...query },
    );
  }
  return chosen;
}
