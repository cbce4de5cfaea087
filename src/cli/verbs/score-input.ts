/**
 * From a `unit,criterion_code,score` spreadsheet to scoring-core input, keeping for every (unit, criterion)
 * the line it came from so that the core's refusals can be reported as "Dòng 7: …".
 */
import {
  collectInputProblems,
  type Methodology,
  type ScoringError,
  type UnitInput,
  unitKey,
} from "../../core/index.ts";
import { parseDecimal, readCsv, requireColumns } from "../../csv/index.ts";

export const SCORE_COLUMNS = ["unit", "criterion_code", "score"] as const;

export interface Problem {
  /** The line to sort by; 0 when the problem concerns no single line. */
  line: number;
  text: string;
}

export interface ScoreSheet {
  units: UnitInput[];
  problems: Problem[];
}

interface SheetUnit {
  name: string;
  scores: Record<string, number>;
  /** First line of each criterion code. */
  lines: Map<string, number>;
  /** Codes whose row was refused already: not reported again as missing. */
  refused: Set<string>;
}

/** Reads and checks one score file against the methodology; every problem is collected, none thrown. */
export function readScoreSheet(text: string, methodology: Methodology): ScoreSheet {
  const table = readCsv(text);
  requireColumns(table, SCORE_COLUMNS);
  const problems: Problem[] = [];
  const byUnit = new Map<string, SheetUnit>();

  for (const row of table.rows) {
    const name = row.values.unit ?? "";
    const code = (row.values.criterion_code ?? "").trim();
    const raw = row.values.score ?? "";
    if (name === "") {
      problems.push({ line: row.line, text: `Dòng ${row.line}: thiếu tên đơn vị` });
      continue;
    }
    if (code === "") {
      problems.push({ line: row.line, text: `Dòng ${row.line}: thiếu mã tiêu chí (đơn vị ${name})` });
      continue;
    }
    const key = unitKey(name);
    const unit = byUnit.get(key) ?? {
      name,
      scores: {},
      lines: new Map<string, number>(),
      refused: new Set<string>(),
    };
    byUnit.set(key, unit);
    const earlier = unit.lines.get(code);
    if (earlier !== undefined) {
      problems.push({
        line: row.line,
        text: `Dòng ${row.line}: tiêu chí ${code} của đơn vị ${name} đã có ở dòng ${earlier}`,
      });
      continue;
    }
    unit.lines.set(code, row.line);
    const value = parseDecimal(raw);
    if (!value.ok) {
      unit.refused.add(code);
      problems.push({
        line: row.line,
        text: `Dòng ${row.line}: điểm ${value.reason} (đơn vị ${name}, tiêu chí ${code})`,
      });
      continue;
    }
    unit.scores[code] = value.value;
  }

  const units = [...byUnit.values()].map((u) => ({ unit: u.name, scores: u.scores }));
  for (const u of byUnit.values()) {
    for (const error of collectInputProblems(methodology, { unit: u.name, scores: u.scores })) {
      if (error.code === "MISSING_LEAF" && u.refused.has(error.details.criterion ?? "")) continue;
      problems.push(locate(error, u.lines));
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { units, problems };
}

function locate(error: ScoringError, lines: ReadonlyMap<string, number>): Problem {
  const text = error.message.charAt(0).toLowerCase() + error.message.slice(1);
  const line = error.details.criterion ? lines.get(error.details.criterion) : undefined;
  if (line !== undefined) return { line, text: `Dòng ${line}: ${text}` };
  const all = [...lines.values()];
  const unit = error.details.unit ?? "?";
  const span = all.length > 0 ? ` (dòng ${Math.min(...all)}–${Math.max(...all)})` : "";
  const withoutUnit = text.replace(` (đơn vị ${unit})`, "");
  return { line: all.length > 0 ? Math.min(...all) : 0, text: `Đơn vị ${unit}${span}: ${withoutUnit}` };
}
